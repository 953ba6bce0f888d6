/**
 * Semaphore: a counting semaphore that is fair (first come, first served).
 *
 * Layout (int32 words; see sync/README.md):
 *   [0] PERMITS         permits available now
 *   [1] HEAD            ticket at the front of the queue (the only one that may take permits)
 *   [2] TAIL            next ticket to hand out; the queue is [HEAD, TAIL)
 *   [3] PERMIT_WAITERS  1 while the front waiter sleeps on PERMITS (so release must wake it)
 *   [16 + (t mod QUEUE_SLOTS)]  slot of ticket t: {@link WAITING}, {@link GRANTED} or {@link ABANDONED}
 *
 * Acquire: with an empty queue and enough permits, take them with a CAS
 * (fast path). Otherwise take ticket t (CAS on TAIL, only while fewer than
 * QUEUE_SLOTS tickets are outstanding), sleep on slot t until it is GRANTED,
 * then, as the front, sleep on PERMITS until enough are available, take them,
 * and pass the turn. Passing the turn from t: reset slot t to WAITING, then
 * for h = t+1, t+2, …: store HEAD = h and CAS slot h WAITING→GRANTED (wake
 * it); a slot found ABANDONED is reset and skipped. A slot is GRANTED before
 * its ticket is handed out when the queue is empty.
 *
 * Timeouts and aborts: a queued waiter CASes its slot WAITING→ABANDONED and
 * leaves; if that CAS finds GRANTED it is the front already, so it tries for
 * permits once more and then passes the turn. The front gives up by passing
 * the turn. So a departed waiter never blocks the queue.
 *
 * Fairness: permits go to waiters in ticket order; a large request at the
 * front holds back smaller ones behind it (no barging). The one exception is
 * an arrival that checks "queue empty" just as the first waiter queues.
 */
import { add, cas, load, store, sub } from '../memory/atomics.js';
import { checkHandle } from '../memory/handle.js';
import { allocateWords } from '../memory/layout.js';
import { checkInteger, checkOptions } from '../shared/check.js';
import { InvalidArgumentError } from '../shared/errors.js';
import { SyncMisuseError } from './errors.js';
import { WaitWord, cancelledError, checkTimeout, checkWaitOptions, deadlineAfter, remainingUntil, timeoutError } from './wait-word.js';
import type { WaitOptions } from './wait-word.js';

const PERMITS = 0;
const HEAD = 1;
const TAIL = 2;
const PERMIT_WAITERS = 3;
const SLOTS = 16;
/** Tickets that can be outstanding at once; more waiters wait for room. */
const QUEUE_SLOTS = 256;
const WORDS = SLOTS + QUEUE_SLOTS;

/** Slot: the ticket is queued (or not handed out yet). */
const WAITING = 0;
/** Slot: the ticket is at the front and may take permits. */
const GRANTED = 1;
/** Slot: the ticket's waiter gave up; whoever passes the turn skips it. */
const ABANDONED = 2;

/** How long a waiter sleeps between checks while the ticket queue is full. */
const ROOM_POLL_MS = 5;

const MAX_PERMITS = 2 ** 31 - 1;

/** Options of {@link Semaphore}. */
export interface SemaphoreOptions {
  /** Name used in error messages. @default "Semaphore" */
  name?: string;
}

/** The structured-cloneable handle of a {@link Semaphore}. */
export interface SemaphoreHandle {
  readonly kind: 'tessera.Semaphore';
  readonly buffer: SharedArrayBuffer;
  readonly name: string;
}

/**
 * A fair counting semaphore in shared memory (see the file note).
 *
 * @example
 * const slots = new Semaphore(4, { name: 'gpu' });
 * { using _p = slots.acquire(); render(); }            // worker
 * const p = await slots.acquireAsync(2, { timeoutMs: 50 }); // main thread, two permits
 * p.release();
 */
export class Semaphore {
  readonly #a: Int32Array;
  readonly #permits: WaitWord;
  readonly #head: WaitWord;
  readonly #name: string;

