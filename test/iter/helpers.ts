/** Helpers of the iterator tests: seeded data and the reference of the fixed reduction tree. */
import { rng } from '../support.js';

/** `n` seeded random floats in [-1, 1) with varied magnitudes (rounding matters in sums). */
export function floats(n: number, seed: number): number[] {
  const r = rng(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((r() * 2 - 1) * 10 ** Math.floor(r() * 12 - 6));
  return out;
}

/** `n` seeded random integers in [0, max). */
export function ints(n: number, seed: number, max = 1000): number[] {
  const r = rng(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.floor(r() * max));
  return out;
}

/** The leaf size the iterator layer uses (plumbing/leaves.ts), restated for the tests. */
export function leafSize(n: number, minChunk = 1, maxChunk = Infinity): number {
  return Math.max(1, Math.min(Math.max(minChunk, Math.ceil(n / 1024)), maxChunk));
}

/** The documented deterministic sum: left-to-right per leaf, leaves combined in the balanced tree. */
export function treeSum(xs: readonly number[], minChunk = 1, maxChunk = Infinity): number {
  if (xs.length === 0) return 0;
  const size = leafSize(xs.length, minChunk, maxChunk);
  const parts: number[] = [];
  for (let lo = 0; lo < xs.length; lo += size) {
    let s = 0;
    for (let i = lo; i < Math.min(xs.length, lo + size); i++) s += xs[i]!;
    parts.push(s);
  }
  const tree = (lo: number, hi: number): number => (hi - lo === 1 ? parts[lo]! : tree(lo, lo + ((hi - lo) >>> 1)) + tree(lo + ((hi - lo) >>> 1), hi));
  return tree(0, parts.length);
}

/** The bit pattern of a float64, for bit-identical comparisons that also distinguish -0 and NaNs. */
export function bits(x: number): string {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  return b.getBigUint64(0).toString(16);
}

/** Lengths that exercise the edges: empty, one, around leaf and chunk boundaries. */
export const EDGE_LENGTHS = [0, 1, 2, 7, 1023, 1024, 1025, 4099];
