/**
 * matmul sequential reference (WORKLOADS.md §6).
 */
import { Fnv1a64 } from '../common/fnv1a64.js';
import { littleEndianBytes } from '../common/little-endian.js';
import { initMatrices, matrixSums, multiplyRows } from './kernel.js';
import { resolveMatmulParams, type MatmulOutputs, type MatmulParams } from './params.js';

/**
 * Multiplies the spec's integer-valued A and B on one thread, i-block by i-block.
 * @param options N and block (spec defaults 1024, 64)
 * @returns sums, hash, corner entries, time and GFLOP/s; pass `out` to keep C
 * @throws RangeError for invalid sizes
 */
export function matmulSequential(options: Partial<MatmulParams> = {}, out?: { c?: Float64Array }): MatmulOutputs {
  const p = resolveMatmulParams(options);
  const n = p.n;
  const a = new Float64Array(n * n);
  const b = new Float64Array(n * n);
  const c = new Float64Array(n * n);
  initMatrices(a, b, n);
  const t0 = performance.now();
  for (let i0 = 0; i0 < n; i0 += p.block) multiplyRows(a, b, c, n, p.block, i0, Math.min(i0 + p.block, n));
  const seconds = (performance.now() - t0) / 1000;
  if (out) out.c = c;
  const { sum, wsum } = matrixSums(c);
  const hash = new Fnv1a64().update(littleEndianBytes(c)).hex();
  return { sum, wsum, hash, c00: c[0]!, cLast: c[n * n - 1]!, seconds, gflops: (2 * n * n * n) / seconds / 1e9 };
}
