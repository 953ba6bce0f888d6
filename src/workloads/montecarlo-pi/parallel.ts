/**
 * montecarlo-pi on the pool (WORKLOADS.md §4): chunks are the work unit (`dynamic`, the
 * default: one task per chunk; `static`: a contiguous block of chunks per thread).
 */
import type { Pool } from 'tessera';
import { checkSchedule, type ParallelOptions } from '../par/schedule.js';
import { runUnits } from '../par/units.js';
import { chunkCount } from './kernel.js';
import { resolveMontecarloPiParams, type MontecarloPiOutputs, type MontecarloPiParams } from './params.js';

/**
 * Estimates π on `pool`; hits are integers, so the result equals
 * {@link montecarloPiSequential}'s exactly for any split.
 * @param pool the pool to run on
 * @param options samples N and chunk size C (spec defaults 2·10^8 and 10^6)
 * @param par schedule (default `dynamic`) and progress (in chunks)
 * @throws RangeError for invalid sizes
 */
export async function montecarloPiParallel(pool: Pool, options: Partial<MontecarloPiParams> = {}, par: ParallelOptions = {}): Promise<MontecarloPiOutputs> {
  const p = resolveMontecarloPiParams(options);
  const schedule = checkSchedule(par.schedule ?? 'dynamic');
  const k = await pool.load<typeof import('./tasks.js')>(new URL('./tasks.js', import.meta.url));
  const chunks = chunkCount(p.samples, p.chunkSize);
  const t0 = performance.now();
  const run = await runUnits(chunks, pool.threads, schedule, (c0, c1, o) => k.chunkRangeHits.with(o)(p.samples, p.chunkSize, c0, c1), par.onProgress);
  let hits = 0;
  for (const h of run.results) hits += h;
  const seconds = (performance.now() - t0) / 1000;
  return { hits, estimate: (4 * hits) / p.samples, seconds };
}
