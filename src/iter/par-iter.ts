/**
 * Parallel iterators: `pool.range(start, end)` and `pool.iter(source)`
 * return an {@link IndexedParIter}; adapters return new iterators (an
 * iterator is an immutable description, cheap to build and to reuse) and
 * consumers run the chain on the pool and return a promise.
 *
 * @example
 * const pool = new Pool();
 * const xs = shared.float64(1_000_000);
 * await pool.iter(xs).forEachMut((_, i) => Math.sin(i));
 * const norm = Math.sqrt(await pool.iter(xs).map((x) => x * x).sum());
 * const evens = await pool.range(0, 100).filter((i) => i % 2 === 0).collect();
 */
import type { Pool } from '../core/pool.js';
import { InvalidArgumentError } from '../shared/errors.js';
import type { AnyTypedArray, ElementArrays, ElementKind } from '../memory/shared-array.js';
import { chunkCount, chunksOp } from './adapters/chunks.js';
import { filterMapOp } from './adapters/filter-map.js';
import { filterOp } from './adapters/filter.js';
import { flatMapOp } from './adapters/flat-map.js';
import { foldOp } from './adapters/fold.js';
import { inspectOp } from './adapters/inspect.js';
import { mapOp } from './adapters/map.js';
import { all, any } from './consumers/any-all.js';
import { collect, collectInto, collectShared } from './consumers/collect.js';
import { count } from './consumers/count.js';
import { find, findIndex } from './consumers/find.js';
import { forEach, forEachMut } from './consumers/for-each.js';
import { minBy } from './consumers/min-max-by.js';
import { max, min } from './consumers/min-max.js';
import { reduce } from './consumers/reduce.js';
import { product, sum } from './consumers/sum.js';
import type { Kernel } from './kernel.js';
import { checkIterOptions, type CallOptions, type IterOptions, type KernelOptions } from './options.js';
import { lazySource, sourceLength, type LazyChain, type LazyOp } from './source.js';

/** Options of a consumer that takes a function: its `context` plus the call options. */
export type ConsumerOptions<C> = KernelOptions<C> & CallOptions;

/**
 * A parallel iterator whose items' positions are not known before it runs
 * (after `filter`, `filterMap`, `flatMap` or `fold`). See {@link IndexedParIter}
 * for the adapters that need positions.
 */
export class ParIter<T> {
  /** @internal The pool the chain runs on. */
  readonly pool: Pool;
  /** @internal The chain's description. */
  readonly chain: LazyChain;
  /** @internal Options set with {@link with}. */
  readonly options: IterOptions;

  /** @internal Use `pool.range` / `pool.iter`. */
  constructor(pool: Pool, chain: LazyChain, options: IterOptions) {
    this.pool = pool;
    this.chain = chain;
    this.options = options;
  }

  /** @internal Appends an adapter: the result is indexed if this is and `keepsIndex`. */
  pipe(op: LazyOp, keepsIndex: boolean, len = this.chain.len): ParIter<any> {
    const chain: LazyChain = { src: this.chain.src, ops: [...this.chain.ops, op], len, indexed: this.chain.indexed && keepsIndex };
    return chain.indexed ? new IndexedParIter(this.pool, chain, this.options) : new ParIter(this.pool, chain, this.options);
  }

  /**
   * The same iterator with other scheduling options (merged over the current ones).
   * @param options `schedule`, `minChunk`, `maxChunk`
   * @throws InvalidArgumentError for a bad option
   * @example await pool.range(0, n).with({ schedule: 'static' }).map(f).sum()
   */
  with(options: IterOptions): this {
    const o = checkIterOptions('options', options);
    const Ctor = this.constructor as new (pool: Pool, chain: LazyChain, options: IterOptions) => this;
    return new Ctor(this.pool, this.chain, { ...this.options, ...o });
  }

  // ------------------------------------------------------------ adapters

  /**
   * Maps each item with `fn(x, context)`.
   * @param fn an inline function (no captured variables) or a kernel reference
   * @param options `context`: the value `fn` receives as its second argument
   * @example pool.range(0, n).map((i, c) => i * c.scale, { context: { scale: 2 } })
   */
  map<U, C = undefined>(fn: Kernel<(x: T, context: C) => U>, options?: KernelOptions<C>): ParIter<U> {
    return this.pipe(mapOp(fn, options), true);
  }

  /**
   * Keeps the items for which `pred(x, context)` is truthy.
   * @param pred an inline function or kernel reference
   * @param options `context`: the value `pred` receives as its second argument
   * @example pool.range(0, 100).filter((i) => i % 3 === 0)
   */
  filter<C = undefined>(pred: Kernel<(x: T, context: C) => unknown>, options?: KernelOptions<C>): ParIter<T> {
    return this.pipe(filterOp(pred, options), false);
  }

