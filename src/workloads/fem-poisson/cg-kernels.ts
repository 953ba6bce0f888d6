/**
 * Conjugate-gradient kernels for fem-poisson with deterministic dot products.
 *
 * Reduction rule: vectors are cut into fixed chunks of {@link CG_CHUNK} rows (independent
 * of the thread count); a chunk's partial is summed left to right from 0 and the
 * partials are added in chunk order ({@link sumPartials}). A parallel version assigns
 * whole chunks to workers, so every dot product, the iteration count and the solution
 * are bit-identical for any number of threads.
 */
import { spmvRows, type Csr } from './csr.js';

/** Rows per reduction chunk. */
export const CG_CHUNK = 4096;

/** Number of chunks for `rows` rows. */
export function chunkCountFor(rows: number): number {
  return Math.ceil(rows / CG_CHUNK);
}

/** partials[c] = Σ_{i in chunk c} a[i]·b[i] for chunks [c0, c1). */
export function dotChunks(a: Float64Array, b: Float64Array, c0: number, c1: number, partials: Float64Array): void {
  const rows = a.length;
  for (let c = c0; c < c1; c++) {
    const end = Math.min((c + 1) * CG_CHUNK, rows);
    let s = 0;
    for (let i = c * CG_CHUNK; i < end; i++) s += a[i]! * b[i]!;
    partials[c] = s;
  }
}

/** q = A·p on the rows of chunks [c0, c1), and partials[c] = Σ p[i]·q[i] over each chunk. */
export function spmvDotChunks(a: Csr, p: Float64Array, q: Float64Array, c0: number, c1: number, partials: Float64Array): void {
  const rows = a.rows;
  for (let c = c0; c < c1; c++) {
    const start = c * CG_CHUNK;
    const end = Math.min(start + CG_CHUNK, rows);
    spmvRows(a, p, q, start, end);
    let s = 0;
    for (let i = start; i < end; i++) s += p[i]! * q[i]!;
    partials[c] = s;
  }
}

/**
 * x = x + α·p, r = r − α·q on the rows of chunks [c0, c1), and partials[c] = Σ r[i]² of
 * the updated r over each chunk.
 */
export function updateSolutionChunks(x: Float64Array, r: Float64Array, p: Float64Array, q: Float64Array, alpha: number, c0: number, c1: number, partials: Float64Array): void {
  const rows = x.length;
  for (let c = c0; c < c1; c++) {
    const end = Math.min((c + 1) * CG_CHUNK, rows);
    let s = 0;
    for (let i = c * CG_CHUNK; i < end; i++) {
      x[i] = x[i]! + alpha * p[i]!;
      const ri = r[i]! - alpha * q[i]!;
      r[i] = ri;
      s += ri * ri;
    }
    partials[c] = s;
  }
}

/** p = r + β·p on rows [r0, r1). */
export function updateDirectionRows(p: Float64Array, r: Float64Array, beta: number, r0: number, r1: number): void {
  for (let i = r0; i < r1; i++) p[i] = r[i]! + beta * p[i]!;
}

/** Σ partials[0..count) in chunk order, from 0. */
export function sumPartials(partials: Float64Array, count: number): number {
  let s = 0;
  for (let c = 0; c < count; c++) s += partials[c]!;
  return s;
}
