/**
 * A shared byte buffer that grows by reallocation, like a `Vec<u8>` in a
 * `SharedArrayBuffer`: one writer appends bytes (e.g. a serialized object),
 * then hands the buffer to other threads, which see it without copying.
 *
 * Layout (from byte 0 of the buffer; see memory/README.md):
 *   word [0] LENGTH      bytes in use; stored after the bytes it covers
 *   word [1] STATE       {@link STATE_CURRENT} or {@link STATE_MOVED}
 *   word [2] GENERATION  how many reallocations preceded this buffer
 *   bytes [DATA_OFFSET, DATA_OFFSET + capacity)  the data
 *
 * Memory ordering: the writer copies data with plain writes and then
 * publishes the new length with an atomic store; a reader that atomically
 * loads the length therefore sees every byte below it.
 */
import { InvalidArgumentError, TesseraError } from '../shared/errors.js';
import { checkInteger } from '../shared/check.js';
import { load, store } from './atomics.js';
import { checkHandle } from './handle.js';

/** Word index of the used length in bytes. */
const LENGTH = 0;
/** Word index of the buffer state. */
const STATE = 1;
/** Word index of the reallocation count. */
const GENERATION = 2;
/** Byte offset of the first data byte. */
const DATA_OFFSET = 16;

/** STATE: this buffer holds the current data. */
const STATE_CURRENT = 0;
/** STATE: the data was moved to a larger buffer; this one is no longer written. */
const STATE_MOVED = 1;

/** Largest capacity in bytes (the length is an int32). */
const MAX_CAPACITY = 2 ** 31 - 1 - DATA_OFFSET;

/** The structured-cloneable handle of a {@link SharedBytes}. */
export interface SharedBytesHandle {
  readonly kind: 'tessera.SharedBytes';
  readonly buffer: SharedArrayBuffer;
}

/** Reading a {@link SharedBytes} view whose buffer was replaced by a reallocation. */
export class StaleBufferError extends TesseraError {
  constructor() {
    super('ERR_STALE_BUFFER', 'This SharedBytes view is stale: the writer reallocated the buffer; get a fresh handle from it');
  }
}

/**
 * A growable byte buffer in shared memory. Single writer: appends and resizes
 * must come from one thread at a time; any thread may read.
 *
 * Growing past the capacity allocates a buffer twice as large, copies the
 * data and marks the old buffer moved: views built from an old handle report
 * {@link SharedBytes.stale} and must be rebuilt from a fresh {@link SharedBytes.handle}.
 *
 * @example
 * const b = SharedBytes.create();
 * b.append(new TextEncoder().encode('hello'));
 * worker.postMessage(b.handle); // worker: SharedBytes.fromHandle(h).bytes()
 */
export class SharedBytes {
  #buffer: SharedArrayBuffer;
  #words: Int32Array;
  #data: Uint8Array;

  private constructor(buffer: SharedArrayBuffer) {
    this.#buffer = buffer;
    this.#words = new Int32Array(buffer, 0, DATA_OFFSET / 4);
    this.#data = new Uint8Array(buffer, DATA_OFFSET);
  }

  /**
   * Allocates an empty buffer.
   *
   * @param capacity initial capacity in bytes
   * @default capacity 256
   * @throws {InvalidArgumentError} when `capacity` is not an integer in [0, 2^31 - 17].
   */
  static create(capacity = 256): SharedBytes {
    checkInteger('capacity', capacity, 0, MAX_CAPACITY);
    return new SharedBytes(new SharedArrayBuffer(DATA_OFFSET + capacity));
  }

  /**
   * A view of the buffer described by `handle`, sharing its memory.
   *
   * @throws {InvalidArgumentError} when `handle` is not a SharedBytes handle.
   */
  static fromHandle(handle: SharedBytesHandle): SharedBytes {
    return new SharedBytes(checkHandle<SharedBytesHandle>(handle, 'tessera.SharedBytes').buffer);
  }

