/**
 * Parallel dense matrix multiply `C = A · B` on row-major Float64Arrays,
 * built on the iterator layer: the rows of C are cut into blocks of
 * `rowBlock` rows, and `pool.range(0, blocks).forEach(matmulBlock)` runs one
 * block per item under the usual scheduling policies. Each block is computed
 * with the i-k-j loop order, blocked over k and j so that the panel of B in
 * use stays in cache, four k-steps per pass over a row of C; every `C[i][j]` sums its products in ascending k, so
 * the result is bit-identical on any number of threads and equal to the
 * sequential {@link matmulSeq}.
 */
import type { Pool } from '../core/pool.js';
import { isShared } from '../memory/shared-array.js';
import { checkInteger, checkOptions } from '../shared/check.js';
import { InvalidArgumentError } from '../shared/errors.js';
import { kernels } from './kernel.js';
import type { CallOptions } from './options.js';

/** Options of `pool.matmul`. */
export interface MatmulOptions extends CallOptions {
  /**
   * Rows of C per work item. Any value gives the same bits.
   * @default `ceil(m / (8 · threads))`, clamped to [8, 64]: a few items per thread, large enough to reuse B's panels
   */
  rowBlock?: number;
  /** Where to write C (a shared Float64Array of m·n); a new one by default. */
  out?: Float64Array;
}

/** What each row block receives. */
export interface MatmulContext {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly rowBlock: number;
}

/** k-panel and j-panel sizes: a 128 × 512 panel of B is 512 KiB. */
const KB = 128;
const JB = 512;

/**
 * Computes rows `[i0, i1)` of `C = A · B` (row-major, A m×k, B k×n).
 * Overwrites those rows of C.
 */
export function matmulRows(a: Float64Array, b: Float64Array, c: Float64Array, k: number, n: number, i0: number, i1: number): void {
  c.fill(0, i0 * n, i1 * n);
  for (let jj = 0; jj < n; jj += JB) {
    const je = Math.min(n, jj + JB);
    for (let kk = 0; kk < k; kk += KB) {
      const ke = Math.min(k, kk + KB);
      for (let i = i0; i < i1; i++) {
        const ci = i * n;
        const ai = i * k;
        let p = kk;
        // Four k-steps per pass over the row of C: c + x0 + x1 + x2 + x3 evaluates left to right,
        // so every C[i][j] still adds its products in ascending k (same bits as one step at a time).
        for (; p + 3 < ke; p += 4) {
          const a0 = a[ai + p]!;
          const a1 = a[ai + p + 1]!;
          const a2 = a[ai + p + 2]!;
          const a3 = a[ai + p + 3]!;
          const b0 = p * n;
          const b1 = b0 + n;
          const b2 = b1 + n;
          const b3 = b2 + n;
          for (let j = jj; j < je; j++) c[ci + j] = c[ci + j]! + a0 * b[b0 + j]! + a1 * b[b1 + j]! + a2 * b[b2 + j]! + a3 * b[b3 + j]!;
        }
        for (; p < ke; p++) {
          const ap = a[ai + p]!;
          const bp = p * n;
          for (let j = jj; j < je; j++) c[ci + j] = c[ci + j]! + ap * b[bp + j]!;
        }
      }
    }
  }
}

/**
 * Task-module kernel: row block `block` of the product described by `ctx`.
 * @param block the row block's index
 * @param ctx the matrices and their sizes
 */
export function matmulBlock(block: number, ctx: MatmulContext): void {
  const i0 = block * ctx.rowBlock;
  matmulRows(ctx.a, ctx.b, ctx.c, ctx.k, ctx.n, i0, Math.min(ctx.m, i0 + ctx.rowBlock));
}

/**
 * The sequential reference: `C = A · B` on this thread, same loop order.
 * @example const c = matmulSeq(a, b, 64, 64, 64);
 */
export function matmulSeq(a: Float64Array, b: Float64Array, m: number, k: number, n: number, out = new Float64Array(m * n)): Float64Array {
  matmulRows(a, b, out, k, n, 0, m);
  return out;
}

const chainKernel = kernels<typeof import('./chain-kernel.js')>(new URL('./chain-kernel.js', import.meta.url));

function sharedCopy(name: string, x: Float64Array, len: number): Float64Array {
  if (!(x instanceof Float64Array)) throw new InvalidArgumentError(name, x, 'a Float64Array');
  if (x.length < len) throw new InvalidArgumentError(`${name}.length`, x.length, `at least ${len}`);
  if (isShared(x)) return x;
  const copy = new Float64Array(new SharedArrayBuffer(len * 8));
  copy.set(x.subarray(0, len));
  return copy;
}

/**
 * `pool.matmul(a, b, m, k, n, options)`: `C = A · B` for row-major A (m×k)
 * and B (k×n); resolves to C (m×n, shared). Shared inputs are read in place;
 * ordinary ones are copied once.
 */
export async function parallelMatmul(pool: Pool, a: Float64Array, b: Float64Array, m: number, k: number, n: number, options?: MatmulOptions): Promise<Float64Array> {
  checkInteger('m', m, 0);
  checkInteger('k', k, 0);
  checkInteger('n', n, 0);
  const o = checkOptions('options', options) as MatmulOptions;
  const rowBlock = o.rowBlock === undefined ? Math.max(8, Math.min(64, Math.ceil(m / (8 * pool.threads)))) : checkInteger('options.rowBlock', o.rowBlock, 1);
  const A = sharedCopy('a', a, m * k);
  const B = sharedCopy('b', b, k * n);
  let C = o.out;
  if (C === undefined) C = new Float64Array(new SharedArrayBuffer(m * n * 8));
  else if (!(C instanceof Float64Array) || !isShared(C) || C.length < m * n) throw new InvalidArgumentError('options.out', C, `a shared Float64Array of at least ${m * n} elements`);
  const blocks = Math.ceil(m / rowBlock);
  const ctx: MatmulContext = { a: A, b: B, c: C, m, k, n, rowBlock };
  const { schedule, minChunk, maxChunk, signal } = o;
  await pool.range(0, blocks).forEach(chainKernel.matmulBlock, { context: ctx, schedule, minChunk, maxChunk: maxChunk ?? 1, signal });
  return C;
}
