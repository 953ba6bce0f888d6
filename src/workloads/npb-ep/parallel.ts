/**
 * NPB EP on the pool (WORKLOADS.md §8): batches are the work unit (`dynamic`, the default:
 * one task per batch; `static`: a contiguous block of batches per thread). Each batch
 * writes its partial sums to its own slot of a shared array, and the main thread adds
 * them in batch order, exactly as the sequential reference does.
 */
import { shared, type Pool } from 'tessera';
import { checkSchedule, type ParallelOptions } from '../par/schedule.js';
import { runUnits } from '../par/units.js';
import { addPartial, batchCount, batchMultiplier, emptyTotals, PARTIAL_STRIDE } from './kernel.js';
import { EP_CLASS_M, resolveNpbEpParams, type NpbEpOutputs, type NpbEpParams } from './params.js';
import { EP_REFERENCE, verifyEp } from './verify.js';

/**
 * Runs NPB EP on `pool` and verifies it against NPB 3.3 and 3.4; every output equals
 * {@link npbEpSequential}'s bit for bit, for any thread count and schedule.
 * @param pool the pool to run on
 * @param options problem class (default 'S')
 * @param par schedule (default `dynamic`) and progress (in batches)
 * @throws RangeError for an unknown class
 */
export async function npbEpParallel(pool: Pool, options: Partial<NpbEpParams> = {}, par: ParallelOptions = {}): Promise<NpbEpOutputs> {
  const p = resolveNpbEpParams(options);
  const schedule = checkSchedule(par.schedule ?? 'dynamic');
  const k = await pool.load<typeof import('./tasks.js')>(new URL('./tasks.js', import.meta.url));
  const nn = batchCount(EP_CLASS_M[p.problemClass]);
  const an = batchMultiplier();
  const partials = shared.float64(nn * PARTIAL_STRIDE);
  const t0 = performance.now();
  await runUnits(nn, pool.threads, schedule, (k0, k1, o) => k.runBatches.with(o)(an, partials, k0, k1), par.onProgress);
  const tot = emptyTotals();
  for (let b = 0; b < nn; b++) addPartial(tot, partials, b * PARTIAL_STRIDE);
  const seconds = (performance.now() - t0) / 1000;
  let gc = 0;
  for (const c of tot.q) gc += c;
  const ref = EP_REFERENCE[p.problemClass];
  await pool.release(partials);
  return {
    problemClass: p.problemClass,
    sx: tot.sx,
    sy: tot.sy,
    sxAbs: tot.sxAbs,
    syAbs: tot.syAbs,
    gc,
    q: tot.q,
    npb33: verifyEp(tot.sx, tot.sy, ref.sx33, ref.sy33),
    npb34: verifyEp(tot.sxAbs, tot.syAbs, ref.sx34, ref.sy34, gc, ref.gc),
    seconds,
  };
}
