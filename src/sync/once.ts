/**
 * Once: run an initialiser exactly once across all threads.
 *
 * Layout (int32 words):
 *   [0] STATE  {@link INCOMPLETE}, {@link RUNNING} or {@link COMPLETE}
 *
 * The caller that CASes INCOMPLETE→RUNNING runs the function, then stores
 * COMPLETE (or INCOMPLETE again if it threw, so another caller may retry,
 * like C++'s `call_once`) and wakes every waiter. Others sleep while STATE is
 * RUNNING. If the running thread dies, waiters only leave by timeout.
 */
import { cas, load, store } from '../memory/atomics.js';
import { checkHandle } from '../memory/handle.js';
import { allocateWords } from '../memory/layout.js';
import { checkFunction } from '../shared/check.js';
import { WaitWord, cancelledError, checkTimeout, checkWaitOptions, deadlineAfter, remainingUntil, timeoutError } from './wait-word.js';
import type { WaitOptions } from './wait-word.js';

const STATE = 0;
const WORDS = 1;

/** STATE: not run yet (or the last run threw). */
const INCOMPLETE = 0;
/** STATE: a caller is running the function. */
const RUNNING = 1;
/** STATE: the function returned; it will never run again. */
const COMPLETE = 2;

/** The structured-cloneable handle of a {@link Once}. */
export interface OnceHandle {
  readonly kind: 'tessera.Once';
  readonly buffer: SharedArrayBuffer;
}

/**
 * Runs a function once across every thread that shares this object.
 *
 * @example
 * const init = new Once();
 * // in every worker:
 * init.callOnce(() => fillLookupTable(table)); // one runs it, the others wait
 */
export class Once {
  readonly #a: Int32Array;
  readonly #word: WaitWord;

  constructor();
  constructor(handle: OnceHandle);
  constructor(handle?: OnceHandle) {
    this.#a = handle === undefined ? allocateWords(WORDS) : new Int32Array(handle.buffer);
    this.#word = new WaitWord(this.#a, STATE);
  }

  /**
   * The Once described by `handle`, in any thread.
   *
   * @throws {InvalidArgumentError} when `handle` is not a Once handle.
   */
  static fromHandle(handle: OnceHandle): Once {
    return new Once(checkHandle<OnceHandle>(handle, 'tessera.Once'));
  }

  /** The structured-cloneable handle. */
  get handle(): OnceHandle {
    return { kind: 'tessera.Once', buffer: this.#a.buffer as SharedArrayBuffer };
  }

  /** True once the function has completed. */
  get isCompleted(): boolean {
    return load(this.#a, STATE) === COMPLETE;
  }

  /**
   * Runs `fn` if no caller has completed it yet; otherwise waits for the
   * running caller and returns. If `fn` throws, the error propagates and the
   * next caller runs it again.
   *
   * @param timeoutMs give up waiting for another caller's run after this many ms
   * @default timeoutMs Infinity
   * @returns true when this call ran `fn` to completion
   * @throws {TimeoutError} when another caller's run did not finish in time.
   */
  callOnce(fn: () => void, timeoutMs?: number): boolean {
    checkFunction('fn', fn);
    const limit = checkTimeout(timeoutMs);
    const deadline = deadlineAfter(limit);
    for (;;) {
      const s = load(this.#a, STATE);
      if (s === COMPLETE) return false;
      if (s === INCOMPLETE && cas(this.#a, STATE, INCOMPLETE, RUNNING) === INCOMPLETE) {
        try {
          fn();
        } catch (e) {
          this.#finish(INCOMPLETE);
          throw e;
        }
        this.#finish(COMPLETE);
        return true;
      }
      const left = remainingUntil(deadline);
      if (left === 0) throw timeoutError('Once', 'completed', limit);
      this.#word.wait(RUNNING, left);
    }
  }

  /**
   * Async form of {@link Once.callOnce}: `fn` may return a promise, which is
   * awaited while other callers wait.
   *
   * @throws {TimeoutError} or {CancelledError} while waiting for another caller.
   */
  async callOnceAsync(fn: () => unknown, options?: WaitOptions): Promise<boolean> {
    checkFunction('fn', fn);
    const { timeoutMs, signal } = checkWaitOptions(options);
    const deadline = deadlineAfter(timeoutMs);
    for (;;) {
      const s = load(this.#a, STATE);
      if (s === COMPLETE) return false;
      if (s === INCOMPLETE && cas(this.#a, STATE, INCOMPLETE, RUNNING) === INCOMPLETE) {
        try {
          await fn();
        } catch (e) {
          this.#finish(INCOMPLETE);
          throw e;
        }
        this.#finish(COMPLETE);
        return true;
      }
      if (signal?.aborted === true) throw cancelledError('Once', signal);
      const left = remainingUntil(deadline);
      if (left === 0) throw timeoutError('Once', 'completed', timeoutMs);
      await this.#word.waitAsync(RUNNING, left, signal);
    }
  }

  #finish(state: number): void {
    store(this.#a, STATE, state);
    this.#word.wakeAll();
  }
}
