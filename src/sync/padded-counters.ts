/**
 * PaddedCounters: an array of int32 counters, each on its own cache-line
 * pair, so threads that update different counters never contend for a line
 * (no false sharing). With `{ padded: false }` the counters are packed
 * side by side instead: the baseline of the false-sharing benchmark.
 *
 * Layout (int32 words): counter i at word i * stride, where stride is
 * {@link PADDED_SLOT_WORDS} (32 words = 128 bytes) padded, 1 unpadded.
 */
import { add, load, store } from '../memory/atomics.js';
import { checkHandle } from '../memory/handle.js';
import { PADDED_SLOT_WORDS, allocateWords } from '../memory/layout.js';
import { checkInteger, checkOptions } from '../shared/check.js';
import { InvalidArgumentError } from '../shared/errors.js';

/** Options of {@link PaddedCounters}. */
export interface PaddedCountersOptions {
  /** One counter per 128 bytes; false packs them (for comparison only). @default true */
  padded?: boolean;
}

/** The structured-cloneable handle of a {@link PaddedCounters}. */
export interface PaddedCountersHandle {
  readonly kind: 'tessera.PaddedCounters';
  readonly buffer: SharedArrayBuffer;
  readonly length: number;
  readonly stride: number;
}

/**
 * Shared int32 counters, one per thread or per bucket, padded against false sharing.
 *
 * @example
 * const hits = new PaddedCounters(workers);
 * // worker i: hits.increment(i)
 * hits.sum(); // total over all counters
 */
export class PaddedCounters {
  /** Number of counters. */
  readonly length: number;
  /** Words between consecutive counters. */
  readonly stride: number;
  readonly #a: Int32Array;

  /**
   * @param length number of counters, an integer in [1, 2^20]
   * @param options padding
   * @throws {InvalidArgumentError} for a bad length or options.
   */
  constructor(length: number, options?: PaddedCountersOptions);
  constructor(length: number, options: PaddedCountersOptions | undefined, handle: PaddedCountersHandle);
  constructor(length: number, options?: PaddedCountersOptions, handle?: PaddedCountersHandle) {
    if (handle === undefined) {
      checkInteger('length', length, 1, 2 ** 20);
      const o = checkOptions('options', options);
      if (o.padded !== undefined && typeof o.padded !== 'boolean') throw new InvalidArgumentError('options.padded', o.padded, 'a boolean');
      this.length = length;
      this.stride = o.padded === false ? 1 : PADDED_SLOT_WORDS;
      this.#a = allocateWords(length * this.stride);
    } else {
      this.length = handle.length;
      this.stride = handle.stride;
      this.#a = new Int32Array(handle.buffer);
    }
  }

  /**
   * The counters described by `handle`, in any thread.
   *
   * @throws {InvalidArgumentError} when `handle` is not a PaddedCounters handle.
   */
  static fromHandle(handle: PaddedCountersHandle): PaddedCounters {
    const h = checkHandle<PaddedCountersHandle>(handle, 'tessera.PaddedCounters');
    return new PaddedCounters(h.length, undefined, h);
  }

  /** The structured-cloneable handle. */
  get handle(): PaddedCountersHandle {
    return { kind: 'tessera.PaddedCounters', buffer: this.#a.buffer as SharedArrayBuffer, length: this.length, stride: this.stride };
  }

  /** True when each counter has its own 128 bytes. */
  get padded(): boolean {
    return this.stride !== 1;
  }

  /** Counter `i`'s value. */
  load(i: number): number {
    return load(this.#a, this.#index(i));
  }

  /** Sets counter `i`. */
  store(i: number, value: number): void {
    store(this.#a, this.#index(i), value);
  }

  /** Adds `delta` to counter `i`; returns the previous value. */
  add(i: number, delta: number): number {
    return add(this.#a, this.#index(i), delta);
  }

  /** Adds 1 to counter `i`; returns the new value. */
  increment(i: number): number {
    return (add(this.#a, this.#index(i), 1) + 1) | 0;
  }

  /** The sum of all counters (each read atomically; not a snapshot while they change). */
  sum(): number {
    let total = 0;
    for (let i = 0; i < this.length; i++) total += load(this.#a, i * this.stride);
    return total;
  }

  #index(i: number): number {
    if (!(i >= 0 && i < this.length) || !Number.isInteger(i)) throw new InvalidArgumentError('i', i, `an integer in [0, ${this.length - 1}]`);
    return i * this.stride;
  }
}
