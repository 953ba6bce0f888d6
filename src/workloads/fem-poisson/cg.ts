/**
 * Sequential conjugate gradient for fem-poisson, written with the chunk kernels of
 * `cg-kernels.ts` so that a parallel version running the same kernels on the pool
 * reproduces it bit for bit.
 */
import type { Csr } from './csr.js';
import { chunkCountFor, dotChunks, spmvDotChunks, sumPartials, updateDirectionRows, updateSolutionChunks } from './cg-kernels.js';

/** Result of a CG solve. */
export interface CgResult {
  /** Iterations performed. */
  iterations: number;
  /** True when ‖r‖₂/‖b‖₂ < tol was reached. */
  converged: boolean;
  /** Final ‖r‖₂/‖b‖₂ (recursively updated residual). */
  relResidual: number;
}

/**
 * Solves A·x = b from x = 0 (x is overwritten):
 * r = b, p = r, ρ = r·r; repeat: q = A·p, α = ρ/(p·q), x += α·p, r −= α·q, ρ' = r·r,
 * stop if sqrt(ρ')/‖b‖ < tol, β = ρ'/ρ, p = r + β·p, ρ = ρ'.
 * A zero right-hand side returns immediately (0 iterations, x = 0).
 */
export function conjugateGradient(a: Csr, b: Float64Array, x: Float64Array, tol: number, maxIterations: number): CgResult {
  const rows = a.rows;
  const chunks = chunkCountFor(rows);
  const partials = new Float64Array(chunks);
  const r = Float64Array.from(b);
  const p = Float64Array.from(b);
  const q = new Float64Array(rows);
  x.fill(0);
  dotChunks(r, r, 0, chunks, partials);
  let rho = sumPartials(partials, chunks);
  const bNorm = Math.sqrt(rho);
  if (bNorm === 0) return { iterations: 0, converged: true, relResidual: 0 };
  let relResidual = 1;
  for (let it = 1; it <= maxIterations; it++) {
    spmvDotChunks(a, p, q, 0, chunks, partials);
    const alpha = rho / sumPartials(partials, chunks);
    updateSolutionChunks(x, r, p, q, alpha, 0, chunks, partials);
    const rhoNew = sumPartials(partials, chunks);
    relResidual = Math.sqrt(rhoNew) / bNorm;
    if (relResidual < tol) return { iterations: it, converged: true, relResidual };
    const beta = rhoNew / rho;
    updateDirectionRows(p, r, beta, 0, rows);
    rho = rhoNew;
  }
  return { iterations: maxIterations, converged: false, relResidual };
}
