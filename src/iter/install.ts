/**
 * Adds the iterator layer's entry points to `Pool.prototype` (core does not
 * import iter/; this module is imported by the package entry). Declared on
 * `Pool` through module augmentation, so they type-check as methods.
 */
import { Pool } from '../core/pool.js';
import { rangeIter, sourceIter, type IndexedParIter } from './par-iter.js';
import { poolIterDefaults, setPoolIterDefaults, type IterOptions } from './options.js';
import { poolJoin, poolScope, type Job, type Scope } from './fork.js';
import { parallelSort, type Comparator, type SortOptions } from './sort/api.js';
import type { AnyTypedArray } from '../memory/shared-array.js';
import { parallelMatmul, type MatmulOptions } from './matmul.js';
import { parallelScan, type ScanOptions } from './scan.js';

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
    /**
     * This pool's default iterator options in force: what `configureIter` (or
     * `createPool` from `[par]`) set, else the built-in defaults.
     * @returns a fresh object; changing it changes nothing
     * @example pool.iterDefaults(); // { schedule: 'adaptive', minChunk: 1, maxChunk: Infinity }
     */
    iterDefaults(): Required<IterOptions>;
    /**
     * Sorts `array` in place on the pool, stably; resolves to `array`. The
     * result equals the sequential sort (`TypedArray.prototype.sort` /
     * `Array.prototype.sort` with the same comparator). Numeric typed arrays
     * without a comparator use a parallel radix sort; everything else a
     * parallel merge sort (see iter/sort/api.ts for the costs).
     * @param array a typed array (shared: sorted where it lies) or an array
     * @param compare optional `(a, b, context) => number`, an inline function or kernel reference
     * @param options `threshold` (below it, sort on the main thread; default 16384), `context`, `signal`
     * @throws (rejects) the comparator's error; the array then holds a permutation of its elements
     * @example await pool.sort(shared.from(values)); await pool.sort(people, (a, b) => a.age - b.age);
     */
    sort<A extends AnyTypedArray | unknown[], C = undefined>(array: A, compare?: Comparator<A extends ArrayLike<infer E> ? E : never, C>, options?: SortOptions<C>): Promise<A>;
    /**
     * Like {@link sort} but equal elements may be reordered: typed arrays with a
     * comparator (or of 8/16-bit elements) use a parallel sample sort; numbers
     * and arrays of objects sort as with `sort`.
     * @example await pool.sortUnstable(xs, (a, b) => Math.abs(a) - Math.abs(b));
     */
    sortUnstable<A extends AnyTypedArray | unknown[], C = undefined>(array: A, compare?: Comparator<A extends ArrayLike<infer E> ? E : never, C>, options?: SortOptions<C>): Promise<A>;
    /**
     * Runs two jobs concurrently on the pool and resolves to both results; if
     * `a` fails, `b` is cancelled (its `AbortSignal` fires); if `b` fails, `a`
     * runs on. Rejects with `a`'s error if it failed, else `b`'s, whatever the timing.
     * @param a a function of an AbortSignal, or `call(remoteFn, ...args)`
     * @param b the same
     * @example const [x, y] = await pool.join(call(k.integrate, 0, 1), (signal) => pool.run(f, 2, { signal }));
     */
    join<A, B>(a: Job<A>, b: Job<B>): Promise<[Awaited<A>, Awaited<B>]>;
    /**
     * Runs `body` with a scope whose `spawn(job)` starts jobs on the pool;
     * resolves to the body's value once every job has settled. The error of
     * the lowest failing spawn wins (the body's first), whatever the timing: a
     * failure cancels the jobs spawned after the failed one, the earlier ones run on.
     * @param body receives the {@link Scope}
     * @example await pool.scope((s) => { for (const f of files) s.spawn(call(k.hash, f)); });
     */
    scope<R>(body: (s: Scope) => R | PromiseLike<R>): Promise<Awaited<R>>;
    /**
     * Dense matrix multiply `C = A · B` (row-major Float64Arrays, A m×k, B
     * k×n), blocked and parallel over blocks of rows of C; bit-identical to
     * the sequential loop on any number of threads.
     * @param a m·k elements (shared: read in place; else copied once)
     * @param b k·n elements
     * @param m rows of A and C
     * @param k columns of A, rows of B
     * @param n columns of B and C
     * @param options `rowBlock` (rows per work item; any value gives the same bits), `out`, scheduling options, `signal`
     * @returns C, a shared Float64Array of m·n elements
     * @example const c = await pool.matmul(a, b, 1024, 1024, 1024);
     */
    matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number, options?: MatmulOptions): Promise<Float64Array>;
    /**
     * Prefix sums of `x` (inclusive by default), in two parallel passes over
     * the fixed leaves; deterministic on any number of threads.
     * @param x the input (shared: read in place; else copied once)
     * @param options `exclusive`, `out` (may be `x` for an in-place scan), chunk bounds, `signal`
     * @returns the output array
     * @example const cdf = await pool.scan(weights);
     */
    scan(x: Float64Array, options?: ScanOptions): Promise<Float64Array>;
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
  sort: {
    value: function sort(this: Pool, array: unknown, compare?: Comparator<unknown, unknown>, options?: SortOptions<unknown>) {
      return parallelSort(this, array, compare, options, true);
    },
    writable: true,
    configurable: true,
  },
  sortUnstable: {
    value: function sortUnstable(this: Pool, array: unknown, compare?: Comparator<unknown, unknown>, options?: SortOptions<unknown>) {
      return parallelSort(this, array, compare, options, false);
    },
    writable: true,
    configurable: true,
  },
  join: {
    value: function join(this: Pool, a: Job<unknown>, b: Job<unknown>) {
      return poolJoin(this, a, b);
    },
    writable: true,
    configurable: true,
  },
  scope: {
    value: function scope(this: Pool, body: (s: Scope) => unknown) {
      return poolScope(this, body);
    },
    writable: true,
    configurable: true,
  },
  matmul: {
    value: function matmul(this: Pool, a: Float64Array, b: Float64Array, m: number, k: number, n: number, options?: MatmulOptions) {
      return parallelMatmul(this, a, b, m, k, n, options);
    },
    writable: true,
    configurable: true,
  },
  scan: {
    value: function scan(this: Pool, x: Float64Array, options?: ScanOptions) {
      return parallelScan(this, x, options);
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
  iterDefaults: {
    value: function iterDefaults(this: Pool) {
      return poolIterDefaults(this);
    },
    writable: true,
    configurable: true,
  },
});

