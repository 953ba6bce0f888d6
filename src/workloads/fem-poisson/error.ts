/**
 * Nodal error of the fem-poisson solution against u = sin(πx)·sin(πy), with the same
 * fixed-chunk reduction as CG (so it is thread-count independent).
 */
import { exactSolution } from './assembly.js';
import { CG_CHUNK } from './cg-kernels.js';

/**
 * For chunks [c0, c1) of the unknowns: sq[c] = Σ e², mx[c] = max |e| with
 * e = u[r] − u(i/n, j/n) at interior node r = (j−1)(n−1) + (i−1).
 */
export function errorChunks(u: Float64Array, n: number, c0: number, c1: number, sq: Float64Array, mx: Float64Array): void {
  const m = n - 1;
  const rows = u.length;
  for (let c = c0; c < c1; c++) {
    const end = Math.min((c + 1) * CG_CHUNK, rows);
    let s = 0;
    let e = 0;
    for (let r = c * CG_CHUNK; r < end; r++) {
      const i = (r % m) + 1;
      const j = Math.floor(r / m) + 1;
      const d = u[r]! - exactSolution(i / n, j / n);
      s += d * d;
      e = Math.max(e, Math.abs(d));
    }
    sq[c] = s;
    mx[c] = e;
  }
}
