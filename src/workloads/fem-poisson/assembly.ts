/**
 * Row-wise P1 assembly for fem-poisson. Each matrix row (an interior node) is assembled
 * from the six triangles around the node in a fixed order, so rows can be assembled in
 * parallel blocks with bit-identical results.
 *
 * Stiffness: for a triangle with vertices p_a, K_ab = (b_a·b_b + c_a·c_b)/(4·area) with
 * b_a = y_{a+1} − y_{a+2}, c_a = x_{a+2} − x_{a+1}. In 2D this is invariant under uniform
 * scaling, so it is computed in integer index coordinates (area 1/2): every entry is
 * exact (0, ±1/2, 1) and the assembled matrix is the exact P1 stiffness matrix
 * (4 on the diagonal, −1 for the axis neighbours, 0 for the diagonal neighbours, which
 * are kept in the pattern as the P1 structure prescribes).
 *
 * Load (quadrature choice): one-point centroid rule per triangle,
 * b_P = Σ_{T ∋ P} f(c_T)·|T|/3 with |T|/3 = 1/(6n²), c_T = ((Σ i)/(3n), (Σ j)/(3n)),
 * f(x, y) = ((2π²)·sin(πx))·sin(πy). The six centroids around a node are symmetric about
 * it, so the rule is second-order accurate, which keeps the O(h²) convergence.
 */
import type { Csr } from './csr.js';
import { STENCIL, trianglesAround, unknownCount, unknownIndex } from './mesh.js';

/** 2π². */
const TWO_PI_SQ = 2 * Math.PI * Math.PI;

/** Right-hand side f(x, y) = 2π²·sin(πx)·sin(πy), evaluated ((2π²)·sin(πx))·sin(πy). */
export function source(x: number, y: number): number {
  return TWO_PI_SQ * Math.sin(Math.PI * x) * Math.sin(Math.PI * y);
}

/** Exact solution u(x, y) = sin(πx)·sin(πy). */
export function exactSolution(x: number, y: number): number {
  return Math.sin(Math.PI * x) * Math.sin(Math.PI * y);
}

/** Stored entries of row r: the {@link STENCIL} neighbours that are interior nodes. */
function rowLength(n: number, r: number): number {
  const m = n - 1;
  const i = (r % m) + 1;
  const j = Math.floor(r / m) + 1;
  let c = 0;
  for (const [di, dj] of STENCIL) if (unknownIndex(n, i + di, j + dj) >= 0) c++;
  return c;
}

/**
 * The CSR row pointer of the (n−1)² × (n−1)² stiffness matrix (a prefix sum over rows;
 * sequential, O(unknowns)) with zeroed column and value arrays to be filled by
 * {@link assembleRows}.
 */
export function allocateStiffness(n: number): Csr {
  const rows = unknownCount(n);
  const rowPtr = new Int32Array(rows + 1);
  for (let r = 0; r < rows; r++) rowPtr[r + 1] = rowPtr[r]! + rowLength(n, r);
  const nnz = rowPtr[rows]!;
  return { rows, rowPtr, colIdx: new Int32Array(nnz), values: new Float64Array(nnz) };
}

/**
 * Assembles rows [r0, r1): columns, stiffness values and load entries b[r].
 * Contributions are added triangle by triangle in the order of {@link trianglesAround},
 * starting from 0.
 */
export function assembleRows(n: number, a: Csr, b: Float64Array, r0: number, r1: number): void {
  const m = n - 1;
  const weight = 1 / (6 * n * n);
  const third = 3 * n;
  const { rowPtr, colIdx, values } = a;
  for (let r = r0; r < r1; r++) {
    const i = (r % m) + 1;
    const j = Math.floor(r / m) + 1;
    const start = rowPtr[r]!;
    const end = rowPtr[r + 1]!;
    let k = start;
    for (const [di, dj] of STENCIL) {
      const col = unknownIndex(n, i + di, j + dj);
      if (col >= 0) {
        colIdx[k] = col;
        values[k] = 0;
        k++;
      }
    }
    let load = 0;
    for (const t of trianglesAround(i, j)) {
      const xi = [t[0]!, t[2]!, t[4]!];
      const yj = [t[1]!, t[3]!, t[5]!];
      let self = 0;
      while (xi[self] !== i || yj[self] !== j) self++;
      const bSelf = yj[(self + 1) % 3]! - yj[(self + 2) % 3]!;
      const cSelf = xi[(self + 2) % 3]! - xi[(self + 1) % 3]!;
      for (let v = 0; v < 3; v++) {
        const col = unknownIndex(n, xi[v]!, yj[v]!);
        if (col < 0) continue;
        const bv = yj[(v + 1) % 3]! - yj[(v + 2) % 3]!;
        const cv = xi[(v + 2) % 3]! - xi[(v + 1) % 3]!;
        let s = start;
        while (colIdx[s] !== col) s++;
        values[s] = values[s]! + (bSelf * bv + cSelf * cv) / 2;
      }
      const cx = (xi[0]! + xi[1]! + xi[2]!) / third;
      const cy = (yj[0]! + yj[1]! + yj[2]!) / third;
      load += source(cx, cy) * weight;
    }
    if (k !== end) throw new Error(`fem-poisson: row ${r} pattern mismatch`);
    b[r] = load;
  }
}
