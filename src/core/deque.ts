/**
 * A Chase–Lev work-stealing deque of task refs in shared memory.
 *
 * The owner worker pushes and pops at the bottom (LIFO, cache-warm); thieves
 * take from the top (FIFO, the oldest and usually largest piece of work).
 * Words: top and bottom on their own cache lines, then a circular buffer of
 * `capacity` refs (see `layout.ts`, W_DEQUE_*).
 *
 * Memory ordering: all accesses are sequentially consistent Atomics, which
 * is what the original algorithm's fences provide. The only race — the
 * owner's pop and a thief's steal of the last element — is settled by a CAS
 * on `top`. Indices are int32 counters compared through `(a - b) | 0`, so
 * they may wrap.
 */
import { cas, load, store } from '../memory/atomics.js';
import { W_DEQUE_BOTTOM, W_DEQUE_BUF, W_DEQUE_TOP } from './layout.js';

/** Returned by pop/steal when the deque is empty. */
export const EMPTY = -1;
/** Returned by steal when it lost a race; the caller may retry elsewhere. */
export const ABORT = -2;

/** A view of one worker's deque. */
export class Deque {
  private readonly top: number;
  private readonly bottom: number;
  private readonly buf: number;
  private readonly mask: number;

  /**
   * @param ctl the control words
   * @param region first word of the worker's region
   * @param capacity a power of two
   */
  constructor(private readonly ctl: Int32Array, region: number, readonly capacity: number) {
    this.top = region + W_DEQUE_TOP;
    this.bottom = region + W_DEQUE_BOTTOM;
    this.buf = region + W_DEQUE_BUF;
    this.mask = capacity - 1;
  }

  /** Empties the deque. Only while no thread uses it (startup, after a crash). */
  reset(): void {
    store(this.ctl, this.top, 0);
    store(this.ctl, this.bottom, 0);
  }

  /** Owner only: pushes `ref` at the bottom; false when full. */
  push(ref: number): boolean {
    const b = load(this.ctl, this.bottom);
    const t = load(this.ctl, this.top);
    if (((b - t) | 0) >= this.capacity) return false;
    store(this.ctl, this.buf + (b & this.mask), ref);
    store(this.ctl, this.bottom, (b + 1) | 0);
    return true;
  }

  /** Owner only: pops the most recently pushed ref, or EMPTY. */
  pop(): number {
    // Fast empty check: only the owner pushes and thieves only advance `top`,
    // so an empty deque seen here stays empty until this thread pushes.
    if (((load(this.ctl, this.bottom) - load(this.ctl, this.top)) | 0) <= 0) return EMPTY;
    const b = (load(this.ctl, this.bottom) - 1) | 0;
    store(this.ctl, this.bottom, b);
    const t = load(this.ctl, this.top);
    const size = (b - t) | 0;
    if (size < 0) {
      store(this.ctl, this.bottom, (b + 1) | 0);
      return EMPTY;
    }
    const ref = load(this.ctl, this.buf + (b & this.mask));
    if (size > 0) return ref;
    // Last element: race with thieves through top.
    const won = cas(this.ctl, this.top, t, (t + 1) | 0) === t;
    store(this.ctl, this.bottom, (b + 1) | 0);
    return won ? ref : EMPTY;
  }

  /** Any thread: takes the oldest ref, or EMPTY, or ABORT when another thread won the race. */
  steal(): number {
    const t = load(this.ctl, this.top);
    const b = load(this.ctl, this.bottom);
    if (((b - t) | 0) <= 0) return EMPTY;
    const ref = load(this.ctl, this.buf + (t & this.mask));
    return cas(this.ctl, this.top, t, (t + 1) | 0) === t ? ref : ABORT;
  }

  /** Approximate number of refs (exact when quiescent). */
  size(): number {
    const n = (load(this.ctl, this.bottom) - load(this.ctl, this.top)) | 0;
    return n < 0 ? 0 : n;
  }
}
