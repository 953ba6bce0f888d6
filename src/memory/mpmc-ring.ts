/**
 * A lock-free bounded multi-producer multi-consumer ring of fixed-size records
 * of int32 words, in shared memory (Dmitry Vyukov's bounded MPMC queue).
 *
 * Layout (int32 words, from `base`; see memory/README.md):
 *   [0]                 HEAD: position of the next record to take   (own cache line)
 *   [8]                 SEAL_STATE: {@link UNSEALED}, {@link SEALING} or {@link SEALED}
 *   [9]                 SEALED_AT: the tail position when the ring was sealed
 *   [16]                TAIL: position of the next record to write   (own cache line)
 *   [32 + c*(1+w)]      cell c sequence number, stored minus c (see below)
 *   [32 + c*(1+w) + 1…] cell c record words (w = recordWords)
 *
 * Invariants: capacity is a power of two; positions are int32 counters that
 * wrap, and are only ever compared through `(a - b) | 0`, which is correct
 * while fewer than 2^31 operations separate them. A cell whose sequence equals
 * `pos` is free for the producer of position `pos`; one whose sequence equals
 * `pos + 1` holds the record of position `pos` for its consumer, who then sets
 * it to `pos + capacity`, freeing it for the next lap. A cell's word holds its
 * sequence minus its index `c`, so that all-zero memory is an empty ring at
 * position 0 (every cell c then has sequence c): a fresh SharedArrayBuffer needs
 * no initialisation pass, which keeps 18k-cell pools quick to construct.
 *
 * Memory ordering: record words are plain reads and writes. The producer
 * writes them and then publishes the cell with an atomic (sequentially
 * consistent) store of its sequence; a consumer reads them only after an
 * atomic load of that sequence returned `pos + 1`, so the writes happen
 * before the reads (synchronizes-with in the ECMAScript memory model), and
 * the consumer's atomic store of `pos + capacity` orders its reads before
 * the next lap's writes. Atomic stores of the data words would each be a
 * full fence on a contended line (measured: f64 channel throughput 3.3 vs
 * 5.5 M msgs/s).
 *
 * Sealing (used by Channel.close): the sealer moves TAIL forward by
 * {@link SEAL_JUMP} with a CAS. Every later producer then finds its cell's
 * sequence about 2^30 behind its position, i.e. "full", and fails; producers
 * that claimed a position before the jump still publish it, and consumers
 * drain up to SEALED_AT.
 */
import { InvalidArgumentError } from '../shared/errors.js';
import { checkInteger } from '../shared/check.js';
import { cas, load, store } from './atomics.js';
import { checkHandle } from './handle.js';
import { allocateWords } from './layout.js';

/** Words used by the ring header (head and tail on separate cache lines). */
const HEADER_WORDS = 32;
/** Word offset of HEAD. */
const HEAD = 0;
/** Word offset of the seal state. */
const SEAL_STATE = 8;
/** Word offset of the tail position recorded when sealing. */
const SEALED_AT = 9;
/** Word offset of TAIL. */
const TAIL = 16;

/** SEAL_STATE: producers may push. */
const UNSEALED = 0;
/** SEAL_STATE: a sealer has been elected and is moving TAIL. */
const SEALING = 1;
/** SEAL_STATE: TAIL was moved and SEALED_AT is valid; no push can succeed. */
const SEALED = 2;

/** How far sealing moves TAIL: far enough that every cell looks full, well inside int32 comparisons. */
const SEAL_JUMP = 2 ** 30;
/** Largest capacity: positions of a sealed ring must stay within 2^31 of each other. */
const MAX_CAPACITY = 2 ** 28;

