/**
 * montecarlo-pi sequential reference (WORKLOADS.md §4): chunks in index order.
 */
import { chunkCount, chunkHits, chunkSamples } from './kernel.js';
import { resolveMontecarloPiParams, type MontecarloPiOutputs, type MontecarloPiParams } from './params.js';

/**
 * Estimates π on one thread: hits = Σ_c chunkHits(c) (integers, so the order is
 * irrelevant), estimate = 4·hits/N.
 * @param options samples N and chunk size C (spec defaults 2·10^8 and 10^6)
 * @throws RangeError for invalid sizes
 */
export function montecarloPiSequential(options: Partial<MontecarloPiParams> = {}): MontecarloPiOutputs {
  const p = resolveMontecarloPiParams(options);
  const chunks = chunkCount(p.samples, p.chunkSize);
  const t0 = performance.now();
  let hits = 0;
  for (let c = 0; c < chunks; c++) hits += chunkHits(c, chunkSamples(c, p.samples, p.chunkSize));
  const seconds = (performance.now() - t0) / 1000;
  return { hits, estimate: (4 * hits) / p.samples, seconds };
}
