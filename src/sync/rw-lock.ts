/**
 * RwLock: many readers or one writer, with writer preference.
 *
 * Layout (int32 words; see sync/README.md):
 *   [0] STATE            n >= 0: held by n readers (0 = free); {@link WRITE_LOCKED}: held by a writer
 *   [1] OWNER            {@link currentThreadId} of the writer; 0 otherwise
 *   [2] WRITERS_WAITING  writers inside their slow path (waiting or about to)
 *   [3] READERS_WAITING  readers inside their slow path
 *   [4] READ_SEQ         sequence word readers sleep on
 *   [5] WRITE_SEQ        sequence word writers sleep on
 *   [8..15]              contention statistics (when enabled)
 *
 * Writer preference: a reader enters only when STATE >= 0 *and*
 * WRITERS_WAITING == 0, so once a writer waits, new readers queue behind it
 * and the writer gets the lock as soon as the current readers leave. When a
 * writer unlocks it wakes the next writer if any waits, else all readers.
 * Continuous writers can therefore starve readers; a reader that already
 * holds the lock and asks again while a writer waits deadlocks (the
 * detector reports this case).
 *
 * Wake-up safety (Dekker pairs under sequentially consistent atomics): a
 * sleeper announces itself in *_WAITING before re-checking; a releaser
 * changes STATE before reading *_WAITING and bumps the sequence word, so
 * either the sleeper sees the new STATE or the releaser sees the sleeper.
 */
import { add, cas, load, store, sub } from '../memory/atomics.js';
import { checkHandle } from '../memory/handle.js';
import { allocateWords } from '../memory/layout.js';
import type { LockStats } from './contention-stats.js';
import { KIND_RWLOCK, MODE_EXCLUSIVE, MODE_SHARED } from './deadlock-detector.js';
import { DeadlockError, LockNotHeldError } from './errors.js';
import { diagnosticsFromHandle, diagnosticsHandle, lockDiagnostics } from './lock-options.js';
import type { LockDiagnostics, LockHandleFields, LockOptions } from './lock-options.js';
import { currentThreadId } from './thread-id.js';
import { WaitWord, blockUntil, cancelledError, checkTimeout, checkWaitOptions, deadlineAfter, now, timeoutError, waitUntilAsync } from './wait-word.js';
import type { WaitOptions, WaitOutcome } from './wait-word.js';

const STATE = 0;
const OWNER = 1;
const WRITERS_WAITING = 2;
const READERS_WAITING = 3;
const READ_SEQ = 4;
const WRITE_SEQ = 5;
const STATS_BASE = 8;
const WORDS = 16;

/** STATE: held by a writer. */
const WRITE_LOCKED = -1;
/** STATE: free. */
const FREE = 0;

/** Options of {@link RwLock}. */
export type RwLockOptions = LockOptions;

/** The structured-cloneable handle of an {@link RwLock}. */
export interface RwLockHandle extends LockHandleFields {
  readonly kind: 'tessera.RwLock';
}

/**
 * A readers-writer lock in shared memory with writer preference (see the
 * file note). Blocking `read()`/`write()` for workers, `readAsync()`/
 * `writeAsync()` for the main thread; guards are `Disposable`.
 *
 * @example
 * const table = new RwLock({ name: 'table' });
 * { using r = table.read(); lookup(); }      // many readers at once
 * { using w = table.write(100); update(); }  // one writer, 100 ms timeout
 */
export class RwLock {
  readonly #a: Int32Array;
  readonly #readSeq: WaitWord;
  readonly #writeSeq: WaitWord;
  readonly #d: LockDiagnostics;
  readonly #tryRead = (): boolean => this.#tryReadRaw();
  readonly #tryWrite = (): boolean => cas(this.#a, STATE, FREE, WRITE_LOCKED) === FREE;

  /**
   * @param options name, statistics and deadlock detection
   * @throws {InvalidArgumentError} for bad options.
   */
  constructor(options?: RwLockOptions);
  constructor(options: RwLockOptions | undefined, handle: RwLockHandle);
  constructor(options?: RwLockOptions, handle?: RwLockHandle) {
    if (handle === undefined) {
      this.#a = allocateWords(WORDS);
      this.#d = lockDiagnostics(options, 'RwLock', KIND_RWLOCK, this.#a, STATS_BASE);
    } else {
      this.#a = new Int32Array(handle.buffer);
      this.#d = diagnosticsFromHandle(handle, this.#a, STATS_BASE);
    }
    this.#readSeq = new WaitWord(this.#a, READ_SEQ);
    this.#writeSeq = new WaitWord(this.#a, WRITE_SEQ);
  }

  /**
   * The lock described by `handle`, in any thread.
   *
   * @throws {InvalidArgumentError} when `handle` is not an RwLock handle.
   */
  static fromHandle(handle: RwLockHandle): RwLock {
    return new RwLock(undefined, checkHandle<RwLockHandle>(handle, 'tessera.RwLock'));
  }

