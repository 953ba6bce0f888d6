/**
 * matmul kernels (WORKLOADS.md §6) on row-major N×N Float64Arrays. Every product and
 * partial sum is a small integer, so C is exact in any order; the kernels still follow
 * the reference loop (blocked i-k-j) for comparable timings.
 */

/** Fills A[i][j] = ((7i + 3j) mod 17) − 8 and B[i][j] = ((5i + 11j) mod 13) − 6. */
export function initMatrices(a: Float64Array, b: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      a[i * n + j] = ((7 * i + 3 * j) % 17) - 8;
      b[i * n + j] = ((5 * i + 11 * j) % 13) - 6;
    }
  }
}

/**
 * C rows [i0, i1) += A·B with the blocked i-k-j loop: for each k-block, for each row i,
 * for each k in the block, C row i += A[i][k]·(B row k). C rows must start at 0.
 * A parallel version gives each worker whole i-blocks (rows never shared).
 */
export function multiplyRows(a: Float64Array, b: Float64Array, c: Float64Array, n: number, block: number, i0: number, i1: number): void {
  for (let k0 = 0; k0 < n; k0 += block) {
    const k1 = Math.min(k0 + block, n);
    for (let i = i0; i < i1; i++) {
      const ci = i * n;
      const ai = i * n;
      for (let k = k0; k < k1; k++) {
        const aik = a[ai + k]!;
        const bk = k * n;
        for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + aik * b[bk + j]!;
      }
    }
  }
}

/** Σ C[flat] and Σ C[flat]·((flat mod 7) + 1), flat row-major, in flat order. */
export function matrixSums(c: Float64Array): { sum: number; wsum: number } {
  let sum = 0;
  let wsum = 0;
  for (let f = 0; f < c.length; f++) {
    const v = c[f]!;
    sum += v;
    wsum += v * ((f % 7) + 1);
  }
  return { sum, wsum };
}
