/**
 * NPB EP sequential reference (WORKLOADS.md §8).
 */
import { addPartial, batchCount, batchMultiplier, emptyTotals, PARTIAL_STRIDE, runBatch } from './kernel.js';
import { EP_CLASS_M, resolveNpbEpParams, type NpbEpOutputs, type NpbEpParams } from './params.js';
import { EP_REFERENCE, verifyEp } from './verify.js';

/**
 * Runs NPB EP on one thread: batches k = 0 … NN−1 in order, each partial added to the
 * totals in batch order (see kernel.ts for why), then verified against NPB 3.3
 * (signed sums) and NPB 3.4 (absolute sums and gc).
 * @param options problem class (default 'S')
 * @throws RangeError for an unknown class
 */
export function npbEpSequential(options: Partial<NpbEpParams> = {}): NpbEpOutputs {
  const p = resolveNpbEpParams(options);
  const nn = batchCount(EP_CLASS_M[p.problemClass]);
  const an = batchMultiplier();
  const partial = new Float64Array(PARTIAL_STRIDE);
  const tot = emptyTotals();
  const t0 = performance.now();
  for (let k = 0; k < nn; k++) {
    runBatch(k, an, partial, 0);
    addPartial(tot, partial, 0);
  }
  const seconds = (performance.now() - t0) / 1000;
  let gc = 0;
  for (const c of tot.q) gc += c;
  const ref = EP_REFERENCE[p.problemClass];
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
