/**
 * A shared heap for variable-size payloads: one growable SharedArrayBuffer that
 * any thread holding a view may allocate from and free into.
 *
 * Layout (bytes): [0, 256) header — int32 lock word, int32 bump offset, and one
 * int32 free-list head per size class; then blocks. A block of class k is
 * 2^k bytes: an 8-byte header (its class) followed by the user's bytes; a free
 * block's first user word holds the next free block of its class (0 = none).
 *
 * Concurrency: allocation and free take a short spin lock (a CAS on the lock
 * word); the critical sections are a few loads and stores, so spinning beats
 * parking. Growing happens under the lock; views are length-tracking, so every
 * thread sees the new length. Block contents are published to other threads by
 * the caller's own release (e.g. a slot state store), not by the heap.
 */
import { TesseraError } from '../shared/errors.js';
import { cas, load, spinHint, store } from './atomics.js';

const LOCK = 0;
const BUMP = 1;
const FREE_HEADS = 2;
const MIN_CLASS = 6;
const MAX_CLASS = 31;
const HEADER_BYTES = 256;
const BLOCK_HEADER = 8;

/** Options for {@link SharedHeap.create}. */
export interface SharedHeapOptions {
  /** Initial size in bytes. @default 1 MiB */
  initialBytes?: number;
  /** Largest size the heap may grow to. @default 1 GiB */
  maxBytes?: number;
}

/** Thrown when an allocation does not fit under the heap's `maxBytes`. */
export class HeapExhaustedError extends TesseraError {
  constructor(readonly requested: number, readonly maxBytes: number) {
    super('ERR_HEAP_EXHAUSTED', `Shared heap cannot allocate ${requested} bytes: it would exceed its maximum of ${maxBytes} bytes (raise the pool's \`maxHeapBytes\`)`);
  }
}

/** A view of a shared heap; create one per thread with {@link SharedHeap.attach}. */
export class SharedHeap {
  readonly buffer: SharedArrayBuffer;
  /** Length-tracking byte view of the whole heap. */
  readonly bytes: Uint8Array;
  private readonly words: Int32Array;

  private constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer;
    this.bytes = new Uint8Array(buffer);
    this.words = new Int32Array(buffer);
  }

  /** Creates a new heap. */
  static create(options: SharedHeapOptions = {}): SharedHeap {
    const maxBytes = options.maxBytes ?? 1 << 30;
    const initial = Math.min(Math.max(options.initialBytes ?? 1 << 20, HEADER_BYTES * 2), maxBytes);
    const sab = new SharedArrayBuffer(initial, { maxByteLength: maxBytes });
    const heap = new SharedHeap(sab);
    store(heap.words, BUMP, HEADER_BYTES);
    return heap;
  }

  /** Attaches to a heap created in another thread. */
  static attach(buffer: SharedArrayBuffer): SharedHeap {
    return new SharedHeap(buffer);
  }

  /** Size class of a block that holds `n` user bytes. */
  private static classOf(n: number): number {
    const need = n + BLOCK_HEADER;
    let k = MIN_CLASS;
    while (k < MAX_CLASS && 2 ** k < need) k++;
    return k;
  }

  private lock(): void {
    let spins = 0;
    while (cas(this.words, LOCK, 0, 1) !== 0) {
      spinHint(++spins < 64 ? 16 : 256);
    }
  }

  private unlock(): void {
    store(this.words, LOCK, 0);
  }

  /**
   * Allocates room for `n` bytes and returns its byte offset in {@link bytes}.
   * @throws HeapExhaustedError when the heap cannot grow enough.
   */
  alloc(n: number): number {
    const k = SharedHeap.classOf(n);
    const size = 2 ** k;
    this.lock();
    try {
      const head = load(this.words, FREE_HEADS + k);
      let block: number;
      if (head !== 0) {
        block = head;
        store(this.words, FREE_HEADS + k, load(this.words, (block + BLOCK_HEADER) >> 2));
      } else {
        block = load(this.words, BUMP);
        const end = block + size;
        if (end > this.buffer.byteLength) this.grow(end, n);
        store(this.words, BUMP, end);
      }
      store(this.words, block >> 2, k);
      return block + BLOCK_HEADER;
    } finally {
      this.unlock();
    }
  }

  private grow(end: number, requested: number): void {
    const max = this.buffer.maxByteLength;
    if (end > max) throw new HeapExhaustedError(requested, max);
    this.buffer.grow(Math.min(max, Math.max(end, this.buffer.byteLength * 2)));
  }

  /** Returns the block at `offset` (from {@link alloc}) to its free list. */
  free(offset: number): void {
    const block = offset - BLOCK_HEADER;
    const k = load(this.words, block >> 2);
    this.lock();
    try {
      store(this.words, offset >> 2, load(this.words, FREE_HEADS + k));
      store(this.words, FREE_HEADS + k, block);
    } finally {
      this.unlock();
    }
  }

  /** Bytes handed out so far by the bump pointer (a high-water mark). */
  highWater(): number {
    return load(this.words, BUMP);
  }
}