  /**
   * @param permits initial permits, an integer in [0, 2^31 - 1]
   * @param options name
   * @throws {InvalidArgumentError} for a bad count or options.
   */
  constructor(permits: number, options?: SemaphoreOptions);
  constructor(permits: number, options: SemaphoreOptions | undefined, handle: SemaphoreHandle);
  constructor(permits: number, options?: SemaphoreOptions, handle?: SemaphoreHandle) {
    if (handle === undefined) {
      checkInteger('permits', permits, 0, MAX_PERMITS);
      const o = checkOptions('options', options);
      if (o.name !== undefined && typeof o.name !== 'string') throw new InvalidArgumentError('options.name', o.name, 'a string');
      this.#a = allocateWords(WORDS);
      store(this.#a, PERMITS, permits);
      store(this.#a, SLOTS, GRANTED); // ticket 0 is at the front of the empty queue
      this.#name = o.name ?? 'Semaphore';
    } else {
      this.#a = new Int32Array(handle.buffer);
      this.#name = handle.name;
    }
    this.#permits = new WaitWord(this.#a, PERMITS);
    this.#head = new WaitWord(this.#a, HEAD);
  }

  /**
   * The semaphore described by `handle`, in any thread.
   *
   * @throws {InvalidArgumentError} when `handle` is not a Semaphore handle.
   */
  static fromHandle(handle: SemaphoreHandle): Semaphore {
    return new Semaphore(0, undefined, checkHandle<SemaphoreHandle>(handle, 'tessera.Semaphore'));
  }

  /** The structured-cloneable handle. */
  get handle(): SemaphoreHandle {
    return { kind: 'tessera.Semaphore', buffer: this.#a.buffer as SharedArrayBuffer, name: this.#name };
  }

  /** Permits available now. */
  get available(): number {
    return load(this.#a, PERMITS);
  }

  /** Waiters queued now (a racy hint). */
  get queued(): number {
    return (load(this.#a, TAIL) - load(this.#a, HEAD)) | 0;
  }

  /**
   * Takes `n` permits if no one is queued and enough are available.
   *
   * @param n permits, an integer >= 1
   * @default n 1
   */
  tryAcquire(n = 1): SemaphorePermit | undefined {
    checkInteger('n', n, 1, MAX_PERMITS);
    return this.#tryFast(n) ? new SemaphorePermit(this, n) : undefined;
  }

  /**
   * Takes `n` permits, blocking in FIFO order until they are available.
   *
   * @param n permits, an integer >= 1
   * @param timeoutMs give up after this many ms
   * @default n 1
   * @default timeoutMs Infinity
   * @throws {TimeoutError} when not acquired in time.
   */
  acquire(n = 1, timeoutMs?: number): SemaphorePermit {
    checkInteger('n', n, 1, MAX_PERMITS);
    const limit = checkTimeout(timeoutMs);
    if (this.#tryFast(n)) return new SemaphorePermit(this, n);
    const deadline = deadlineAfter(limit);
    const a = this.#a;
    // Take a ticket.
    let t: number;
    while ((t = this.#takeTicket()) < 0) {
      const left = remainingUntil(deadline);
      if (left === 0) throw timeoutError(`Semaphore "${this.#name}"`, 'acquired', limit);
      this.#head.wait(load(a, HEAD), Math.min(left, ROOM_POLL_MS));
    }
    // Wait for the turn.
    const slot = SLOTS + (t & (QUEUE_SLOTS - 1));
    const slotWord = new WaitWord(a, slot);
    let expired = false;
    while (load(a, slot) !== GRANTED) {
      const left = remainingUntil(deadline);
      if (left === 0) {
        if (cas(a, slot, WAITING, ABANDONED) === WAITING) throw timeoutError(`Semaphore "${this.#name}"`, 'acquired', limit);
        expired = true;
        break;
      }
      slotWord.wait(WAITING, left);
    }
    // At the front: wait for permits.
    let ok = false;
    add(a, PERMIT_WAITERS, 1);
    try {
      for (;;) {
        const p = load(a, PERMITS);
        if (p >= n && cas(a, PERMITS, p, p - n) === p) {
          ok = true;
          break;
        }
        const left = expired ? 0 : remainingUntil(deadline);
        if (left === 0) break;
        this.#permits.wait(p, left);
      }
    } finally {
      sub(a, PERMIT_WAITERS, 1);
      this.#passTurn(t);
    }
    if (!ok) throw timeoutError(`Semaphore "${this.#name}"`, 'acquired', limit);
    return new SemaphorePermit(this, n);
  }

  /**
   * Async form of {@link Semaphore.acquire} (main thread), same FIFO queue.
   *
   * @throws {TimeoutError} or {CancelledError}.
   */
  async acquireAsync(n = 1, options?: WaitOptions): Promise<SemaphorePermit> {
    checkInteger('n', n, 1, MAX_PERMITS);
    const { timeoutMs, signal } = checkWaitOptions(options);
    if (this.#tryFast(n)) return new SemaphorePermit(this, n);
    const deadline = deadlineAfter(timeoutMs);
    const a = this.#a;
    const what = `Semaphore "${this.#name}"`;
    const giveUp = (): Error => (signal?.aborted === true ? cancelledError(what, signal) : timeoutError(what, 'acquired', timeoutMs));
    let t: number;
    while ((t = this.#takeTicket()) < 0) {
      const left = remainingUntil(deadline);
      if (left === 0 || signal?.aborted === true) throw giveUp();
      await this.#head.waitAsync(load(a, HEAD), Math.min(left, ROOM_POLL_MS), signal);
    }
    const slot = SLOTS + (t & (QUEUE_SLOTS - 1));
    const slotWord = new WaitWord(a, slot);
    let expired = false;
    while (load(a, slot) !== GRANTED) {
      const left = remainingUntil(deadline);
      if (left === 0 || signal?.aborted === true) {
        if (cas(a, slot, WAITING, ABANDONED) === WAITING) throw giveUp();
        expired = true;
        break;
      }
      await slotWord.waitAsync(WAITING, left, signal);
    }
    let ok = false;
    add(a, PERMIT_WAITERS, 1);
    try {
      for (;;) {
        const p = load(a, PERMITS);
        if (p >= n && cas(a, PERMITS, p, p - n) === p) {
          ok = true;
          break;
        }
        const left = expired || signal?.aborted === true ? 0 : remainingUntil(deadline);
        if (left === 0) break;
        await this.#permits.waitAsync(p, left, signal);
      }
    } finally {
      sub(a, PERMIT_WAITERS, 1);
      this.#passTurn(t);
    }
    if (!ok) throw giveUp();
    return new SemaphorePermit(this, n);
  }

  /**
   * Returns `n` permits (any thread may release; a semaphore has no owner).
   *
   * @param n permits, an integer >= 1
   * @default n 1
   * @throws {SyncMisuseError} when the count would exceed 2^31 - 1.
   */
  release(n = 1): void {
    checkInteger('n', n, 1, MAX_PERMITS);
    const a = this.#a;
    let p = load(a, PERMITS);
    for (;;) {
      if (p > MAX_PERMITS - n) throw new SyncMisuseError(`Semaphore "${this.#name}": release(${n}) would exceed ${MAX_PERMITS} permits`);
      const seen = cas(a, PERMITS, p, p + n);
      if (seen === p) break;
      p = seen;
    }
    if (load(a, PERMIT_WAITERS) > 0) this.#permits.wakeAll();
  }

  /** Fast path: an empty queue and enough permits. */
  #tryFast(n: number): boolean {
    const a = this.#a;
    if (load(a, HEAD) !== load(a, TAIL)) return false;
    let p = load(a, PERMITS);
    while (p >= n) {
      const seen = cas(a, PERMITS, p, p - n);
      if (seen === p) return true;
      p = seen;
    }
    return false;
  }

  /** A new ticket, or -1 while QUEUE_SLOTS tickets are outstanding. */
  #takeTicket(): number {
    const a = this.#a;
    for (;;) {
      const t = load(a, TAIL);
      if (((t - load(a, HEAD)) | 0) >= QUEUE_SLOTS) return -1;
      if (cas(a, TAIL, t, (t + 1) | 0) === t) return t;
    }
  }

  /** Moves the front from ticket `t` to the next ticket that has not abandoned. */
  #passTurn(t: number): void {
    const a = this.#a;
    store(a, SLOTS + (t & (QUEUE_SLOTS - 1)), WAITING);
    let h = (t + 1) | 0;
    for (;;) {
      store(a, HEAD, h);
      const slot = SLOTS + (h & (QUEUE_SLOTS - 1));
      if (cas(a, slot, WAITING, GRANTED) === WAITING) {
        new WaitWord(a, slot).wakeAll();
        break;
      }
      store(a, slot, WAITING); // ABANDONED: skip it
      h = (h + 1) | 0;
    }
    this.#head.wakeAll(); // arrivals waiting for queue room
  }
}

/**
 * Permits held from a {@link Semaphore}; return them once with `release()`
 * or by scope exit (`using`).
 */
export class SemaphorePermit implements Disposable {
  /** The semaphore the permits came from. */
  readonly semaphore: Semaphore;
  /** How many permits this holds. */
  readonly permits: number;
  #released = false;

  constructor(semaphore: Semaphore, permits: number) {
    this.semaphore = semaphore;
    this.permits = permits;
  }

  /** True once released. */
  get released(): boolean {
    return this.#released;
  }

  /** Returns the permits. @throws {SyncMisuseError} when already released. */
  release(): void {
    if (this.#released) throw new SyncMisuseError('SemaphorePermit: already released');
    this.#released = true;
    this.semaphore.release(this.permits);
  }

  /** Releases unless already released (for `using`). */
  [Symbol.dispose](): void {
    if (!this.#released) this.release();
  }
}
