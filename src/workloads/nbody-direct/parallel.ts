/**
 * nbody-direct on the pool (WORKLOADS.md §1): bodies live in shared memory (structure of
 * arrays); the timed leapfrog runs as an SPMD team (one task per thread, barriers between
 * the whole-array phases), the energies as tasks over blocks of bodies. `static` (the
 * default) gives each thread one contiguous block of bodies per phase; `dynamic` hands
 * out blocks of {@link DYNAMIC_GRAIN} bodies.
 */
import { shared, type Pool, type Remote } from 'tessera';
import { Fnv1a64 } from '../common/fnv1a64.js';
import { littleEndianBytes } from '../common/little-endian.js';
import { checkSchedule, type ParallelOptions, type Schedule } from '../par/schedule.js';
import { runTeam } from '../par/team.js';
import { runUnits } from '../par/units.js';
import { allocateBodies, initBodies, type Bodies } from './bodies.js';
import { interleavePositions, positionSum, totalEnergy } from './kernel.js';
import { resolveNbodyDirectParams, type NbodyDirectOutputs, type NbodyDirectParams } from './params.js';

/** Bodies per work unit of the `dynamic` schedule (forces and energies). */
export const DYNAMIC_GRAIN = 16;

type Tasks = Remote<typeof import('./tasks.js')>;

async function energy(k: Tasks, threads: number, schedule: Schedule, b: Bodies, eps2: number, ke: Float64Array, pe: Float64Array): Promise<number> {
  const n = b.x.length;
  const grain = DYNAMIC_GRAIN;
  const units = Math.ceil(n / grain);
  await runUnits(units, threads, schedule, (u0, u1, o) => k.energyUnits.with(o)(b, eps2, ke, pe, grain, u0, u1));
  return totalEnergy(ke, pe);
}

/**
 * Runs nbody-direct on `pool`; e0, e1, posSum and hash equal {@link nbodyDirectSequential}'s
 * bit for bit for any thread count and schedule.
 * @param pool the pool to run on (one team rank per thread)
 * @param options sizes and constants (spec defaults N = 4096, 10 steps)
 * @param par schedule (default `static`) and progress (in force evaluations)
 * @throws RangeError for invalid parameters
 */
export async function nbodyDirectParallel(pool: Pool, options: Partial<NbodyDirectParams> = {}, par: ParallelOptions = {}): Promise<NbodyDirectOutputs> {
  const p = resolveNbodyDirectParams(options);
  const schedule = checkSchedule(par.schedule ?? 'static');
  const k = await pool.load<typeof import('./tasks.js')>(new URL('./tasks.js', import.meta.url));
  const n = p.n;
  const eps2 = p.eps * p.eps;
  const b = allocateBodies(n, (len) => shared.float64(len));
  initBodies(b, p.seed);
  const ke = shared.float64(n);
  const pe = shared.float64(n);

  const e0 = await energy(k, pool.threads, schedule, b, eps2, ke, pe);

  const grain = schedule === 'static' ? 1 : DYNAMIC_GRAIN;
  const t0 = performance.now();
  await runTeam(pool.threads, schedule, (team, o) => k.leapfrogTeam.with(o)(team, b, eps2, p.dt, p.steps, grain), par.onProgress, p.steps + 1);
  const seconds = (performance.now() - t0) / 1000;

  const e1 = await energy(k, pool.threads, schedule, b, eps2, ke, pe);
  const hash = new Fnv1a64().update(littleEndianBytes(interleavePositions(b))).hex();
  const posSum = positionSum(b);
  // The pool would keep these buffers for its lifetime otherwise.
  await pool.release(...Object.values(b), ke, pe);
  return { e0, e1, posSum, hash, seconds };
}
