/**
 * fem-poisson on the pool (WORKLOADS.md §10): rows (nodes) are cut into the fixed chunks
 * of `CG_CHUNK` rows that the sequential reduction uses; assembly runs as tasks over
 * chunks, the conjugate gradient as an SPMD team (one task per thread, barriers between
 * the vector phases, every dot product added chunk by chunk in chunk order), so the
 * iteration count, the solution and the errors equal the sequential ones bit for bit.
 * `static` (the default) gives each thread one contiguous block of chunks per phase,
 * `dynamic` hands chunks out one by one.
 */
import { shared, type Pool } from 'tessera';
import { checkSchedule, type ParallelOptions } from '../par/schedule.js';
import { runTeam } from '../par/team.js';
import { runUnits } from '../par/units.js';
import { allocateStiffness } from './assembly.js';
import { chunkCountFor, sumPartials } from './cg-kernels.js';
import type { Csr } from './csr.js';
import { errorChunks } from './error.js';
import { resolveFemPoissonParams, type FemConvergenceRow, type FemPoissonOutputs, type FemPoissonParams } from './params.js';


/**
 * Assembles and solves on `pool`; every output but the timings equals
 * {@link femPoissonSequential}'s bit for bit.
 * @param pool the pool to run on (one CG rank per thread)
 * @param options n (default 512), tol (default 1e-10), maxIterations
 * @param par schedule (default `static`) and progress (assembly in chunks, then CG in
 *   residual digits)
 * @param out pass it to keep u_h (`out.u`, shared memory)
 * @throws RangeError for invalid parameters
 */
export async function femPoissonParallel(pool: Pool, options: Partial<FemPoissonParams> = {}, par: ParallelOptions = {}, out?: { u?: Float64Array }): Promise<FemPoissonOutputs> {
  const p = resolveFemPoissonParams(options);
  const schedule = checkSchedule(par.schedule ?? 'static');
  const k = await pool.load<typeof import('./tasks.js')>(new URL('./tasks.js', import.meta.url));
  const n = p.n;
  const t0 = performance.now();
  const pattern = allocateStiffness(n);
  const a: Csr = { rows: pattern.rows, rowPtr: shared.from(pattern.rowPtr), colIdx: shared.int32(pattern.colIdx.length), values: shared.float64(pattern.values.length) };
  const rows = a.rows;
  const chunks = chunkCountFor(rows);
  const b = shared.float64(rows);
  await runUnits(chunks, pool.threads, schedule, (c0, c1, o) => k.assembleChunks.with(o)(n, a, b, c0, c1), par.onProgress);
  const t1 = performance.now();
  const v = { b, x: shared.float64(rows), r: shared.float64(rows), p: shared.float64(rows), q: shared.float64(rows), pq: shared.float64(chunks), rr: shared.float64(chunks) };
  const [cg] = await runTeam(pool.threads, schedule, (team, o) => k.cgTeam.with(o)(team, a, v, p.tol, p.maxIterations), par.onProgress, Math.max(1, Math.ceil(-Math.log10(p.tol))));
  const t2 = performance.now();
  const u = v.x;
  const sq = new Float64Array(chunks);
  const mx = new Float64Array(chunks);
  errorChunks(u, n, 0, chunks, sq, mx);
  let maxError = 0;
  for (let c = 0; c < chunks; c++) maxError = Math.max(maxError, mx[c]!);
  if (out) out.u = u;
  // The pool would keep these buffers for its lifetime otherwise.
  await pool.release(a.rowPtr, a.colIdx, a.values, ...Object.values(v));
  return {
    n,
    unknowns: rows,
    nonzeros: a.values.length,
    iterations: cg!.iterations,
    converged: cg!.converged,
    relResidual: cg!.relResidual,
    l2Error: Math.sqrt(sumPartials(sq, chunks) / (n * n)),
    maxError,
    assemblySeconds: (t1 - t0) / 1000,
    solveSeconds: (t2 - t1) / 1000,
  };
}

/**
 * The convergence table on `pool`: solves for each n in `ns` (ascending) and reports the
 * errors and their ratio to the previous row (close to 4 for second-order convergence).
 * Equal to `femConvergenceTable`'s rows.
 * @param ns mesh sizes (default 64, 128, 256, 512)
 */
export async function femConvergenceTableParallel(pool: Pool, ns: readonly number[] = [64, 128, 256, 512], options: Partial<Omit<FemPoissonParams, 'n'>> = {}, par: ParallelOptions = {}): Promise<FemConvergenceRow[]> {
  const rows: FemConvergenceRow[] = [];
  let prev: FemPoissonOutputs | undefined;
  for (const n of ns) {
    const r = await femPoissonParallel(pool, { ...options, n }, par);
    rows.push({
      n,
      iterations: r.iterations,
      l2Error: r.l2Error,
      maxError: r.maxError,
      l2Ratio: prev ? prev.l2Error / r.l2Error : Number.NaN,
      maxRatio: prev ? prev.maxError / r.maxError : Number.NaN,
    });
    prev = r;
  }
  return rows;
}
