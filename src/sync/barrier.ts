/**
 * Barrier: a reusable rendezvous of a fixed number of parties; the last to
 * arrive in each generation is its leader (like Rust's `BarrierWaitResult`).
 *
 * Layout (int32 words):
 *   [0] STATE    (generation << 16) | arrived; generation wraps at 2^16
 *   [1] PARTIES  number of parties, 1..65535 (immutable)
 *
 * Arrive: CAS arrived + 1; the party that makes it PARTIES instead stores
 * (generation + 1, 0) and wakes everyone: it is the leader. Others sleep while
 * the generation is unchanged. A party whose wait times out withdraws with a
 * CAS arrived − 1 within the same generation; if the generation moved first,
 * the barrier completed and its wait succeeds. A generation cannot advance
 * twice while a party sleeps (it needs that party), so 16 bits are enough.
 */
import { cas, load, store } from '../memory/atomics.js';
import { checkHandle } from '../memory/handle.js';
import { allocateWords } from '../memory/layout.js';
import { checkInteger } from '../shared/check.js';
import { WaitWord, cancelledError, checkTimeout, checkWaitOptions, deadlineAfter, remainingUntil, timeoutError } from './wait-word.js';
import type { WaitOptions } from './wait-word.js';

const STATE = 0;
const PARTIES = 1;
const WORDS = 2;
const COUNT_MASK = 0xffff;

/** What a party learns when the barrier opens. */
export interface BarrierWaitResult {
  /** True for exactly one party per generation: the last to arrive. */
  readonly isLeader: boolean;
  /** The generation that completed (wraps at 2^16). */
  readonly generation: number;
}

/** The structured-cloneable handle of a {@link Barrier}. */
export interface BarrierHandle {
  readonly kind: 'tessera.Barrier';
  readonly buffer: SharedArrayBuffer;
}

/**
 * A reusable barrier for `parties` threads (or async tasks on the main thread).
 *
 * @example
 * const b = new Barrier(4);
 * // in each of 4 workers, every step:
 * const { isLeader } = b.wait();
 * if (isLeader) swapBuffers();
 */
export class Barrier {
  readonly #a: Int32Array;
  readonly #word: WaitWord;

  /**
   * @param parties threads that must arrive, in [1, 65535]
   * @throws {InvalidArgumentError} when `parties` is out of range.
   */
  constructor(parties: number);
  constructor(parties: number, handle: BarrierHandle);
  constructor(parties: number, handle?: BarrierHandle) {
    if (handle === undefined) {
      checkInteger('parties', parties, 1, COUNT_MASK);
      this.#a = allocateWords(WORDS);
      store(this.#a, PARTIES, parties);
    } else {
      this.#a = new Int32Array(handle.buffer);
    }
    this.#word = new WaitWord(this.#a, STATE);
  }

  /**
   * The barrier described by `handle`, in any thread.
   *
   * @throws {InvalidArgumentError} when `handle` is not a Barrier handle.
   */
  static fromHandle(handle: BarrierHandle): Barrier {
    return new Barrier(0, checkHandle<BarrierHandle>(handle, 'tessera.Barrier'));
  }

  /** The structured-cloneable handle. */
  get handle(): BarrierHandle {
    return { kind: 'tessera.Barrier', buffer: this.#a.buffer as SharedArrayBuffer };
  }

  /** Number of parties. */
  get parties(): number {
    return load(this.#a, PARTIES);
  }

  /** The current generation (completed rounds, modulo 2^16). */
  get generation(): number {
    return load(this.#a, STATE) >>> 16;
  }

  /** Parties that have arrived in the current generation. */
  get arrived(): number {
    return load(this.#a, STATE) & COUNT_MASK;
  }

  /**
   * Arrives and blocks until all parties have arrived.
   *
   * @param timeoutMs withdraw and throw after this many ms
   * @default timeoutMs Infinity
   * @throws {TimeoutError} when the others did not arrive in time (this party withdrew).
   */
  wait(timeoutMs?: number): BarrierWaitResult {
    const limit = checkTimeout(timeoutMs);
    const gen = this.#arrive();
    if (gen < 0) return { isLeader: true, generation: ~gen };
    const deadline = deadlineAfter(limit);
    for (;;) {
      const s = load(this.#a, STATE);
      if (s >>> 16 !== gen) return { isLeader: false, generation: gen };
      const left = remainingUntil(deadline);
      if (left === 0) {
        if (cas(this.#a, STATE, s, (s - 1) | 0) === s) throw timeoutError('Barrier', 'completed', limit);
        continue;
      }
      this.#word.wait(s, left);
    }
  }

  /**
   * Async form of {@link Barrier.wait} (main thread).
   *
   * @throws {TimeoutError} or {CancelledError} after withdrawing.
   */
  async waitAsync(options?: WaitOptions): Promise<BarrierWaitResult> {
    const { timeoutMs, signal } = checkWaitOptions(options);
    const gen = this.#arrive();
    if (gen < 0) return { isLeader: true, generation: ~gen };
    const deadline = deadlineAfter(timeoutMs);
    for (;;) {
      const s = load(this.#a, STATE);
      if (s >>> 16 !== gen) return { isLeader: false, generation: gen };
      const left = remainingUntil(deadline);
      if (left === 0 || signal?.aborted === true) {
        if (cas(this.#a, STATE, s, (s - 1) | 0) === s) throw left === 0 ? timeoutError('Barrier', 'completed', timeoutMs) : cancelledError('Barrier', signal);
        continue;
      }
      await this.#word.waitAsync(s, left, signal);
    }
  }

  /** Counts this party in; returns the generation to wait on, or `~generation` for the leader. */
  #arrive(): number {
    const a = this.#a;
    const parties = load(a, PARTIES);
    let s = load(a, STATE);
    for (;;) {
      const gen = s >>> 16;
      const last = (s & COUNT_MASK) + 1 === parties;
      const next = last ? (((gen + 1) & COUNT_MASK) << 16) | 0 : (s + 1) | 0;
      const seen = cas(a, STATE, s, next);
      if (seen === s) {
        if (!last) return gen;
        this.#word.wakeAll();
        return ~gen;
      }
      s = seen;
    }
  }
}
