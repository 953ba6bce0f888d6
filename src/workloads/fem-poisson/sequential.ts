/**
 * fem-poisson sequential reference (WORKLOADS.md §10): −Δu = 2π²·sin(πx)·sin(πy) on the
 * unit square, u = 0 on the boundary, P1 elements, CSR, conjugate gradient.
 */
import { allocateStiffness, assembleRows } from './assembly.js';
import { chunkCountFor, sumPartials } from './cg-kernels.js';
import { conjugateGradient } from './cg.js';
import { errorChunks } from './error.js';
import { resolveFemPoissonParams, type FemConvergenceRow, type FemPoissonOutputs, type FemPoissonParams } from './params.js';

/**
 * Assembles and solves on one thread; reports CG iterations and the discrete errors.
 * @param options n (default 512), tol (default 1e-10), maxIterations
 * @returns iterations, errors and timings (see {@link FemPoissonOutputs}); pass `out` to keep u_h
 * @throws RangeError for invalid parameters
 */
export function femPoissonSequential(options: Partial<FemPoissonParams> = {}, out?: { u?: Float64Array }): FemPoissonOutputs {
  const p = resolveFemPoissonParams(options);
  const n = p.n;
  const t0 = performance.now();
  const a = allocateStiffness(n);
  const b = new Float64Array(a.rows);
  assembleRows(n, a, b, 0, a.rows);
  const t1 = performance.now();
  const u = new Float64Array(a.rows);
  const cg = conjugateGradient(a, b, u, p.tol, p.maxIterations);
  const t2 = performance.now();
  const chunks = chunkCountFor(a.rows);
  const sq = new Float64Array(chunks);
  const mx = new Float64Array(chunks);
  errorChunks(u, n, 0, chunks, sq, mx);
  let maxError = 0;
  for (let c = 0; c < chunks; c++) maxError = Math.max(maxError, mx[c]!);
  if (out) out.u = u;
  return {
    n,
    unknowns: a.rows,
    nonzeros: a.values.length,
    iterations: cg.iterations,
    converged: cg.converged,
    relResidual: cg.relResidual,
    l2Error: Math.sqrt(sumPartials(sq, chunks) / (n * n)),
    maxError,
    assemblySeconds: (t1 - t0) / 1000,
    solveSeconds: (t2 - t1) / 1000,
  };
}

/**
 * Solves for each n in `ns` (ascending) and reports the errors and the ratio to the
 * previous row; second-order convergence shows as ratios close to 4.
 * @param ns mesh sizes (default 64, 128, 256, 512)
 */
export function femConvergenceTable(ns: readonly number[] = [64, 128, 256, 512], options: Partial<Omit<FemPoissonParams, 'n'>> = {}): FemConvergenceRow[] {
  const rows: FemConvergenceRow[] = [];
  let prev: FemPoissonOutputs | undefined;
  for (const n of ns) {
    const r = femPoissonSequential({ ...options, n });
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
