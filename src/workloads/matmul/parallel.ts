/**
 * matmul on the pool (WORKLOADS.md §6): i-blocks are the work unit (`static`, the
 * default: a contiguous block of i-blocks per thread; `dynamic`: one task per i-block).
 * A, B and C live in shared memory; C is exact in any order.
 */
import { shared, type Pool } from 'tessera';
import { Fnv1a64 } from '../common/fnv1a64.js';
import { littleEndianBytes } from '../common/little-endian.js';
import { checkSchedule, type ParallelOptions } from '../par/schedule.js';
import { runUnits } from '../par/units.js';
import { initMatrices, matrixSums } from './kernel.js';
import { resolveMatmulParams, type MatmulOutputs, type MatmulParams } from './params.js';

/**
 * Multiplies the spec's A and B on `pool`; the outputs equal {@link matmulSequential}'s.
 * @param pool the pool to run on
 * @param options N and block (spec defaults 1024, 64)
 * @param par schedule (default `static`) and progress (in i-blocks)
 * @param out pass it to keep C (`out.c`, shared memory)
 * @throws RangeError for invalid sizes
 */
export async function matmulParallel(pool: Pool, options: Partial<MatmulParams> = {}, par: ParallelOptions = {}, out?: { c?: Float64Array }): Promise<MatmulOutputs> {
  const p = resolveMatmulParams(options);
  const schedule = checkSchedule(par.schedule ?? 'static');
  const k = await pool.load<typeof import('./tasks.js')>(new URL('./tasks.js', import.meta.url));
  const n = p.n;
  const a = shared.float64(n * n);
  const b = shared.float64(n * n);
  const c = shared.float64(n * n);
  initMatrices(a, b, n);
  const blocks = Math.ceil(n / p.block);
  const t0 = performance.now();
  await runUnits(blocks, pool.threads, schedule, (ib0, ib1, o) => k.multiplyBlocks.with(o)(a, b, c, n, p.block, ib0, ib1), par.onProgress);
  const seconds = (performance.now() - t0) / 1000;
  if (out) out.c = c;
  const { sum, wsum } = matrixSums(c);
  const hash = new Fnv1a64().update(littleEndianBytes(c)).hex();
  // The pool would keep the matrices for its lifetime otherwise (the caller's `out.c` stays valid).
  await pool.release(a, b, c);
  return { sum, wsum, hash, c00: c[0]!, cLast: c[n * n - 1]!, seconds, gflops: (2 * n * n * n) / seconds / 1e9 };
}