  /**
   * Maps each item with `fn(x, context)` and drops `undefined` results.
   * @param fn an inline function or kernel reference
   * @param options `context` for `fn`
   * @example pool.iter(words).filterMap((w) => (w.length > 3 ? w.toUpperCase() : undefined))
   */
  filterMap<U, C = undefined>(fn: Kernel<(x: T, context: C) => U | undefined>, options?: KernelOptions<C>): ParIter<U> {
    return this.pipe(filterMapOp(fn, options), false);
  }

  /**
   * Replaces each item by the items of the iterable `fn(x, context)`.
   * @param fn returns an array, typed array, generator or other iterable
   * @param options `context` for `fn`
   * @example pool.range(0, 10).flatMap((i) => [i, -i])
   */
  flatMap<U, C = undefined>(fn: Kernel<(x: T, context: C) => Iterable<U>>, options?: KernelOptions<C>): ParIter<U> {
    return this.pipe(flatMapOp(fn, options), false);
  }

  /**
   * Calls `fn(x, context)` on each item and passes it on unchanged.
   * @param fn called for its side effects
   * @param options `context` for `fn`
   * @example pool.iter(xs).inspect((x, c) => Atomics.add(c.hist, x & 15, 1), { context: { hist } })
   */
  inspect<C = undefined>(fn: Kernel<(x: T, context: C) => unknown>, options?: KernelOptions<C>): ParIter<T> {
    return this.pipe(inspectOp(fn, options), true);
  }

  /**
   * Folds the items of each leaf into one accumulator: `init(context)`, then
   * `fn(acc, x, context)`; yields one accumulator per leaf, in order (leaves
   * depend only on the length and `minChunk`/`maxChunk`).
   * @param init makes a leaf's initial accumulator from the context
   * @param fn folds one item into the accumulator
   * @param options `context` for both functions
   * @example
   * const hist = await pool.iter(xs)
   *   .fold(() => new Array(10).fill(0), (h, x) => (h[Math.floor(x * 10)]++, h))
   *   .reduce(() => new Array(10).fill(0), (a, b) => a.map((v, i) => v + b[i]));
   */
  fold<A, C = undefined>(init: Kernel<(context: C) => A>, fn: Kernel<(acc: A, x: T, context: C) => A>, options?: KernelOptions<C>): ParIter<A> {
    return this.pipe(foldOp(init, fn, options), false);
  }

  // ----------------------------------------------------------- consumers

  /**
   * Reduces the items with `op(a, b, context)`, each leaf starting from
   * `identity(context)`, leaf results combined in a fixed tree.
   * @returns `identity(context)` when there are no items
   * @param identity the neutral element, made once per leaf
   * @param op an associative combination, also called on the main thread
   * @param options `context`, scheduling options, `signal`
   * @example await pool.range(1, 11).reduce(() => 1, (a, b) => a * b) // 3628800
   */
  reduce<C = undefined>(identity: Kernel<(context: C) => T>, op: Kernel<(a: T, b: T, context: C) => T>, options?: ConsumerOptions<C>): Promise<T> {
    return reduce(this, identity, op, options);
  }

  /**
   * The sum of the items (numbers): deterministic, pairwise over leaves.
   * @param options scheduling options, `signal`
   * @example await pool.range(0, 1e6).map(Math.sqrt).sum()
   */
  sum(this: ParIter<T & number>, options?: CallOptions): Promise<number> {
    return sum(this, options);
  }

  /**
   * The product of the items (numbers); 1 when there are none.
   * @param options scheduling options, `signal`
   * @example await pool.range(1, 6).product() // 120
   */
  product(this: ParIter<T & number>, options?: CallOptions): Promise<number> {
    return product(this, options);
  }

  /**
   * The least item (numbers, as `Math.min`), `undefined` when there is none.
   * @param options scheduling options, `signal`
   * @example await pool.iter(xs).min()
   */
  min(this: ParIter<T & number>, options?: CallOptions): Promise<number | undefined> {
    return min(this, options);
  }

  /**
   * The greatest item (numbers, as `Math.max`), `undefined` when there is none.
   * @param options scheduling options, `signal`
   * @example await pool.iter(xs).max()
   */
  max(this: ParIter<T & number>, options?: CallOptions): Promise<number | undefined> {
    return max(this, options);
  }

