/**
 * heat2d on the pool (WORKLOADS.md §5): an SPMD team (one task per thread, a barrier
 * between sweeps) on shared grids. `static` (the default) gives each thread one
 * contiguous block of rows for every sweep (OpenMP's `schedule(static)`); `dynamic`
 * hands out blocks of {@link DYNAMIC_GRAIN} rows from a shared counter.
 */
import { shared, type Pool } from 'tessera';
import { orderedSum } from '../common/ordered-sum.js';
import { checkSchedule, type ParallelOptions } from '../par/schedule.js';
import { runTeam } from '../par/team.js';
import { initGrid, rowSums } from './kernel.js';
import { resolveHeat2dParams, type Heat2dOutputs, type Heat2dParams } from './params.js';

/** Rows per work unit of the `dynamic` schedule. */
export const DYNAMIC_GRAIN = 16;

/**
 * Runs heat2d on `pool`; every output equals {@link heat2dSequential}'s bit for bit (each
 * cell is computed by the same expression from the same inputs; the sum adds row sums
 * in row order).
 * @param pool the pool to run on (one rank per thread)
 * @param options grid edge and iterations (spec defaults 2048, 200)
 * @param par schedule (default `static`) and progress (in iterations)
 * @throws RangeError for invalid sizes
 */
export async function heat2dParallel(pool: Pool, options: Partial<Heat2dParams> = {}, par: ParallelOptions = {}): Promise<Heat2dOutputs> {
  const p = resolveHeat2dParams(options);
  const schedule = checkSchedule(par.schedule ?? 'static');
  const k = await pool.load<typeof import('./tasks.js')>(new URL('./tasks.js', import.meta.url));
  const n = p.n;
  const u0 = shared.float64(n * n);
  const v0 = shared.float64(n * n);
  initGrid(u0, n);
  initGrid(v0, n);
  const grain = schedule === 'static' ? 1 : DYNAMIC_GRAIN;
  const t0 = performance.now();
  await runTeam(pool.threads, schedule, (team, o) => k.jacobiTeam.with(o)(team, u0, v0, n, p.iterations, grain), par.onProgress, p.iterations);
  const seconds = (performance.now() - t0) / 1000;
  const u = p.iterations % 2 === 0 ? u0 : v0;
  const sums = new Float64Array(n);
  rowSums(u, n, 0, n, sums);
  const c = n >> 1;
  // The pool would keep these buffers for its lifetime otherwise.
  await pool.release(u0, v0);
  return {
    sum: orderedSum(sums),
    centre: u[c * n + c]!,
    probe1: u[n + c]!,
    probe10: u[10 * n + c]!,
    probe50: u[50 * n + c]!,
    seconds,
  };
}
