/**
 * sort (WORKLOADS.md §7): parameters and outputs.
 */
import { checkIntParam } from '../common/check.js';

/** Array length and generator key. */
export interface SortParams {
  /** Number of values N. @default 20_000_000 */
  n: number;
  /** xoshiro128** key of the generator. @default 12345 */
  seed: number;
}

/** Spec defaults: N = 2·10^7, key 12345. */
export const SORT_DEFAULTS: Readonly<SortParams> = Object.freeze({ n: 20_000_000, seed: 12345 });

/**
 * Defaults overridden by `options`, validated.
 * @throws RangeError for invalid sizes
 */
export function resolveSortParams(options: Partial<SortParams> = {}): SortParams {
  const p = { ...SORT_DEFAULTS, ...options };
  checkIntParam('n', p.n, 1);
  checkIntParam('seed', p.seed, 0, 0xffffffff);
  return p;
}

/** Outputs of sort (all bit-exact except the timings). */
export interface SortOutputs {
  /** True when the result is ascending. */
  sorted: boolean;
  /** Σ_i a[i]·((i mod 1024) + 1) in index order, of the sorted array. */
  checksum: number;
  /** a[0] (the minimum). */
  first: number;
  /** a[⌊N/2⌋]. */
  middle: number;
  /** a[N−1] (the maximum). */
  last: number;
  /** Seconds spent sorting (generation excluded). */
  seconds: number;
  /** Seconds spent generating the values. */
  generateSeconds: number;
}
