/**
 * heat2d (WORKLOADS.md §5): parameters and outputs.
 */
import { checkIntParam } from '../common/check.js';

/** Grid and iteration count. */
export interface Heat2dParams {
  /** Grid edge N (boundary included). @default 2048 */
  n: number;
  /** Jacobi iterations. @default 200 */
  iterations: number;
}

/** Spec defaults: 2048×2048, 200 iterations. */
export const HEAT2D_DEFAULTS: Readonly<Heat2dParams> = Object.freeze({ n: 2048, iterations: 200 });

/**
 * Defaults overridden by `options`, validated. N ≥ 52 so that every probe row (1, 10, 50)
 * is an interior row.
 * @throws RangeError for invalid sizes
 */
export function resolveHeat2dParams(options: Partial<Heat2dParams> = {}): Heat2dParams {
  const p = { ...HEAT2D_DEFAULTS, ...options };
  checkIntParam('n', p.n, 52, 46340);
  checkIntParam('iterations', p.iterations, 0);
  return p;
}

/** Outputs of heat2d (all bit-exact). */
export interface Heat2dOutputs {
  /** Σ_i (Σ_j u[i][j]): row sums in j order, added in i order. */
  sum: number;
  /** u[N/2][N/2] — exactly 0 after 200 iterations on the default grid. */
  centre: number;
  /** u[1][N/2]. */
  probe1: number;
  /** u[10][N/2]. */
  probe10: number;
  /** u[50][N/2]. */
  probe50: number;
  /** Seconds spent iterating. */
  seconds: number;
}
