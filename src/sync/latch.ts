/**
 * Latch (CountDownLatch): a one-shot gate that opens when a counter reaches zero.
 *
 * Layout (int32 words):
 *   [0] COUNT  remaining count-downs; waiters sleep while it is non-zero
 *
 * `countDown` lowers COUNT with a CAS (never below zero) and wakes every
 * waiter when it reaches zero. A waiter sleeps on the value it read, so any
 * count-down in between makes its wait return and re-check.
 */
import { cas, load, store } from '../memory/atomics.js';
import { checkHandle } from '../memory/handle.js';
import { allocateWords } from '../memory/layout.js';
import { checkInteger } from '../shared/check.js';
import { SyncMisuseError } from './errors.js';
import { WaitWord, cancelledError, checkTimeout, checkWaitOptions, deadlineAfter, remainingUntil, timeoutError } from './wait-word.js';
import type { WaitOptions } from './wait-word.js';

const COUNT = 0;
const WORDS = 1;

/** The structured-cloneable handle of a {@link Latch}. */
export interface LatchHandle {
  readonly kind: 'tessera.Latch';
  readonly buffer: SharedArrayBuffer;
}

/**
 * A count-down latch: threads wait until `count` count-downs have happened.
 *
 * @example
 * const ready = new Latch(3);
 * // each of 3 workers: init(); ready.countDown();
 * await ready.waitAsync({ timeoutMs: 5000 }); // main thread
 */
export class Latch {
  readonly #a: Int32Array;
  readonly #word: WaitWord;

  /**
   * @param count count-downs needed to open, an integer in [0, 2^31 - 1]
   * @throws {InvalidArgumentError} when `count` is out of range.
   */
  constructor(count: number);
  constructor(count: number, handle: LatchHandle);
  constructor(count: number, handle?: LatchHandle) {
    if (handle === undefined) {
      checkInteger('count', count, 0, 2 ** 31 - 1);
      this.#a = allocateWords(WORDS);
      store(this.#a, COUNT, count);
    } else {
      this.#a = new Int32Array(handle.buffer);
    }
    this.#word = new WaitWord(this.#a, COUNT);
  }

  /**
   * The latch described by `handle`, in any thread.
   *
   * @throws {InvalidArgumentError} when `handle` is not a Latch handle.
   */
  static fromHandle(handle: LatchHandle): Latch {
    return new Latch(0, checkHandle<LatchHandle>(handle, 'tessera.Latch'));
  }

  /** The structured-cloneable handle. */
  get handle(): LatchHandle {
    return { kind: 'tessera.Latch', buffer: this.#a.buffer as SharedArrayBuffer };
  }

  /** Count-downs still needed. */
  get count(): number {
    return load(this.#a, COUNT);
  }

  /**
   * Counts down by `n`; opens the latch when the count reaches zero.
   *
   * @param n count-downs, an integer >= 1
   * @default n 1
   * @throws {SyncMisuseError} when `n` exceeds the remaining count.
   */
  countDown(n = 1): void {
    checkInteger('n', n, 1, 2 ** 31 - 1);
    let c = load(this.#a, COUNT);
    for (;;) {
      if (n > c) throw new SyncMisuseError(`Latch: countDown(${n}) with only ${c} remaining`);
      const seen = cas(this.#a, COUNT, c, c - n);
      if (seen === c) break;
      c = seen;
    }
    if (c === n) this.#word.wakeAll();
  }

  /** True when the latch is open (count is zero). */
  tryWait(): boolean {
    return load(this.#a, COUNT) === 0;
  }

  /**
   * Blocks until the count reaches zero.
   *
   * @param timeoutMs give up after this many ms
   * @default timeoutMs Infinity
   * @throws {TimeoutError} when the latch did not open in time.
   */
  wait(timeoutMs?: number): void {
    const limit = checkTimeout(timeoutMs);
    const deadline = deadlineAfter(limit);
    for (;;) {
      const c = load(this.#a, COUNT);
      if (c === 0) return;
      const left = remainingUntil(deadline);
      if (left === 0) throw timeoutError('Latch', 'opened', limit);
      this.#word.wait(c, left);
    }
  }

  /**
   * Async form of {@link Latch.wait} (main thread).
   *
   * @throws {TimeoutError} or {CancelledError}.
   */
  async waitAsync(options?: WaitOptions): Promise<void> {
    const { timeoutMs, signal } = checkWaitOptions(options);
    const deadline = deadlineAfter(timeoutMs);
    for (;;) {
      const c = load(this.#a, COUNT);
      if (c === 0) return;
      if (signal?.aborted === true) throw cancelledError('Latch', signal);
      const left = remainingUntil(deadline);
      if (left === 0) throw timeoutError('Latch', 'opened', timeoutMs);
      await this.#word.waitAsync(c, left, signal);
    }
  }
}

/** Alias of {@link Latch}, for readers who know it as Java's `CountDownLatch`. */
export const CountDownLatch = Latch;
/** Alias of {@link Latch}. */
export type CountDownLatch = Latch;
