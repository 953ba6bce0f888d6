/**
 * fem-poisson (WORKLOADS.md §10): parameters and outputs.
 */
import { checkIntParam, checkPositiveNumberParam } from '../common/check.js';

/** Mesh size and solver settings. */
export interface FemPoissonParams {
  /** Squares per side n (h = 1/n; (n−1)² unknowns). @default 512 */
  n: number;
  /** CG stops when ‖r‖₂/‖b‖₂ < tol. @default 1e-10 */
  tol: number;
  /** CG iteration cap (reaching it is reported, not thrown). @default 100000 */
  maxIterations: number;
}

/** Spec defaults: n = 512, tol = 1e-10. */
export const FEM_POISSON_DEFAULTS: Readonly<FemPoissonParams> = Object.freeze({ n: 512, tol: 1e-10, maxIterations: 100_000 });

/**
 * Defaults overridden by `options`, validated.
 * @throws RangeError for invalid sizes
 */
export function resolveFemPoissonParams(options: Partial<FemPoissonParams> = {}): FemPoissonParams {
  const p = { ...FEM_POISSON_DEFAULTS, ...options };
  checkIntParam('n', p.n, 2, 46340);
  checkPositiveNumberParam('tol', p.tol);
  checkIntParam('maxIterations', p.maxIterations, 1);
  return p;
}

/** Outputs of fem-poisson. */
export interface FemPoissonOutputs {
  n: number;
  /** Unknowns (interior nodes) (n−1)². */
  unknowns: number;
  /** Stored matrix entries. */
  nonzeros: number;
  /** CG iterations to reach the tolerance. */
  iterations: number;
  /** True when the tolerance was reached within maxIterations. */
  converged: boolean;
  /** Final ‖r‖₂/‖b‖₂ of the recursively updated residual. */
  relResidual: number;
  /** Discrete L2 error sqrt(h²·Σ_interior (u_h − u)²). */
  l2Error: number;
  /** max_interior |u_h − u|. */
  maxError: number;
  /** Seconds spent assembling. */
  assemblySeconds: number;
  /** Seconds spent in CG. */
  solveSeconds: number;
}

/** One row of the convergence table. */
export interface FemConvergenceRow {
  n: number;
  iterations: number;
  l2Error: number;
  maxError: number;
  /** l2Error of the previous (coarser) row divided by this one (NaN for the first row). */
  l2Ratio: number;
  /** maxError ratio likewise. */
  maxRatio: number;
}