/** The structured-cloneable handle of an {@link MpmcRing}. */
export interface MpmcRingHandle {
  readonly kind: 'tessera.MpmcRing';
  readonly buffer: SharedArrayBuffer;
  /** Byte offset of the ring's Int32Array view in `buffer`. */
  readonly byteOffset: number;
  /** Length in words of the Int32Array view. */
  readonly words: number;
  /** Index of the ring's first word in that view. */
  readonly base: number;
  readonly capacity: number;
  readonly recordWords: number;
}

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
   * Allocates and initialises a ring in its own SharedArrayBuffer.
   *
   * @param capacity records; a power of two in [2, 2^28]
   * @param recordWords int32 words per record
   * @default recordWords 1
   * @throws {InvalidArgumentError} for a bad capacity or record size.
   */
  static create(capacity: number, recordWords = 1): MpmcRing {
    checkCapacity(capacity);
    checkInteger('recordWords', recordWords, 1, 2 ** 20);
    const ring = new MpmcRing(allocateWords(MpmcRing.words(capacity, recordWords)), 0, capacity, recordWords);
    ring.init();
    return ring;
  }

  /**
   * A view of the ring described by `handle` (made by {@link MpmcRing.handle} in any thread).
   *
   * @throws {InvalidArgumentError} when `handle` is not a ring handle.
   */
  static fromHandle(handle: MpmcRingHandle): MpmcRing {
    const h = checkHandle<MpmcRingHandle>(handle, 'tessera.MpmcRing');
    return new MpmcRing(new Int32Array(h.buffer, h.byteOffset, h.words), h.base, h.capacity, h.recordWords);
  }

  /**
   * @param a the shared words
   * @param base index of the ring's first word in `a`
   * @param capacity records; a power of two in [2, 2^28]
   * @param recordWords int32 words per record, >= 1
   * @throws {InvalidArgumentError} when the arguments do not describe a ring inside `a`.
   */
  constructor(a: Int32Array, base: number, capacity: number, recordWords = 1) {
    checkCapacity(capacity);
    checkInteger('recordWords', recordWords, 1, 2 ** 20);
    if (!(a instanceof Int32Array)) throw new InvalidArgumentError('a', a, 'an Int32Array');
    checkInteger('base', base, 0);
    if (base + MpmcRing.words(capacity, recordWords) > a.length) {
      throw new InvalidArgumentError('base', base, `an index leaving ${MpmcRing.words(capacity, recordWords)} words in an array of ${a.length}`);
    }
    this.a = a;
    this.base = base;
    this.capacity = capacity;
    this.recordWords = recordWords;
    this.mask = capacity - 1;
    this.stride = 1 + recordWords;
  }

  /** The structured-cloneable handle of this ring (its array must be shared memory). */
  get handle(): MpmcRingHandle {
    return {
      kind: 'tessera.MpmcRing',
      buffer: this.a.buffer as SharedArrayBuffer,
      byteOffset: this.a.byteOffset,
      words: this.a.length,
      base: this.base,
      capacity: this.capacity,
      recordWords: this.recordWords,
    };
  }

  /**
   * Initialises an empty, unsealed ring. Call once, before any view uses it.
   * All-zero memory (a fresh SharedArrayBuffer) already is an empty ring at
   * position 0, so `init()` is only needed for memory that held something else
   * or to start at another position.
   *
   * @param startPos first position; tests start near 2^31 to exercise wrap-around
   * @default startPos 0
   */
  init(startPos = 0): void {
    const start = startPos | 0;
    // Cell c serves the first position >= start that is congruent to c; stored minus c,
    // that is 0 for every cell when start is 0. Plain writes: the header's atomic stores
    // below publish them to any thread that then reads the head or tail.
    const a = this.a;
    if (start === 0) {
      a.fill(0, this.cell(0), this.cell(this.capacity));
    } else {
      for (let c = 0; c < this.capacity; c++) a[this.cell(c)] = (start + ((c - start) & this.mask) - c) | 0;
    }
    store(a, this.base + SEALED_AT, 0);
    store(a, this.base + SEAL_STATE, UNSEALED);
    store(a, this.base + HEAD, start);
    store(a, this.base + TAIL, start);
  }

  private cell(index: number): number {
    return this.base + HEADER_WORDS + index * this.stride;
  }

  /** The sequence of the cell serving position `pos` (atomic load). */
  private seq(pos: number): number {
    const c = pos & this.mask;
    return (load(this.a, this.cell(c)) + c) | 0;
  }

  /** Sets the sequence of the cell serving position `pos` (atomic store: publishes the record words). */
  private setSeq(pos: number, sequence: number): void {
    const c = pos & this.mask;
    store(this.a, this.cell(c), (sequence - c) | 0);
  }

  /**
   * Claims the cell of the next tail position for writing. Returns the cell's
   * word index and leaves the claimed position in `this.claimed`, or -1 when full
   * (or sealed).
   */
  private claimTail(): number {
    const a = this.a;
    let pos = load(a, this.base + TAIL);
    for (;;) {
      const diff = (this.seq(pos) - pos) | 0;
      if (diff === 0) {
        const seen = cas(a, this.base + TAIL, pos, (pos + 1) | 0);
        if (seen === pos) {
          this.claimed = pos;
          return this.cell(pos & this.mask);
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
      const diff = (this.seq(pos) - ((pos + 1) | 0)) | 0;
      if (diff === 0) {
        const seen = cas(a, this.base + HEAD, pos, (pos + 1) | 0);
        if (seen === pos) {
          this.claimed = pos;
          return this.cell(pos & this.mask);
        }
        pos = seen;
      } else if (diff < 0) {
        return -1;
      } else {
        pos = load(a, this.base + HEAD);
      }
    }
  }

  /** Appends a one-word record (the value is converted to int32); returns false when full or sealed. */
  push(value: number): boolean {
    const cell = this.claimTail();
    if (cell < 0) return false;
    this.a[cell + 1] = value;
    this.setSeq(this.claimed, (this.claimed + 1) | 0);
    return true;
  }

  /** Takes the oldest one-word record, or returns `empty` when the ring is empty. */
  pop(empty = -1): number {
    const cell = this.claimHead();
    if (cell < 0) return empty;
    const value = this.a[cell + 1] as number;
    this.setSeq(this.claimed, (this.claimed + this.capacity) | 0);
    return value;
  }

  /** Appends a record of `recordWords` words copied from `src[from…]`; false when full or sealed. */
  pushRecord(src: ArrayLike<number>, from = 0): boolean {
    const cell = this.claimTail();
    if (cell < 0) return false;
    const a = this.a;
    for (let k = 0; k < this.recordWords; k++) a[cell + 1 + k] = src[from + k] ?? 0;
    this.setSeq(this.claimed, (this.claimed + 1) | 0);
    return true;
  }

  /** Takes the oldest record into `dst[to…]`; returns false when the ring is empty. */
  popRecord(dst: { [k: number]: number }, to = 0): boolean {
    const cell = this.claimHead();
    if (cell < 0) return false;
    const a = this.a;
    for (let k = 0; k < this.recordWords; k++) dst[to + k] = a[cell + 1 + k] as number;
    this.setSeq(this.claimed, (this.claimed + this.capacity) | 0);
    return true;
  }

  /**
   * Appends a record written in place by `fill(words, at)`, which must write
   * only `words[at … at + recordWords - 1]` (plain writes are fine: the
   * record is published by the atomic store of the cell's sequence that
   * follows). Returns false, without calling `fill`, when full or sealed.
   */
  pushWith(fill: (words: Int32Array, at: number) => void): boolean {
    const cell = this.claimTail();
    if (cell < 0) return false;
    const pos = this.claimed;
    fill(this.a, cell + 1);
    this.setSeq(pos, (pos + 1) | 0);
    return true;
  }

  /**
   * Takes the oldest record, handing it to `read(words, at)` in place before
   * the cell is released; returns false, without calling `read`, when empty.
   */
  popWith(read: (words: Int32Array, at: number) => void): boolean {
    const cell = this.claimHead();
    if (cell < 0) return false;
    const pos = this.claimed;
    read(this.a, cell + 1);
    this.setSeq(pos, (pos + this.capacity) | 0);
    return true;
  }

  /**
   * Appends up to `max` records with one CAS on TAIL: claims the longest run
   * of free cells (at most `max`) after the tail, calls `fill(words, at, k)`
   * for record k of the run (plain writes, as in {@link MpmcRing.pushWith}),
   * and publishes them in order. Returns how many were appended: 0 when full
   * or sealed. Correct because a free cell (sequence == its position) can
   * only be taken by the producer that moves TAIL past that position.
   */
  pushManyWith(max: number, fill: (words: Int32Array, at: number, k: number) => void): number {
    const a = this.a;
    let pos = load(a, this.base + TAIL);
    for (;;) {
      let n = 0;
      while (n < max && n < this.capacity && this.seq(pos + n) === ((pos + n) | 0)) n++;
      if (n === 0) {
        const diff = (this.seq(pos) - pos) | 0;
        if (diff < 0) return 0;
        pos = load(a, this.base + TAIL);
        continue;
      }
      const seen = cas(a, this.base + TAIL, pos, (pos + n) | 0);
      if (seen !== pos) {
        pos = seen;
        continue;
      }
      for (let k = 0; k < n; k++) fill(a, this.cell((pos + k) & this.mask) + 1, k);
      for (let k = 0; k < n; k++) this.setSeq(pos + k, (pos + k + 1) | 0);
      return n;
    }
  }

  /**
   * Takes up to `max` records with one CAS on HEAD: claims the longest run of
   * published cells (at most `max`), hands record k to `read(words, at, k)`
   * in place, then frees the cells. Returns how many were taken: 0 when empty.
   */
  popManyWith(max: number, read: (words: Int32Array, at: number, k: number) => void): number {
    const a = this.a;
    let pos = load(a, this.base + HEAD);
    for (;;) {
      let n = 0;
      while (n < max && n < this.capacity && this.seq(pos + n) === ((pos + n + 1) | 0)) n++;
      if (n === 0) {
        const diff = (this.seq(pos) - ((pos + 1) | 0)) | 0;
        if (diff < 0) return 0;
        pos = load(a, this.base + HEAD);
        continue;
      }
      const seen = cas(a, this.base + HEAD, pos, (pos + n) | 0);
      if (seen !== pos) {
        pos = seen;
        continue;
      }
      for (let k = 0; k < n; k++) read(a, this.cell((pos + k) & this.mask) + 1, k);
      for (let k = 0; k < n; k++) this.setSeq(pos + k, (pos + k + this.capacity) | 0);
      return n;
    }
  }

  /**
   * Seals the ring: every push that has not claimed its position yet fails
   * from now on; records already claimed are still published and can be
   * popped. Idempotent and safe to call from several threads at once.
   */
  seal(): void {
    const a = this.a;
    const b = this.base;
    if (cas(a, b + SEAL_STATE, UNSEALED, SEALING) !== UNSEALED) {
      // Another thread is sealing: its two steps below take no time.
      while (load(a, b + SEAL_STATE) !== SEALED) { /* spin */ }
      return;
    }
    let tail = load(a, b + TAIL);
    for (;;) {
      const seen = cas(a, b + TAIL, tail, (tail + SEAL_JUMP) | 0);
      if (seen === tail) break;
      tail = seen;
    }
    store(a, b + SEALED_AT, tail);
    store(a, b + SEAL_STATE, SEALED);
  }

  /** True once {@link MpmcRing.seal} has begun: pushes from now on fail. */
  isSealed(): boolean {
    return load(this.a, this.base + SEAL_STATE) !== UNSEALED;
  }

  /** True when the ring is sealed and every record claimed before sealing has been popped. */
  isDrained(): boolean {
    const a = this.a;
    return load(a, this.base + SEAL_STATE) === SEALED && load(a, this.base + HEAD) === load(a, this.base + SEALED_AT);
  }

  /** Approximate number of records (exact when no operation is in flight). */
  size(): number {
    const a = this.a;
    const state = load(a, this.base + SEAL_STATE);
    const tail = state === SEALED ? load(a, this.base + SEALED_AT) : load(a, this.base + TAIL);
    const n = (tail - load(a, this.base + HEAD)) | 0;
    return n < 0 ? 0 : n > this.capacity ? this.capacity : n;
  }
}

function checkCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 2 || capacity > MAX_CAPACITY || (capacity & (capacity - 1)) !== 0) {
    throw new InvalidArgumentError('capacity', capacity, `a power of two in [2, ${MAX_CAPACITY}]`);
  }
}
