/**
 * Adds the iterator layer's entry points to `Pool.prototype` (core does not
 * import iter/; this module is imported by the package entry). Declared on
 * `Pool` through module augmentation, so they type-check as methods.
 */
import { Pool } from '../core/pool.js';
import { IndexedParIter, rangeIter, sourceIter } from './par-iter.js';
import { setPoolIterDefaults, type IterOptions } from './options.js';

/** Typed arrays whose elements are numbers. */
export type NumberTypedArray = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
/** Typed arrays whose elements are bigints. */
export type BigIntTypedArray = BigInt64Array | BigUint64Array;

declare module '../core/pool.js' {
  interface Pool {
    /**
     * A parallel iterator over the integers `start … end - 1` (empty when `end <= start`).
     * @param start first integer
     * @param end one past the last integer
     * @param options scheduling options for every operation on it
     * @throws InvalidArgumentError unless both are safe integers
     * @example const s = await pool.range(0, 1_000_000).map((i) => Math.sqrt(i)).sum();
     */
    range(start: number, end: number, options?: IterOptions): IndexedParIter<number>;
    /**
     * A parallel iterator over the elements of an array or typed array.
     * Shared typed arrays are read in place (zero copy); other sources are
     * copied once per operation (see iter/source.ts for the costs).
     * @param source an array or a typed array
     * @param options scheduling options for every operation on it
     * @throws InvalidArgumentError for anything else
     * @example const max = await pool.iter(shared.from(values)).max();
     */
    iter<A extends NumberTypedArray>(source: A, options?: IterOptions): IndexedParIter<number, A>;
    iter<A extends BigIntTypedArray>(source: A, options?: IterOptions): IndexedParIter<bigint, A>;
    iter<T>(source: readonly T[], options?: IterOptions): IndexedParIter<T>;
    /**
     * Sets this pool's default iterator options (the scheduling policy and
     * chunk bounds); per-iterator and per-call options override them.
     * @param options `schedule`, `minChunk`, `maxChunk`
     * @throws InvalidArgumentError for a bad option
     * @example pool.configureIter({ schedule: 'dynamic', minChunk: 4096 });
     */
    configureIter(options: IterOptions): void;
  }
}

Object.defineProperties(Pool.prototype, {
  range: {
    value: function range(this: Pool, start: number, end: number, options?: IterOptions) {
      return rangeIter(this, start, end, options);
    },
    writable: true,
    configurable: true,
  },
  iter: {
    value: function iter(this: Pool, source: unknown, options?: IterOptions) {
      return sourceIter(this, source, options);
    },
    writable: true,
    configurable: true,
  },
  configureIter: {
    value: function configureIter(this: Pool, options: IterOptions) {
      setPoolIterDefaults(this, options);
    },
    writable: true,
    configurable: true,
  },
});

export { IndexedParIter };