  /** The structured-cloneable handle of the current buffer. Take it after the last append. */
  get handle(): SharedBytesHandle {
    return { kind: 'tessera.SharedBytes', buffer: this.#buffer };
  }

  /** The current underlying buffer. */
  get buffer(): SharedArrayBuffer {
    return this.#buffer;
  }

  /** Bytes in use. */
  get length(): number {
    return load(this.#words, LENGTH);
  }

  /** Bytes that fit without reallocating. */
  get capacity(): number {
    return this.#data.length;
  }

  /** How many reallocations produced this buffer. */
  get generation(): number {
    return load(this.#words, GENERATION);
  }

  /** True when another view reallocated: this view's data is frozen and out of date. */
  get stale(): boolean {
    return load(this.#words, STATE) === STATE_MOVED;
  }

  /**
   * Makes room for `additional` more bytes, reallocating (capacity doubled,
   * or more when needed) when they do not fit.
   *
   * @throws {InvalidArgumentError} when the result would exceed 2^31 - 17 bytes.
   * @throws {StaleBufferError} when this view is stale.
   */
  reserve(additional: number): void {
    checkInteger('additional', additional, 0);
    this.#checkFresh();
    const needed = this.length + additional;
    if (needed <= this.capacity) return;
    if (needed > MAX_CAPACITY) throw new InvalidArgumentError('additional', additional, `at most ${MAX_CAPACITY - this.length} bytes more`);
    const capacity = Math.min(MAX_CAPACITY, Math.max(needed, this.capacity * 2, 64));
    const next = new SharedArrayBuffer(DATA_OFFSET + capacity);
    const nextWords = new Int32Array(next, 0, DATA_OFFSET / 4);
    const length = this.length;
    new Uint8Array(next, DATA_OFFSET, length).set(this.#data.subarray(0, length));
    store(nextWords, STATE, STATE_CURRENT);
    store(nextWords, GENERATION, this.generation + 1);
    store(nextWords, LENGTH, length);
    store(this.#words, STATE, STATE_MOVED);
    this.#buffer = next;
    this.#words = nextWords;
    this.#data = new Uint8Array(next, DATA_OFFSET);
  }

  /**
   * Appends `bytes`, growing when needed; returns the offset they were written at.
   *
   * @throws {InvalidArgumentError} when `bytes` is not a Uint8Array or an array-like of byte values.
   * @throws {StaleBufferError} when this view is stale.
   */
  append(bytes: Uint8Array | ArrayLike<number>): number {
    if (typeof bytes !== 'object' || bytes === null || typeof bytes.length !== 'number') {
      throw new InvalidArgumentError('bytes', bytes, 'a Uint8Array or an array-like of byte values');
    }
    this.reserve(bytes.length);
    const at = this.length;
    this.#data.set(bytes, at);
    store(this.#words, LENGTH, at + bytes.length);
    return at;
  }

  /**
   * Sets the length: shrinking drops bytes, growing appends zero bytes.
   *
   * @throws {InvalidArgumentError} when `length` is not an integer >= 0.
   * @throws {StaleBufferError} when this view is stale.
   */
  resize(length: number): void {
    checkInteger('length', length, 0, MAX_CAPACITY);
    const old = this.length;
    if (length > old) {
      this.reserve(length - old);
      this.#data.fill(0, old, length);
    } else {
      this.#checkFresh();
    }
    store(this.#words, LENGTH, length);
  }

  /** Empties the buffer (keeps the capacity). */
  clear(): void {
    this.resize(0);
  }

  /**
   * A zero-copy view of the bytes in use. It shares memory with the buffer and
   * is only valid until the next reallocation.
   */
  bytes(): Uint8Array {
    return this.#data.subarray(0, this.length);
  }

  /** A copy of the bytes in use in ordinary (unshared) memory, e.g. for `TextDecoder`. */
  toUint8Array(): Uint8Array {
    return this.#data.slice(0, this.length);
  }

  #checkFresh(): void {
    if (this.stale) throw new StaleBufferError();
  }
}
