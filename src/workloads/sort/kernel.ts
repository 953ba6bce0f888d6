/**
 * sort kernels (WORKLOADS.md §7): input generation and result checks. The sort itself
 * is `Float64Array.prototype.sort()` in the reference; a parallel sort must produce the
 * identical array (no NaNs and no −0 occur, so "identical" is well defined).
 */
import { Xoshiro128ss } from '../common/xoshiro128ss.js';

/** Fills `a` with double53() values of one xoshiro128** keyed by `seed`, in index order. */
export function generateValues(a: Float64Array, seed: number): void {
  const rng = new Xoshiro128ss(seed);
  for (let i = 0; i < a.length; i++) a[i] = rng.double53();
}

/** True when a[i−1] ≤ a[i] for all i. */
export function isAscending(a: Float64Array): boolean {
  for (let i = 1; i < a.length; i++) if (a[i - 1]! > a[i]!) return false;
  return true;
}

/** Σ_i a[i]·((i mod 1024) + 1) in index order, from 0. */
export function sortChecksum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * ((i & 1023) + 1);
  return s;
}
