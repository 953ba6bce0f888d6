/**
 * nbody-bench-game on the pool (WORKLOADS.md §2). The workload is sequential by
 * definition (5 bodies, each step depends on the previous one): this runs the reference
 * program as one task on a worker, so `tessera run`/`bench` treat it like the others.
 */
import type { Pool } from 'tessera';
import { resolveNbodyBenchGameParams, type NbodyBenchGameOutputs, type NbodyBenchGameParams } from './params.js';

/**
 * Runs the program as one task on `pool`; outputs equal {@link nbodyBenchGameSequential}'s.
 * `seconds` is the time of the steps measured in the worker.
 * @param pool the pool to run on
 * @param options `steps` (default 1000)
 * @throws RangeError for an invalid step count
 */
export async function nbodyBenchGameParallel(pool: Pool, options: Partial<NbodyBenchGameParams> = {}): Promise<NbodyBenchGameOutputs> {
  const p = resolveNbodyBenchGameParams(options);
  const k = await pool.load<typeof import('./tasks.js')>(new URL('./tasks.js', import.meta.url));
  return k.runProgram(p.steps);
}