  /**
   * The first least item by `compare(a, b, context)`.
   * @param compare negative when `a < b`; also called on the main thread
   * @param options `context`, scheduling options, `signal`
   * @example await pool.iter(people).minBy((a, b) => a.age - b.age)
   */
  minBy<C = undefined>(compare: Kernel<(a: T, b: T, context: C) => number>, options?: ConsumerOptions<C>): Promise<T | undefined> {
    return minBy(this, compare, false, options);
  }

  /**
   * The last greatest item by `compare(a, b, context)`.
   * @param compare negative when `a < b`; also called on the main thread
   * @param options `context`, scheduling options, `signal`
   * @example await pool.iter(people).maxBy((a, b) => a.age - b.age)
   */
  maxBy<C = undefined>(compare: Kernel<(a: T, b: T, context: C) => number>, options?: ConsumerOptions<C>): Promise<T | undefined> {
    return minBy(this, compare, true, options);
  }

  /**
   * The number of items.
   * @param options scheduling options, `signal`
   * @example await pool.range(0, 100).filter((i) => i % 7 === 0).count() // 15
   */
  count(options?: CallOptions): Promise<number> {
    return count(this, options);
  }

  /**
   * True when some item satisfies `pred`; stops early.
   * @param pred an inline function or kernel reference
   * @param options `context`, scheduling options, `signal`
   * @example await pool.iter(xs).any((x) => Number.isNaN(x))
   */
  any<C = undefined>(pred: Kernel<(x: T, context: C) => unknown>, options?: ConsumerOptions<C>): Promise<boolean> {
    return any(this, pred, options);
  }

  /**
   * True when every item satisfies `pred` (also when there are none); stops early.
   * @param pred an inline function or kernel reference
   * @param options `context`, scheduling options, `signal`
   * @example await pool.iter(xs).all((x) => x >= 0)
   */
  all<C = undefined>(pred: Kernel<(x: T, context: C) => unknown>, options?: ConsumerOptions<C>): Promise<boolean> {
    return all(this, pred, options);
  }

  /**
   * The first item (in order) satisfying `pred`, or `undefined`; stops early.
   * @param pred an inline function or kernel reference
   * @param options `context`, scheduling options, `signal`
   * @example await pool.range(2, 1e6).find((i) => i * i > 5e9)
   */
  find<C = undefined>(pred: Kernel<(x: T, context: C) => unknown>, options?: ConsumerOptions<C>): Promise<T | undefined> {
    return find(this, pred, options);
  }

  /**
   * Calls `fn(x, context)` on every item (in parallel, in no particular order).
   * @param fn called for its side effects (typically writes into shared memory)
   * @param options `context`, scheduling options, `signal`
   * @example await pool.range(0, n).forEach((i, c) => { c.out[i] = i * i; }, { context: { out } })
   */
  forEach<C = undefined>(fn: Kernel<(x: T, context: C) => unknown>, options?: ConsumerOptions<C>): Promise<void> {
    return forEach(this, fn, options);
  }

  /**
   * The items in an array, in order.
   * @param options scheduling options, `signal`
   * @example await pool.range(0, 5).map((i) => i * i).collect() // [0, 1, 4, 9, 16]
   */
  collect(options?: CallOptions): Promise<T[]> {
    return collect(this, options);
  }

  /**
   * The items in a new shared typed array of `kind`, in order.
   * @param kind the element type, e.g. `"float64"`
   * @param options scheduling options, `signal`
   * @example const ys = await pool.iter(xs).filter((x) => x > 0).collectShared('float64')
   */
  collectShared<K extends ElementKind>(kind: K, options?: CallOptions): Promise<ElementArrays[K]> {
    return collectShared(this, kind, options);
  }
}

/**
 * A parallel iterator with one item per index `0 … length - 1`: a range, an
 * array, or such an iterator after `map`, `inspect`, `enumerate`, `zip` or
 * `chunks`. `K` is the type of its chunks.
 */
export class IndexedParIter<T, K = T[]> extends ParIter<T> {
  /** The number of items. @example pool.range(0, 10).chunks(3).length // 4 */
  get length(): number {
    return this.chain.len;
  }

  /** {@inheritDoc ParIter.map} */
  override map<U, C = undefined>(fn: Kernel<(x: T, context: C) => U>, options?: KernelOptions<C>): IndexedParIter<U> {
    return this.pipe(mapOp(fn, options), true) as IndexedParIter<U>;
  }

  /** {@inheritDoc ParIter.inspect} */
  override inspect<C = undefined>(fn: Kernel<(x: T, context: C) => unknown>, options?: KernelOptions<C>): IndexedParIter<T, K> {
    return this.pipe(inspectOp(fn, options), true) as IndexedParIter<T, K>;
  }

