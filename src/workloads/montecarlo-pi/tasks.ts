/**
 * montecarlo-pi task module (runs in the pool's workers).
 */
import { progressReporter } from '../par/progress-worker.js';
import { chunkHits, chunkSamples } from './kernel.js';

/**
 * Hits of chunks [c0, c1) of a run of `samples` samples in chunks of `chunkSize`; chunk c
 * uses its own xoshiro128** keyed by c, so any thread may run any chunk.
 * @returns Σ of the chunks' hits (an exact integer)
 */
export function chunkRangeHits(samples: number, chunkSize: number, c0: number, c1: number): number {
  const report = progressReporter(c1 - c0);
  let hits = 0;
  for (let c = c0; c < c1; c++) {
    hits += chunkHits(c, chunkSamples(c, samples, chunkSize));
    report(c + 1 - c0);
  }
  return hits;
}
