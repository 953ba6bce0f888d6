/**
 * A lock-free bounded multi-producer multi-consumer ring of fixed-size records
 * of int32 words, in shared memory (Dmitry Vyukov's bounded MPMC queue).
 *
 * Layout (int32 words, from `base`; see memory/README.md):
 *   [0]                 head: position of the next record to take   (own cache line)
 *   [16]                tail: position of the next record to write   (own cache line)
 *   [32 + c*(1+w)]      cell c sequence number
 *   [32 + c*(1+w) + 1…] cell c record words (w = recordWords)
 *
 * Invariants: capacity is a power of two; positions are int32 counters that
 * wrap, and are only ever compared through `(a - b) | 0`, which is correct
 * while fewer than 2^31 operations separate them. A cell whose sequence equals
 * `pos` is free for the producer of position `pos`; one whose sequence equals
 * `pos + 1` holds the record of position `pos` for its consumer, who then sets
 * it to `pos + capacity`, freeing it for the next lap.
 */
import { cas, load, store } from './atomics.js';

/** Words used by the ring header (head and tail on separate cache lines). */
const HEADER_WORDS = 32;
const HEAD = 0;
const TAIL = 16;

/** A view of an MPMC ring placed in an Int32Array. Create views in any thread. */
export class MpmcRing {
  readonly capacity: number;
  readonly recordWords: number;
  private readonly a: Int32Array;
  private readonly base: number;
  private readonly mask: number;
  private readonly stride: number;
  /** Position claimed by the last successful claimTail/claimHead (this view's thread only). */
  private claimed = 0;

  /** Number of int32 words a ring of `capacity` records of `recordWords` words needs. */
  static words(capacity: number, recordWords = 1): number {
    return HEADER_WORDS + capacity * (1 + recordWords);
  }

  /**
   * @param a the shared words
   * @param base index of the ring's first word in `a`
   * @param capacity records; a power of two
   * @param recordWords int32 words per record
   */
  constructor(a: Int32Array, base: number, capacity: number, recordWords = 1) {
    if (!Number.isInteger(capacity) || capacity < 2 || (capacity & (capacity - 1)) !== 0) {
      throw new RangeError(`MpmcRing capacity must be a power of two >= 2, got ${capacity}`);
    }
    this.a = a;
    this.base = base;
    this.capacity = capacity;
    this.recordWords = recordWords;
    this.mask = capacity - 1;
    this.stride = 1 + recordWords;
  }

  /** Initialises an empty ring. Call once, before any view uses it. */
  init(): void {
    store(this.a, this.base + HEAD, 0);
    store(this.a, this.base + TAIL, 0);
    for (let c = 0; c < this.capacity; c++) store(this.a, this.cell(c), c);
  }

  private cell(index: number): number {
    return this.base + HEADER_WORDS + index * this.stride;
  }

  /**
   * Claims the cell of the next tail position for writing. Returns the cell's
   * word index and leaves the claimed position in `this.claimed`, or -1 when full.
   */
  private claimTail(): number {
    const a = this.a;
    let pos = load(a, this.base + TAIL);
    for (;;) {
      const cell = this.cell(pos & this.mask);
      const diff = (load(a, cell) - pos) | 0;
      if (diff === 0) {
        const seen = cas(a, this.base + TAIL, pos, (pos + 1) | 0);
        if (seen === pos) {
          this.claimed = pos;
          return cell;
        }
        pos = seen;
      } else if (diff < 0) {
        return -1;
      } else {
        pos = load(a, this.base + TAIL);
      }
    }
  }

  /** Claims the cell of the next head position for reading, or returns -1 when empty. */
  private claimHead(): number {
    const a = this.a;
    let pos = load(a, this.base + HEAD);
    for (;;) {
      const cell = this.cell(pos & this.mask);
      const diff = (load(a, cell) - ((pos + 1) | 0)) | 0;
      if (diff === 0) {
        const seen = cas(a, this.base + HEAD, pos, (pos + 1) | 0);
        if (seen === pos) {
          this.claimed = pos;
          return cell;
        }
        pos = seen;
      } else if (diff < 0) {
        return -1;
      } else {
        pos = load(a, this.base + HEAD);
      }
    }
  }

  /** Appends a one-word record; returns false when the ring is full. */
  push(value: number): boolean {
    const cell = this.claimTail();
    if (cell < 0) return false;
    store(this.a, cell + 1, value);
    store(this.a, cell, (this.claimed + 1) | 0);
    return true;
  }

  /** Takes the oldest one-word record, or returns `empty` when the ring is empty. */
  pop(empty = -1): number {
    const cell = this.claimHead();
    if (cell < 0) return empty;
    const value = load(this.a, cell + 1);
    store(this.a, cell, (this.claimed + this.capacity) | 0);
    return value;
  }

  /** Appends a record of `recordWords` words copied from `src[from…]`; false when full. */
  pushRecord(src: ArrayLike<number>, from = 0): boolean {
    const cell = this.claimTail();
    if (cell < 0) return false;
    for (let k = 0; k < this.recordWords; k++) store(this.a, cell + 1 + k, src[from + k] ?? 0);
    store(this.a, cell, (this.claimed + 1) | 0);
    return true;
  }

  /** Takes the oldest record into `dst[to…]`; returns false when the ring is empty. */
  popRecord(dst: { [k: number]: number }, to = 0): boolean {
    const cell = this.claimHead();
    if (cell < 0) return false;
    for (let k = 0; k < this.recordWords; k++) dst[to + k] = load(this.a, cell + 1 + k);
    store(this.a, cell, (this.claimed + this.capacity) | 0);
    return true;
  }

  /** Approximate number of records (exact when no operation is in flight). */
  size(): number {
    const n = (load(this.a, this.base + TAIL) - load(this.a, this.base + HEAD)) | 0;
    return n < 0 ? 0 : n > this.capacity ? this.capacity : n;
  }
}