  /**
   * Pairs each item with its index: `[i, x]`.
   * @example await pool.iter(['a', 'b']).enumerate().collect() // [[0, 'a'], [1, 'b']]
   */
  enumerate(): IndexedParIter<[number, T]> {
    return this.pipe({ t: 'enumerate' }, true) as IndexedParIter<[number, T]>;
  }

  /**
   * Pairs item `i` with item `i` of `other` (an indexed iterator or an
   * array); as long as the shorter.
   * @param other an indexed iterator, an array or a typed array
   * @example await pool.iter(xs).zip(ys).map(([x, y]) => x * y).sum() // dot product
   */
  zip<U>(other: IndexedParIter<U, any> | readonly U[] | ArrayLike<U>): IndexedParIter<[T, U]> {
    let chain: LazyChain;
    if (other instanceof IndexedParIter) chain = other.chain;
    else if (other instanceof ParIter) throw new InvalidArgumentError('other', 'a filtered iterator', 'an indexed iterator or an array');
    else {
      const src = lazySource(other);
      chain = { src, ops: [], len: sourceLength(src), indexed: true };
    }
    return this.pipe({ t: 'zip', other: chain }, true, Math.min(this.chain.len, chain.len)) as IndexedParIter<[T, U]>;
  }

  /**
   * Groups consecutive items into chunks of `size` (the last may be
   * shorter): `subarray` views of a shared typed array (zero copy), copies
   * of the same type for an ordinary typed array, arrays otherwise.
   * @param size items per chunk
   * @throws InvalidArgumentError when `size` is not an integer >= 1
   * @example await pool.iter(xs).chunks(4096).map((c) => c.reduce((a, b) => a + b, 0)).collect()
   */
  chunks(size: number): IndexedParIter<K> {
    return this.pipe(chunksOp(size, this.chain.len), true, chunkCount(this.chain.len, size)) as IndexedParIter<K>;
  }

  /**
   * The index of the first item satisfying `pred`, or -1; stops early.
   * @param pred an inline function or kernel reference
   * @param options `context`, scheduling options, `signal`
   * @example await pool.iter(xs).findIndex((x) => x < 0)
   */
  findIndex<C = undefined>(pred: Kernel<(x: T, context: C) => unknown>, options?: ConsumerOptions<C>): Promise<number> {
    return findIndex(this, pred, options);
  }

  /**
   * Writes item `i` into `target[i]` (a shared typed array at least as long); resolves to `target`.
   * @param target a shared typed array
   * @param options scheduling options, `signal`
   * @example await pool.range(0, n).map((i) => i * 0.5).collectInto(shared.float64(n))
   */
  collectInto<A extends AnyTypedArray>(target: A, options?: CallOptions): Promise<A> {
    return collectInto(this, target, options);
  }

  /**
   * On an iterator straight over an array: sets each element to
   * `fn(value, index, context)`, in place (zero copy for shared typed arrays).
   * @param fn returns the element's new value
   * @param options `context`, scheduling options, `signal`
   * @throws InvalidArgumentError when the iterator has adapters or holds no numbers
   * @example await pool.iter(xs).forEachMut((x, i) => x * 2 + i)
   */
  forEachMut<C = undefined>(fn: Kernel<(value: T, index: number, context: C) => T>, options?: ConsumerOptions<C>): Promise<void> {
    return forEachMut(this as ParIter<any>, fn as Kernel<(value: any, index: number, context: C) => number>, options);
  }
}

/**
 * `pool.range(start, end)`: the integers `start … end - 1`.
 * @throws InvalidArgumentError unless both are safe integers
 */
export function rangeIter(pool: Pool, start: number, end: number, options?: IterOptions): IndexedParIter<number> {
  if (!Number.isSafeInteger(start)) throw new InvalidArgumentError('start', start, 'a safe integer');
  if (!Number.isSafeInteger(end)) throw new InvalidArgumentError('end', end, 'a safe integer');
  const len = Math.max(0, end - start);
  return new IndexedParIter(pool, { src: { t: 'range', start, len }, ops: [], len, indexed: true }, checkIterOptions('options', options));
}

/**
 * `pool.iter(source)`: the elements of an array or typed array.
 * @throws InvalidArgumentError for anything else
 */
export function sourceIter<T, K>(pool: Pool, source: unknown, options?: IterOptions): IndexedParIter<T, K> {
  const src = lazySource(source);
  const len = sourceLength(src);
  return new IndexedParIter<T, K>(pool, { src, ops: [], len, indexed: true }, checkIterOptions('options', options));
}
