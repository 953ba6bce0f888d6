/**
 * Mutex: mutual exclusion over one wait word (Drepper's three-state futex
 * mutex, "Futexes are tricky", mutex 2), plus an owner word for misuse checks.
 *
 * Layout (int32 words; see sync/README.md):
 *   [0] STATE   {@link UNLOCKED}, {@link LOCKED} or {@link CONTENDED}
 *   [1] OWNER   {@link currentThreadId} of the holder; 0 when unlocked
 *   [8..15]     contention statistics (when enabled)
 *
 * Lock: CAS UNLOCKED→LOCKED; else spin a little; else swap in CONTENDED and
 * sleep while STATE == CONTENDED, swapping CONTENDED in again after each
 * wake (a waiter that swaps out UNLOCKED owns the lock). Unlock: swap in
 * UNLOCKED; if the old value was CONTENDED, wake one waiter. A woken waiter
 * always retries before it looks at its deadline, so no wake-up is dropped.
 * Not fair: a running thread may overtake a woken one (see Semaphore for FIFO).
 */
import { cas, exchange, load, spinHint, store } from '../memory/atomics.js';
import { checkHandle } from '../memory/handle.js';
import { allocateWords } from '../memory/layout.js';
import type { LockStats } from './contention-stats.js';
import { KIND_MUTEX, MODE_EXCLUSIVE } from './deadlock-detector.js';
import { DeadlockError, LockNotHeldError } from './errors.js';
import { diagnosticsFromHandle, diagnosticsHandle, lockDiagnostics } from './lock-options.js';
import type { LockDiagnostics, LockHandleFields, LockOptions } from './lock-options.js';
import { currentThreadId } from './thread-id.js';
import { WaitWord, cancelledError, checkTimeout, checkWaitOptions, deadlineAfter, now, remainingUntil, timeoutError } from './wait-word.js';
import type { WaitOptions } from './wait-word.js';

const STATE = 0;
const OWNER = 1;
const STATS_BASE = 8;
const WORDS = 16;

/** STATE: free. */
const UNLOCKED = 0;
/** STATE: held, no thread is known to wait. */
const LOCKED = 1;
/** STATE: held, and threads may be waiting: unlock must wake one. */
const CONTENDED = 2;

/** Failed CAS attempts spent spinning before sleeping. */
const SPIN_LIMIT = 64;

/** Options of {@link Mutex}. */
export type MutexOptions = LockOptions;

/** The structured-cloneable handle of a {@link Mutex}. */
export interface MutexHandle extends LockHandleFields {
  readonly kind: 'tessera.Mutex';
}

/**
 * A mutual-exclusion lock in shared memory, usable from every thread that
 * has it (pass `mutex.handle` and rebuild with {@link Mutex.fromHandle}).
 * Workers use the blocking {@link Mutex.lock}; the main thread uses
 * {@link Mutex.lockAsync} (Node lets the main thread block, but it freezes
 * the event loop). Not reentrant; not fair.
 *
 * @example
 * const m = new Mutex({ name: 'totals' });
 * {
 *   using g = m.lock(); // released at the end of the block
 *   totals[0] += 1;
 * }
 * const g = await m.lockAsync({ timeoutMs: 100 }); // main thread
 * try { totals[0] += 1; } finally { g.unlock(); }
 */
export class Mutex {
  readonly #a: Int32Array;
  readonly #word: WaitWord;
  readonly #d: LockDiagnostics;

  /**
   * @param options name, statistics and deadlock detection
   * @throws {InvalidArgumentError} for bad options.
   */
  constructor(options?: MutexOptions);
  constructor(options: MutexOptions | undefined, handle: MutexHandle);
  constructor(options?: MutexOptions, handle?: MutexHandle) {
    if (handle === undefined) {
      this.#a = allocateWords(WORDS);
      this.#d = lockDiagnostics(options, 'Mutex', KIND_MUTEX, this.#a, STATS_BASE);
    } else {
      this.#a = new Int32Array(handle.buffer);
      this.#d = diagnosticsFromHandle(handle, this.#a, STATS_BASE);
    }
    this.#word = new WaitWord(this.#a, STATE);
  }

  /**
   * The mutex described by `handle` (from {@link Mutex.handle}, in any thread).
   *
   * @throws {InvalidArgumentError} when `handle` is not a Mutex handle.
   */
  static fromHandle(handle: MutexHandle): Mutex {
    return new Mutex(undefined, checkHandle<MutexHandle>(handle, 'tessera.Mutex'));
  }

