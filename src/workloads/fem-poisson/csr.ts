/**
 * Compressed sparse row matrices for fem-poisson.
 */

/** A square CSR matrix: row r holds colIdx/values[rowPtr[r] .. rowPtr[r+1]), columns ascending. */
export interface Csr {
  rows: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float64Array;
}

/**
 * y[r] = Σ_k values[k]·x[colIdx[k]] over the row's entries in storage order (from 0),
 * for rows [r0, r1).
 */
export function spmvRows(a: Csr, x: Float64Array, y: Float64Array, r0: number, r1: number): void {
  const { rowPtr, colIdx, values } = a;
  for (let r = r0; r < r1; r++) {
    let s = 0;
    const end = rowPtr[r + 1]!;
    for (let k = rowPtr[r]!; k < end; k++) s += values[k]! * x[colIdx[k]!]!;
    y[r] = s;
  }
}
