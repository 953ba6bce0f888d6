/**
 * matmul (WORKLOADS.md §6): parameters and outputs.
 */
import { checkIntParam } from '../common/check.js';

/** Matrix size and blocking. */
export interface MatmulParams {
  /** Matrix edge N. @default 1024 */
  n: number;
  /** Block edge of the blocked i-k-j loop (and the parallel unit: i-blocks). @default 64 */
  block: number;
}

/** Spec defaults: N = 1024, block 64. */
export const MATMUL_DEFAULTS: Readonly<MatmulParams> = Object.freeze({ n: 1024, block: 64 });

/**
 * Defaults overridden by `options`, validated (N ≤ 8192 keeps every sum an exact double).
 * @throws RangeError for invalid sizes
 */
export function resolveMatmulParams(options: Partial<MatmulParams> = {}): MatmulParams {
  const p = { ...MATMUL_DEFAULTS, ...options };
  checkIntParam('n', p.n, 1, 8192);
  checkIntParam('block', p.block, 1);
  return p;
}

/** Outputs of matmul (all exact integers or exact hashes, except the timing). */
export interface MatmulOutputs {
  /** Σ C[i][j] (an exact integer). */
  sum: number;
  /** Σ C[flat]·((flat mod 7) + 1), flat row-major (an exact integer). */
  wsum: number;
  /** FNV-1a 64 of C as little-endian binary64 bytes, row-major. */
  hash: string;
  /** C[0][0]. */
  c00: number;
  /** C[N−1][N−1]. */
  cLast: number;
  /** Seconds spent multiplying. */
  seconds: number;
  /** 2N³ / seconds / 1e9. */
  gflops: number;
}