  /** The structured-cloneable handle; survives `postMessage` and `structuredClone`. */
  get handle(): MutexHandle {
    return { kind: 'tessera.Mutex', ...diagnosticsHandle(this.#d, this.#a.buffer as SharedArrayBuffer) };
  }

  /** The name given at creation. */
  get name(): string {
    return this.#d.name;
  }

  /** True while some thread holds the lock (a racy hint). */
  isLocked(): boolean {
    return load(this.#a, STATE) !== UNLOCKED;
  }

  /** Takes the lock if it is free, without waiting; `undefined` when it is held. */
  tryLock(): MutexGuard | undefined {
    if (cas(this.#a, STATE, UNLOCKED, LOCKED) !== UNLOCKED) return undefined;
    this.#acquired(false, 0);
    return new MutexGuard(this);
  }

  /**
   * Takes the lock, blocking the thread until it is free (workers; see the class note for the main thread).
   *
   * @param timeoutMs give up after this many ms
   * @default timeoutMs Infinity
   * @throws {TimeoutError} when not acquired in time.
   * @throws {DeadlockError} when this thread already holds it, or (with a detector) on a wait-for cycle.
   * @throws {BlockingNotAllowedError} on a thread that may not block.
   */
  lock(timeoutMs?: number): MutexGuard {
    const limit = checkTimeout(timeoutMs);
    const a = this.#a;
    if (cas(a, STATE, UNLOCKED, LOCKED) === UNLOCKED) {
      this.#acquired(false, 0);
      return new MutexGuard(this);
    }
    const start = now();
    for (let k = 0; k < SPIN_LIMIT; k++) {
      spinHint(8);
      if (load(a, STATE) === UNLOCKED && cas(a, STATE, UNLOCKED, LOCKED) === UNLOCKED) {
        this.#acquired(true, start);
        return new MutexGuard(this);
      }
    }
    if (load(a, OWNER) === currentThreadId()) throw new DeadlockError([`thread ${currentThreadId()}`], [this.#d.name]);
    const deadline = deadlineAfter(limit);
    const scope = this.#d.detector?.beginWait(this.#d.lockSlot, MODE_EXCLUSIVE);
    try {
      while (exchange(a, STATE, CONTENDED) !== UNLOCKED) {
        const left = remainingUntil(deadline);
        if (left === 0) {
          this.#d.stats?.gaveUp(now() - start);
          throw timeoutError(`Mutex "${this.#d.name}"`, 'acquired', limit);
        }
        this.#word.wait(CONTENDED, scope === undefined ? left : scope.sliceMs(left));
        scope?.check();
      }
    } finally {
      scope?.end();
    }
    this.#acquired(true, start);
    return new MutexGuard(this);
  }

  /**
   * Takes the lock without blocking the event loop.
   *
   * @param options `timeoutMs` and `signal`
   * @throws {TimeoutError} when not acquired in time (the promise rejects).
   * @throws {CancelledError} when `signal` aborts first.
   */
  async lockAsync(options?: WaitOptions): Promise<MutexGuard> {
    const { timeoutMs, signal } = checkWaitOptions(options);
    const a = this.#a;
    if (cas(a, STATE, UNLOCKED, LOCKED) === UNLOCKED) {
      this.#acquired(false, 0);
      return new MutexGuard(this);
    }
    const start = now();
    const deadline = deadlineAfter(timeoutMs);
    while (exchange(a, STATE, CONTENDED) !== UNLOCKED) {
      const left = remainingUntil(deadline);
      if (left === 0 || signal?.aborted === true) {
        this.#d.stats?.gaveUp(now() - start);
        throw left === 0 ? timeoutError(`Mutex "${this.#d.name}"`, 'acquired', timeoutMs) : cancelledError(`Mutex "${this.#d.name}"`, signal);
      }
      await this.#word.waitAsync(CONTENDED, left, signal);
    }
    this.#acquired(true, start);
    return new MutexGuard(this);
  }

  /**
   * Runs `fn` holding the lock and releases it afterwards, also when `fn` throws.
   *
   * @throws whatever {@link Mutex.lock} or `fn` throws.
   */
  withLock<T>(fn: () => T, timeoutMs?: number): T {
    using _g = this.lock(timeoutMs);
    return fn();
  }

  /** Async form of {@link Mutex.withLock}: awaits `fn` while holding the lock. */
  async withLockAsync<T>(fn: () => T | Promise<T>, options?: WaitOptions): Promise<T> {
    const g = await this.lockAsync(options);
    try {
      return await fn();
    } finally {
      g.unlock();
    }
  }

  /**
   * Releases the lock held by this thread. Prefer the guard's `unlock()` or `using`.
   *
   * @throws {LockNotHeldError} when the lock is free or held by another thread.
   */
  unlock(): void {
    const a = this.#a;
    const me = currentThreadId();
    const owner = load(a, OWNER);
    if (owner !== me || load(a, STATE) === UNLOCKED) {
      throw new LockNotHeldError(`Mutex "${this.#d.name}"`, owner === 0 ? 'unlock of a mutex that is not locked' : 'unlock by a thread that does not hold it');
    }
    this.#d.detector?.releasing(this.#d.lockSlot, MODE_EXCLUSIVE);
    store(a, OWNER, 0);
    if (exchange(a, STATE, UNLOCKED) === CONTENDED) this.#word.wakeOne();
  }

  /** Contention statistics, or `undefined` when created without `{ stats: true }`. */
  stats(): LockStats | undefined {
    return this.#d.stats?.snapshot();
  }

  /** Zeroes the statistics (call while the lock is idle). */
  resetStats(): void {
    this.#d.stats?.reset();
  }

  #acquired(contended: boolean, start: number): void {
    store(this.#a, OWNER, currentThreadId());
    const stats = this.#d.stats;
    if (stats !== undefined) {
      if (contended) stats.contended(now() - start);
      else stats.uncontended();
    }
    this.#d.detector?.acquired(this.#d.lockSlot, MODE_EXCLUSIVE);
  }
}

/**
 * Proof of holding a {@link Mutex}. Release it once, with `unlock()` or by
 * scope exit (`using`); disposing an already unlocked guard does nothing.
 */
export class MutexGuard implements Disposable {
  /** The mutex this guard holds. */
  readonly mutex: Mutex;
  #released = false;

  constructor(mutex: Mutex) {
    this.mutex = mutex;
  }

  /** True once this guard has unlocked. */
  get released(): boolean {
    return this.#released;
  }

  /**
   * Releases the lock.
   *
   * @throws {LockNotHeldError} when this guard already unlocked, or the lock is not held by this thread.
   */
  unlock(): void {
    if (this.#released) throw new LockNotHeldError(`Mutex "${this.mutex.name}"`, 'this guard was already unlocked');
    this.#released = true;
    this.mutex.unlock();
  }

  /** Releases the lock unless already released (for `using`). */
  [Symbol.dispose](): void {
    if (!this.#released) this.unlock();
  }
}
