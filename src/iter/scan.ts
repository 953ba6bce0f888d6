/**
 * Parallel prefix sum (scan), in two passes over the same fixed leaves as
 * every reduction (plumbing/leaves.ts):
 *
 * 1. `fold` each leaf to its sum (one parallel pass);
 * 2. on the main thread, the exclusive prefix sum of the leaf sums, left to
 *    right (one number per leaf);
 * 3. each leaf writes `out[i] = offset + x[lo] + … + x[i]` left to right
 *    (a second parallel pass, `scanLeaf`).
 *
 * The result depends only on the input and `minChunk`/`maxChunk`: it is
 * bit-identical on any number of threads and under any policy. It equals a
 * sequential running sum exactly when every partial sum is exact (integers
 * below 2^53); for other floats it differs in the last bits, as any parallel
 * scan must.
 */
import type { Pool } from '../core/pool.js';
import { isShared } from '../memory/shared-array.js';
import { checkOptions } from '../shared/check.js';
import { InvalidArgumentError } from '../shared/errors.js';
import { kernels } from './kernel.js';
import { splitLeaves } from './plumbing/leaves.js';
import { resolveIterOptions, type CallOptions } from './options.js';

/** Options of `pool.scan`. */
export interface ScanOptions extends CallOptions {
  /** Exclusive scan (`out[i]` sums the items before i). @default false (inclusive) */
  exclusive?: boolean;
  /** Where to write the result (may be the input itself); a new shared Float64Array by default. */
  out?: Float64Array;
}

/** What each leaf of pass 2 receives. */
export interface ScanContext {
  readonly x: Float64Array;
  readonly out: Float64Array;
  /** The sum of every leaf before each leaf. */
  readonly offsets: Float64Array;
  readonly leafSize: number;
  readonly n: number;
  readonly exclusive: boolean;
}

/**
 * Task-module kernel: writes the scan of leaf `leaf` from its offset.
 * @param leaf the leaf's index
 * @param ctx the arrays and the leaf offsets
 */
export function scanLeaf(leaf: number, ctx: ScanContext): void {
  const lo = leaf * ctx.leafSize;
  const hi = Math.min(ctx.n, lo + ctx.leafSize);
  const { x, out } = ctx;
  let s = ctx.offsets[leaf]!;
  if (ctx.exclusive) {
    for (let i = lo; i < hi; i++) {
      const v = x[i]!;
      out[i] = s;
      s += v;
    }
  } else {
    for (let i = lo; i < hi; i++) {
      s += x[i]!;
      out[i] = s;
    }
  }
}

const chainKernel = kernels<typeof import('./chain-kernel.js')>(new URL('./chain-kernel.js', import.meta.url));

/**
 * `pool.scan(x, options)`: the prefix sums of `x`; resolves to the output array.
 */
export async function parallelScan(pool: Pool, x: Float64Array, options?: ScanOptions): Promise<Float64Array> {
  const o = checkOptions('options', options) as ScanOptions;
  if (!(x instanceof Float64Array)) throw new InvalidArgumentError('x', x, 'a Float64Array');
  const n = x.length;
  let src = x;
  if (!isShared(x)) {
    src = new Float64Array(new SharedArrayBuffer(n * 8));
    src.set(x);
  }
  let out = o.out;
  if (out === undefined) out = new Float64Array(new SharedArrayBuffer(n * 8));
  else if (!(out instanceof Float64Array) || out.length < n) throw new InvalidArgumentError('options.out', out, `a Float64Array of at least ${n} elements`);
  const target = isShared(out) ? out : out === x ? src : new Float64Array(new SharedArrayBuffer(n * 8));
  const { exclusive = false, out: _out, ...call } = o;
  const r = resolveIterOptions(pool, {}, call);
  const { leafSize, leaves } = splitLeaves(n, r.minChunk, r.maxChunk);
  if (leaves > 0) {
    const sums = await pool.iter(src).fold(() => 0, (s, v) => s + v).collect({ ...call, signal: r.signal });
    const offsets = new Float64Array(new SharedArrayBuffer(leaves * 8));
    let acc = 0;
    for (let l = 0; l < leaves; l++) {
      offsets[l] = acc;
      acc += sums[l]!;
    }
    const ctx: ScanContext = { x: src, out: target, offsets, leafSize, n, exclusive };
    await pool.range(0, leaves).forEach(chainKernel.scanLeaf, { context: ctx, schedule: r.schedule, maxChunk: 1, signal: r.signal });
  }
  if (target !== out) out.set(target.subarray(0, n));
  return out;
}
