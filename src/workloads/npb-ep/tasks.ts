/**
 * NPB EP task module (runs in the pool's workers).
 */
import { progressReporter } from '../par/progress-worker.js';
import { PARTIAL_STRIDE, runBatch } from './kernel.js';

/**
 * Runs batches [k0, k1) and writes batch k's partial result to
 * `partials[k·PARTIAL_STRIDE … (k+1)·PARTIAL_STRIDE)` (a shared array; see kernel.ts).
 * @param an the batch multiplier a^(2·NK) mod 2^46 (`batchMultiplier()`)
 */
export function runBatches(an: number, partials: Float64Array, k0: number, k1: number): void {
  const report = progressReporter(k1 - k0);
  for (let k = k0; k < k1; k++) {
    runBatch(k, an, partials, k * PARTIAL_STRIDE);
    report(k + 1 - k0);
  }
}
