/**
 * Condvar: wait for a condition protected by a {@link Mutex}.
 *
 * Layout (int32 words):
 *   [0] SEQ      sequence word: every notify adds 1, waiters sleep on it
 *   [1] WAITERS  threads between "announce" and "done waiting"
 *
 * No lost wake-ups: a waiter announces itself in WAITERS and reads SEQ
 * *before* it unlocks the mutex, then sleeps while SEQ is unchanged. A
 * notifier that changed the condition under the mutex (so after the waiter
 * unlocked) sees WAITERS > 0 and bumps SEQ, so either the bump happens before
 * the sleep (the wait returns at once) or it wakes the sleeper.
 * Wake-ups may be spurious: re-check the condition (or use `waitWhile`).
 */
import { add, load, sub } from '../memory/atomics.js';
import { checkHandle } from '../memory/handle.js';
import { allocateWords } from '../memory/layout.js';
import { checkFunction, checkOptions } from '../shared/check.js';
import { InvalidArgumentError } from '../shared/errors.js';
import { LockNotHeldError } from './errors.js';
import { MutexGuard } from './mutex.js';
import { WaitWord, cancelledError, checkTimeout, checkWaitOptions, deadlineAfter, remainingUntil } from './wait-word.js';
import type { WaitOptions } from './wait-word.js';

const SEQ = 0;
const WAITERS = 1;
const WORDS = 2;

/** Options of {@link Condvar}. */
export interface CondvarOptions {
  /** Name used in error messages. @default "Condvar" */
  name?: string;
}

/** The structured-cloneable handle of a {@link Condvar}. */
export interface CondvarHandle {
  readonly kind: 'tessera.Condvar';
  readonly buffer: SharedArrayBuffer;
  readonly name: string;
}

/**
 * A condition variable in shared memory, used with any {@link Mutex}.
 *
 * @example
 * // consumer (worker)
 * using g = mutex.lock();
 * cv.waitWhile(g, () => queue[0] === 0); // sleeps with the mutex released
 * // producer
 * { using g = mutex.lock(); queue[0] = 1; }
 * cv.notifyOne();
 */
export class Condvar {
  readonly #a: Int32Array;
  readonly #seq: WaitWord;
  readonly #name: string;

  /** @throws {InvalidArgumentError} for bad options. */
  constructor(options?: CondvarOptions);
  constructor(options: CondvarOptions | undefined, handle: CondvarHandle);
  constructor(options?: CondvarOptions, handle?: CondvarHandle) {
    if (handle === undefined) {
      const o = checkOptions('options', options);
      if (o.name !== undefined && typeof o.name !== 'string') throw new InvalidArgumentError('options.name', o.name, 'a string');
      this.#a = allocateWords(WORDS);
      this.#name = o.name ?? 'Condvar';
    } else {
      this.#a = new Int32Array(handle.buffer);
      this.#name = handle.name;
    }
    this.#seq = new WaitWord(this.#a, SEQ);
  }

  /**
   * The condvar described by `handle`, in any thread.
   *
   * @throws {InvalidArgumentError} when `handle` is not a Condvar handle.
   */
  static fromHandle(handle: CondvarHandle): Condvar {
    return new Condvar(undefined, checkHandle<CondvarHandle>(handle, 'tessera.Condvar'));
  }

  /** The structured-cloneable handle. */
  get handle(): CondvarHandle {
    return { kind: 'tessera.Condvar', buffer: this.#a.buffer as SharedArrayBuffer, name: this.#name };
  }

  /**
   * Releases the guard's mutex, sleeps until notified (or spuriously woken),
   * and re-locks the mutex before returning (without a time limit).
   *
   * @param guard a held guard of the protecting mutex
   * @param timeoutMs stop waiting after this many ms
   * @default timeoutMs Infinity
   * @returns false when the time ran out, true otherwise
   * @throws {LockNotHeldError} when `guard` is released (or not held by this thread).
   */
  wait(guard: MutexGuard, timeoutMs?: number): boolean {
    const limit = checkTimeout(timeoutMs);
    const mutex = this.#enter(guard);
    const seq = load(this.#a, SEQ);
    let result: string;
    try {
      mutex.unlock();
    } catch (e) {
      sub(this.#a, WAITERS, 1);
      throw e;
    }
    try {
      result = this.#seq.wait(seq, limit);
    } finally {
      sub(this.#a, WAITERS, 1);
      mutex.lock();
    }
    return result !== 'timed-out';
  }

  /**
   * Waits while `predicate()` is true (checked with the mutex held).
   *
   * @returns true when the predicate became false, false when the time ran out first
   * @throws {LockNotHeldError} when `guard` is not held.
   */
  waitWhile(guard: MutexGuard, predicate: () => boolean, timeoutMs?: number): boolean {
    checkFunction('predicate', predicate);
    const deadline = deadlineAfter(checkTimeout(timeoutMs));
    while (predicate()) {
      const left = remainingUntil(deadline);
      if (left === 0) return false;
      this.wait(guard, left);
    }
    return true;
  }

  /**
   * Async form of {@link Condvar.wait} (main thread): re-locks with `lockAsync`.
   *
   * @returns false when the time ran out, true otherwise
   * @throws {CancelledError} when `signal` aborts (the mutex is re-locked first).
   * @throws {LockNotHeldError} when `guard` is not held.
   */
  async waitAsync(guard: MutexGuard, options?: WaitOptions): Promise<boolean> {
    const { timeoutMs, signal } = checkWaitOptions(options);
    const mutex = this.#enter(guard);
    const seq = load(this.#a, SEQ);
    try {
      mutex.unlock();
    } catch (e) {
      sub(this.#a, WAITERS, 1);
      throw e;
    }
    let result: string;
    try {
      result = await this.#seq.waitAsync(seq, timeoutMs, signal);
    } finally {
      sub(this.#a, WAITERS, 1);
      await mutex.lockAsync();
    }
    if (result === 'aborted') throw cancelledError(`Condvar "${this.#name}"`, signal);
    return result !== 'timed-out';
  }

  /** Async form of {@link Condvar.waitWhile}. @throws {CancelledError} @throws {LockNotHeldError} */
  async waitWhileAsync(guard: MutexGuard, predicate: () => boolean, options?: WaitOptions): Promise<boolean> {
    checkFunction('predicate', predicate);
    const { timeoutMs, signal } = checkWaitOptions(options);
    const deadline = deadlineAfter(timeoutMs);
    while (predicate()) {
      const left = remainingUntil(deadline);
      if (left === 0) return false;
      await this.waitAsync(guard, signal === undefined ? { timeoutMs: left } : { timeoutMs: left, signal });
    }
    return true;
  }

  /** Wakes one waiting thread (if any). */
  notifyOne(): void {
    if (load(this.#a, WAITERS) > 0) this.#seq.bump(1);
  }

  /** Wakes every waiting thread. */
  notifyAll(): void {
    if (load(this.#a, WAITERS) > 0) this.#seq.bump();
  }

  #enter(guard: MutexGuard): MutexGuard['mutex'] {
    if (!(guard instanceof MutexGuard)) throw new InvalidArgumentError('guard', guard, 'a MutexGuard');
    if (guard.released) throw new LockNotHeldError(`Mutex "${guard.mutex.name}"`, `Condvar "${this.#name}" wait with a released guard`);
    add(this.#a, WAITERS, 1);
    return guard.mutex;
  }
}
