/**
 * fem-poisson task module (runs in the pool's workers): assembly of row chunks, and one
 * rank of the SPMD team that runs the conjugate gradient.
 */
import { progressReporter } from '../par/progress-worker.js';
import { Team } from '../par/team-worker.js';
import type { TeamArgs } from '../par/team.js';
import { assembleRows } from './assembly.js';
import { CG_CHUNK, dotChunks, spmvDotChunks, sumPartials, updateDirectionRows, updateSolutionChunks } from './cg-kernels.js';
import type { CgResult } from './cg.js';
import type { Csr } from './csr.js';

/** Assembles the rows of chunks [c0, c1) ({@link CG_CHUNK} rows each) into the shared `a` and `b`. */
export function assembleChunks(n: number, a: Csr, b: Float64Array, c0: number, c1: number): void {
  const report = progressReporter(c1 - c0);
  for (let c = c0; c < c1; c++) {
    assembleRows(n, a, b, c * CG_CHUNK, Math.min((c + 1) * CG_CHUNK, a.rows));
    report(c + 1 - c0);
  }
}

/** Shared vectors of the team's conjugate gradient (each of length `a.rows`, `pq`/`rr` one entry per chunk). */
export interface CgVectors {
  b: Float64Array;
  x: Float64Array;
  r: Float64Array;
  p: Float64Array;
  q: Float64Array;
  /** Chunk partials of p·q. */
  pq: Float64Array;
  /** Chunk partials of r·r. */
  rr: Float64Array;
}

/**
 * Conjugate gradient from x = 0 as one rank of a team: the same iteration as
 * `conjugateGradient` (cg.ts), with the chunk kernels run on this rank's chunks and a
 * barrier wherever the sequential code finishes a whole-vector loop. Every rank adds the
 * chunk partials in chunk order itself, so all ranks see the same α, β and residual and
 * stop at the same iteration; the results are bit-identical to the sequential solve.
 *
 * p·q and r·r use separate partial arrays: a rank may start writing r·r partials while
 * another still reads the p·q ones (and the other way round across the next barrier).
 * @returns the iteration count, convergence and final relative residual (same on every rank)
 */
export function cgTeam(args: TeamArgs, a: Csr, v: CgVectors, tol: number, maxIterations: number): CgResult {
  const team = new Team(args);
  const { b, x, r, p, q, pq, rr } = v;
  const rows = a.rows;
  const chunks = pq.length;
  const digits = Math.max(1, Math.ceil(-Math.log10(tol)));
  const report = args.rank === 0 ? progressReporter(digits) : undefined;
  const rowsOf = (c0: number, c1: number): [number, number] => [c0 * CG_CHUNK, Math.min(c1 * CG_CHUNK, rows)];

  team.forUnits(chunks, (c0, c1) => {
    const [i0, i1] = rowsOf(c0, c1);
    r.set(b.subarray(i0, i1), i0);
    p.set(b.subarray(i0, i1), i0);
    x.fill(0, i0, i1);
    dotChunks(r, r, c0, c1, rr);
  });
  team.sync();
  let rho = sumPartials(rr, chunks);
  const bNorm = Math.sqrt(rho);
  if (bNorm === 0) return { iterations: 0, converged: true, relResidual: 0 };
  let relResidual = 1;
  for (let it = 1; it <= maxIterations; it++) {
    team.forUnits(chunks, (c0, c1) => spmvDotChunks(a, p, q, c0, c1, pq));
    team.sync();
    const alpha = rho / sumPartials(pq, chunks);
    team.forUnits(chunks, (c0, c1) => updateSolutionChunks(x, r, p, q, alpha, c0, c1, rr));
    team.sync();
    const rhoNew = sumPartials(rr, chunks);
    relResidual = Math.sqrt(rhoNew) / bNorm;
    report?.(Math.min(digits - 1, Math.max(0, Math.floor(-Math.log10(relResidual)))));
    if (relResidual < tol) {
      return { iterations: it, converged: true, relResidual };
    }
    const beta = rhoNew / rho;
    team.forUnits(chunks, (c0, c1) => {
      const [i0, i1] = rowsOf(c0, c1);
      updateDirectionRows(p, r, beta, i0, i1);
    });
    team.sync();
    rho = rhoNew;
  }
  return { iterations: maxIterations, converged: false, relResidual };
}
