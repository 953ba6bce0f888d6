/**
 * sort sequential reference (WORKLOADS.md §7).
 */
import { generateValues, isAscending, sortChecksum } from './kernel.js';
import { resolveSortParams, type SortOutputs, type SortParams } from './params.js';

/**
 * Generates N double53() values and sorts them with `Float64Array.prototype.sort()`.
 * @param options N and key (spec defaults 2·10^7, 12345)
 * @returns the checks of the sorted array and the timings; pass `out` to keep the array
 * @throws RangeError for invalid sizes
 */
export function sortSequential(options: Partial<SortParams> = {}, out?: { values?: Float64Array }): SortOutputs {
  const p = resolveSortParams(options);
  const a = new Float64Array(p.n);
  const g0 = performance.now();
  generateValues(a, p.seed);
  const generateSeconds = (performance.now() - g0) / 1000;
  const t0 = performance.now();
  a.sort();
  const seconds = (performance.now() - t0) / 1000;
  if (out) out.values = a;
  return {
    sorted: isAscending(a),
    checksum: sortChecksum(a),
    first: a[0]!,
    middle: a[Math.floor(p.n / 2)]!,
    last: a[p.n - 1]!,
    seconds,
    generateSeconds,
  };
}