  /** The structured-cloneable handle. */
  get handle(): RwLockHandle {
    return { kind: 'tessera.RwLock', ...diagnosticsHandle(this.#d, this.#a.buffer as SharedArrayBuffer) };
  }

  /** The name given at creation. */
  get name(): string {
    return this.#d.name;
  }

  /** Readers holding the lock now, or -1 while a writer holds it (a racy hint). */
  get readers(): number {
    return load(this.#a, STATE);
  }

  /** A read guard if no writer holds or waits for the lock, else `undefined`. */
  tryRead(): RwLockReadGuard | undefined {
    if (!this.#tryReadRaw()) return undefined;
    this.#acquired(MODE_SHARED, false, 0);
    return new RwLockReadGuard(this);
  }

  /** A write guard if the lock is free, else `undefined`. */
  tryWrite(): RwLockWriteGuard | undefined {
    if (!this.#tryWrite()) return undefined;
    this.#acquired(MODE_EXCLUSIVE, false, 0);
    return new RwLockWriteGuard(this);
  }

  /**
   * Takes a shared (read) hold, blocking while a writer holds or waits.
   *
   * @param timeoutMs give up after this many ms
   * @default timeoutMs Infinity
   * @throws {TimeoutError} when not acquired in time.
   * @throws {DeadlockError} when this thread holds the write lock, or (with a detector) on a wait-for cycle.
   */
  read(timeoutMs?: number): RwLockReadGuard {
    const limit = checkTimeout(timeoutMs);
    if (this.#tryReadRaw()) {
      this.#acquired(MODE_SHARED, false, 0);
      return new RwLockReadGuard(this);
    }
    this.#block(MODE_SHARED, limit);
    return new RwLockReadGuard(this);
  }

  /**
   * Takes the exclusive (write) hold, blocking until readers and writer leave.
   *
   * @param timeoutMs give up after this many ms
   * @default timeoutMs Infinity
   * @throws {TimeoutError} when not acquired in time.
   * @throws {DeadlockError} when this thread holds the write lock, or (with a detector) on a wait-for cycle.
   */
  write(timeoutMs?: number): RwLockWriteGuard {
    const limit = checkTimeout(timeoutMs);
    if (this.#tryWrite()) {
      this.#acquired(MODE_EXCLUSIVE, false, 0);
      return new RwLockWriteGuard(this);
    }
    this.#block(MODE_EXCLUSIVE, limit);
    return new RwLockWriteGuard(this);
  }

  /** Async form of {@link RwLock.read} (main thread). @throws {TimeoutError} @throws {CancelledError} */
  async readAsync(options?: WaitOptions): Promise<RwLockReadGuard> {
    await this.#acquireAsync(MODE_SHARED, options);
    return new RwLockReadGuard(this);
  }

  /** Async form of {@link RwLock.write} (main thread). @throws {TimeoutError} @throws {CancelledError} */
  async writeAsync(options?: WaitOptions): Promise<RwLockWriteGuard> {
    await this.#acquireAsync(MODE_EXCLUSIVE, options);
    return new RwLockWriteGuard(this);
  }

  /**
   * Releases one shared hold. Prefer the guard.
   *
   * @throws {LockNotHeldError} when no reader holds the lock.
   */
  readUnlock(): void {
    const a = this.#a;
    let s = load(a, STATE);
    if (s <= 0) throw this.#notReading(s);
    this.#d.detector?.releasing(this.#d.lockSlot, MODE_SHARED);
    for (;;) {
      const seen = cas(a, STATE, s, s - 1);
      if (seen === s) break;
      if (seen <= 0) throw this.#notReading(seen);
      s = seen;
    }
    if (s === 1 && load(a, WRITERS_WAITING) > 0) this.#writeSeq.bump(1);
  }

  /**
   * Releases the write hold. Prefer the guard.
   *
   * @throws {LockNotHeldError} when this thread does not hold the write lock.
   */
  writeUnlock(): void {
    const a = this.#a;
    if (load(a, STATE) !== WRITE_LOCKED || load(a, OWNER) !== currentThreadId()) {
      throw new LockNotHeldError(`RwLock "${this.#d.name}"`, 'write unlock by a thread that does not hold the write lock');
    }
    this.#d.detector?.releasing(this.#d.lockSlot, MODE_EXCLUSIVE);
    store(a, OWNER, 0);
    store(a, STATE, FREE);
    if (load(a, WRITERS_WAITING) > 0) this.#writeSeq.bump(1);
    else if (load(a, READERS_WAITING) > 0) this.#readSeq.bump();
  }

  /** Contention statistics (both modes), or `undefined` without `{ stats: true }`. */
  stats(): LockStats | undefined {
    return this.#d.stats?.snapshot();
  }

  /** Zeroes the statistics (call while the lock is idle). */
  resetStats(): void {
    this.#d.stats?.reset();
  }

  #notReading(state: number): LockNotHeldError {
    return new LockNotHeldError(`RwLock "${this.#d.name}"`, state === 0 ? 'read unlock of a lock that is not held' : 'read unlock while a writer holds it');
  }

  #tryReadRaw(): boolean {
    const a = this.#a;
    for (;;) {
      const s = load(a, STATE);
      if (s < 0 || load(a, WRITERS_WAITING) !== 0) return false;
      if (cas(a, STATE, s, s + 1) === s) return true;
    }
  }

  #block(mode: number, limit: number): void {
    const a = this.#a;
    if (load(a, OWNER) === currentThreadId() && load(a, STATE) === WRITE_LOCKED) {
      throw new DeadlockError([`thread ${currentThreadId()}`], [this.#d.name]);
    }
    const start = now();
    const scope = this.#d.detector?.beginWait(this.#d.lockSlot, mode);
    const writer = mode === MODE_EXCLUSIVE;
    add(a, writer ? WRITERS_WAITING : READERS_WAITING, 1);
    let outcome: WaitOutcome = 'timed-out';
    try {
      outcome = writer
        ? blockUntil(this.#writeSeq, this.#tryWrite, deadlineAfter(limit), scope)
        : blockUntil(this.#readSeq, this.#tryRead, deadlineAfter(limit), scope);
    } finally {
      scope?.end();
      this.#leaveSlowPath(writer, outcome === 'done');
    }
    if (outcome !== 'done') {
      this.#d.stats?.gaveUp(now() - start);
      throw timeoutError(`RwLock "${this.#d.name}"`, writer ? 'write-locked' : 'read-locked', limit);
    }
    this.#acquired(mode, true, start);
  }

  async #acquireAsync(mode: number, options: WaitOptions | undefined): Promise<void> {
    const { timeoutMs, signal } = checkWaitOptions(options);
    const writer = mode === MODE_EXCLUSIVE;
    if (writer ? this.#tryWrite() : this.#tryReadRaw()) {
      this.#acquired(mode, false, 0);
      return;
    }
    const a = this.#a;
    const start = now();
    add(a, writer ? WRITERS_WAITING : READERS_WAITING, 1);
    let outcome: WaitOutcome = 'timed-out';
    try {
      outcome = writer
        ? await waitUntilAsync(this.#writeSeq, this.#tryWrite, deadlineAfter(timeoutMs), signal)
        : await waitUntilAsync(this.#readSeq, this.#tryRead, deadlineAfter(timeoutMs), signal);
    } finally {
      this.#leaveSlowPath(writer, outcome === 'done');
    }
    if (outcome !== 'done') {
      this.#d.stats?.gaveUp(now() - start);
      const what = `RwLock "${this.#d.name}"`;
      throw outcome === 'aborted' ? cancelledError(what, signal) : timeoutError(what, writer ? 'write-locked' : 'read-locked', timeoutMs);
    }
    this.#acquired(mode, true, start);
  }

  /** Leaves a slow path; the last writer to give up lets the queued readers in. */
  #leaveSlowPath(writer: boolean, acquired: boolean): void {
    const a = this.#a;
    if (!writer) {
      sub(a, READERS_WAITING, 1);
      return;
    }
    const left = sub(a, WRITERS_WAITING, 1) - 1;
    if (!acquired && left === 0 && load(a, STATE) !== WRITE_LOCKED && load(a, READERS_WAITING) > 0) this.#readSeq.bump();
  }

  #acquired(mode: number, contended: boolean, start: number): void {
    if (mode === MODE_EXCLUSIVE) store(this.#a, OWNER, currentThreadId());
    const stats = this.#d.stats;
    if (stats !== undefined) {
      if (contended) stats.contended(now() - start);
      else stats.uncontended();
    }
    this.#d.detector?.acquired(this.#d.lockSlot, mode);
  }
}

/** A shared hold on an {@link RwLock}; release once with `unlock()` or `using`. */
export class RwLockReadGuard implements Disposable {
  /** The lock this guard holds. */
  readonly lock: RwLock;
  #released = false;

  constructor(lock: RwLock) {
    this.lock = lock;
  }

  /** True once this guard has unlocked. */
  get released(): boolean {
    return this.#released;
  }

  /** Releases the shared hold. @throws {LockNotHeldError} when already released. */
  unlock(): void {
    if (this.#released) throw new LockNotHeldError(`RwLock "${this.lock.name}"`, 'this read guard was already unlocked');
    this.#released = true;
    this.lock.readUnlock();
  }

  /** Releases unless already released (for `using`). */
  [Symbol.dispose](): void {
    if (!this.#released) this.unlock();
  }
}

/** The exclusive hold on an {@link RwLock}; release once with `unlock()` or `using`. */
export class RwLockWriteGuard implements Disposable {
  /** The lock this guard holds. */
  readonly lock: RwLock;
  #released = false;

  constructor(lock: RwLock) {
    this.lock = lock;
  }

  /** True once this guard has unlocked. */
  get released(): boolean {
    return this.#released;
  }

  /** Releases the write hold. @throws {LockNotHeldError} when already released. */
  unlock(): void {
    if (this.#released) throw new LockNotHeldError(`RwLock "${this.lock.name}"`, 'this write guard was already unlocked');
    this.#released = true;
    this.lock.writeUnlock();
  }

  /** Releases unless already released (for `using`). */
  [Symbol.dispose](): void {
    if (!this.#released) this.unlock();
  }
}
