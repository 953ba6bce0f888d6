/**
 * Leaves: the fixed split of an index space `[0, n)` into contiguous ranges.
 *
 * Determinism rests here. A leaf's boundaries depend only on `n`,
 * `minChunk` and `maxChunk` — never on the thread count, the scheduling
 * policy or timing — and every leaf folds its items left to right. Partial
 * results are then combined by {@link treeReduce} in a balanced binary tree
 * over leaf indices that depends only on the number of leaves. So the same
 * input gives bit-identical floating-point results however the leaves were
 * spread over threads.
 */
import { InvalidArgumentError } from '../../shared/errors.js';

/** Leaves aimed at when `minChunk`/`maxChunk` allow it: enough to balance 64+ threads. */
export const TARGET_LEAVES = 1024;

/**
 * Most leaves of one operation: a leaf range `[lo, hi)` is packed into one
 * int32 word (16 bits each) for lock-free splitting (plumbing/schedule.ts).
 */
export const MAX_LEAVES = 0xffff;

/** The leaf split of an index space. */
export interface LeafSplit {
  /** Items per leaf; the last leaf holds `n - (leaves - 1) * leafSize`. */
  readonly leafSize: number;
  /** Number of leaves, `ceil(n / leafSize)` (0 when `n` is 0). */
  readonly leaves: number;
}

/**
 * Splits `n` items into leaves of `clamp(ceil(n / TARGET_LEAVES), minChunk, maxChunk)` items.
 * @throws InvalidArgumentError when `maxChunk` would make more than {@link MAX_LEAVES} leaves.
 */
export function splitLeaves(n: number, minChunk: number, maxChunk: number): LeafSplit {
  if (n === 0) return { leafSize: Math.max(1, minChunk), leaves: 0 };
  let leafSize = Math.max(minChunk, Math.ceil(n / TARGET_LEAVES));
  leafSize = Math.max(1, Math.min(leafSize, maxChunk));
  const leaves = Math.ceil(n / leafSize);
  if (leaves > MAX_LEAVES) {
    throw new InvalidArgumentError('maxChunk', maxChunk, `at least ${Math.ceil(n / MAX_LEAVES)} for ${n} items (at most ${MAX_LEAVES} chunks per operation)`);
  }
  return { leafSize, leaves };
}

/**
 * Combines `parts[lo..hi)` in the fixed balanced tree: split at
 * `lo + floor((hi - lo) / 2)`, combine left then right. Entries equal to
 * `skip` (empty leaves) are left out.
 */
export function treeReduce<T>(parts: readonly (T | typeof EMPTY)[], op: (a: T, b: T) => T, lo = 0, hi = parts.length): T | typeof EMPTY {
  if (hi - lo === 0) return EMPTY;
  if (hi - lo === 1) return parts[lo]!;
  const mid = lo + ((hi - lo) >>> 1);
  const a = treeReduce(parts, op, lo, mid);
  const b = treeReduce(parts, op, mid, hi);
  if (a === EMPTY) return b;
  if (b === EMPTY) return a;
  return op(a, b);
}

/** Marks an empty leaf (no items reached the consumer) in {@link treeReduce}. */
export const EMPTY: unique symbol = Symbol('tessera.iter.empty');

/** {@link treeReduce} over a float64 array, in the same fixed tree (no allocation). */
export function treeReduceF64(parts: Float64Array, op: (a: number, b: number) => number, lo: number, hi: number, stride = 1): number {
  if (hi - lo === 1) return parts[lo * stride]!;
  const mid = lo + ((hi - lo) >>> 1);
  return op(treeReduceF64(parts, op, lo, mid, stride), treeReduceF64(parts, op, mid, hi, stride));
}
