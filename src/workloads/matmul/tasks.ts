/**
 * matmul task module (runs in the pool's workers).
 */
import { progressReporter } from '../par/progress-worker.js';
import { multiplyRows } from './kernel.js';

/**
 * C rows of i-blocks [ib0, ib1) += A·B (blocked i-k-j, one `multiplyRows` call per
 * i-block as in the sequential reference). A, B, C are shared row-major N×N arrays; the
 * rows of C written here belong to these i-blocks only.
 */
export function multiplyBlocks(a: Float64Array, b: Float64Array, c: Float64Array, n: number, block: number, ib0: number, ib1: number): void {
  const report = progressReporter(ib1 - ib0);
  for (let ib = ib0; ib < ib1; ib++) {
    const i0 = ib * block;
    multiplyRows(a, b, c, n, block, i0, Math.min(i0 + block, n));
    report(ib + 1 - ib0);
  }
}
