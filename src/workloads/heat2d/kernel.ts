/**
 * heat2d kernels (WORKLOADS.md §5) on row-major N×N Float64Arrays. Each kernel touches a
 * row range only, so rows can be split across workers with bit-identical results.
 */

/** Boundary value of row 0. */
export const HOT_EDGE = 100.0;

/**
 * Initial state: all 0 except row 0 (corners included) = 100. Apply to both buffers.
 */
export function initGrid(u: Float64Array, n: number): void {
  u.fill(0);
  u.fill(HOT_EDGE, 0, n);
}

/**
 * One Jacobi sweep over interior rows i ∈ [i0, i1) ∩ [1, N−2], j ∈ [1, N−2]:
 * v[i][j] = 0.25·(((u[i−1][j] + u[i+1][j]) + u[i][j−1]) + u[i][j+1]).
 * Reads u, writes v; boundary cells are never written.
 */
export function jacobiRows(u: Float64Array, v: Float64Array, n: number, i0: number, i1: number): void {
  const lo = Math.max(i0, 1);
  const hi = Math.min(i1, n - 1);
  for (let i = lo; i < hi; i++) {
    const row = i * n;
    const up = row - n;
    const down = row + n;
    for (let j = 1; j < n - 1; j++) {
      v[row + j] = 0.25 * (u[up + j]! + u[down + j]! + u[row + j - 1]! + u[row + j + 1]!);
    }
  }
}

/** rowSums[i] = Σ_j u[i][j] in j order (from 0), for rows [i0, i1). */
export function rowSums(u: Float64Array, n: number, i0: number, i1: number, out: Float64Array): void {
  for (let i = i0; i < i1; i++) {
    const row = i * n;
    let s = 0;
    for (let j = 0; j < n; j++) s += u[row + j]!;
    out[i] = s;
  }
}
