/**
 * NPB EP batch kernel (WORKLOADS.md §8, NPB `ep`).
 *
 * Combination order (a documented choice): each batch k accumulates its own partial
 * sums sx_k, sy_k, |sx|_k, |sy|_k (from 0, pairs in order) and counts q_k; the totals
 * are Σ_k in batch order (k = 0, 1, …). NPB's serial code keeps one running sum over all
 * batches and its OpenMP code adds per-thread partials in thread order, so NPB's own
 * result depends on the thread count in the last bits; WORKLOADS.md leaves the order
 * open and verifies with relative tolerance 1e−8. Per-batch partials added in batch
 * order make the result identical for any number of threads or machines (it differs
 * from NPB's serial running sum by a few ulps, far inside the tolerance).
 */
import { R23, R46, T23, T46, randlcStep } from '../common/npb-randlc.js';

/** log2 of the pairs per batch (NPB MK). */
export const MK = 16;
/** Pairs per batch NK = 2^MK. */
export const NK = 1 << MK;
/** Number of annuli (NPB NQ). */
export const NQ = 10;
/** LCG multiplier a = 5^13. */
export const EP_A = 1220703125;
/** LCG seed s. */
export const EP_SEED = 271828183;
/** Layout of one batch's partial result in a Float64Array: sx, sy, sxAbs, syAbs, q[0..NQ). */
export const PARTIAL_SX = 0;
export const PARTIAL_SY = 1;
export const PARTIAL_SX_ABS = 2;
export const PARTIAL_SY_ABS = 3;
export const PARTIAL_Q = 4;
/** Doubles per batch partial. */
export const PARTIAL_STRIDE = PARTIAL_Q + NQ;

/** Number of batches NN = 2^(M − MK). */
export function batchCount(m: number): number {
  return 2 ** (m - MK);
}

/** a^(2·NK) mod 2^46, computed as NPB does (MK + 1 squarings of a). */
export function batchMultiplier(): number {
  let t = EP_A;
  for (let i = 0; i < MK + 1; i++) t = randlcStep(t, t);
  return t;
}

/**
 * Starting state of batch k: s·an^k mod 2^46 by NPB's binary exponentiation loop.
 * @param an {@link batchMultiplier}()
 */
export function batchSeed(k: number, an: number): number {
  let t1 = EP_SEED;
  let t2 = an;
  let kk = k;
  for (let i = 1; i <= 100; i++) {
    const ik = Math.floor(kk / 2);
    if (2 * ik !== kk) t1 = randlcStep(t1, t2);
    if (ik === 0) break;
    t2 = randlcStep(t2, t2);
    kk = ik;
  }
  return t1;
}

/**
 * Runs batch k: from its seed draws 2·NK uniforms u1, u2, u1, … (NPB `vranlc`, value after
 * each multiplication), and for each pair x1 = 2u1 − 1, x2 = 2u2 − 1, t = x1² + x2²; if
 * t ≤ 1: f = sqrt((−2·ln t)/t), X = x1·f, Y = x2·f, q[⌊max(|X|,|Y|)⌋]++, and the four sums.
 * Writes the batch's partial (layout `PARTIAL_*`) to out[offset .. offset+PARTIAL_STRIDE).
 * @param an {@link batchMultiplier}()
 */
export function runBatch(k: number, an: number, out: Float64Array, offset: number): void {
  let x = batchSeed(k, an);
  const a1 = Math.trunc(R23 * EP_A);
  const a2 = EP_A - T23 * a1;
  let sx = 0;
  let sy = 0;
  let sxa = 0;
  let sya = 0;
  for (let l = 0; l < NQ; l++) out[offset + PARTIAL_Q + l] = 0;
  for (let i = 0; i < NK; i++) {
    // Two vranlc steps inlined (see common/npb-randlc.ts).
    let x1 = Math.trunc(R23 * x);
    let x2 = x - T23 * x1;
    let t1 = a1 * x2 + a2 * x1;
    let t2 = Math.trunc(R23 * t1);
    let z = t1 - T23 * t2;
    let t3 = T23 * z + a2 * x2;
    let t4 = Math.trunc(R46 * t3);
    x = t3 - T46 * t4;
    const u1 = R46 * x;
    x1 = Math.trunc(R23 * x);
    x2 = x - T23 * x1;
    t1 = a1 * x2 + a2 * x1;
    t2 = Math.trunc(R23 * t1);
    z = t1 - T23 * t2;
    t3 = T23 * z + a2 * x2;
    t4 = Math.trunc(R46 * t3);
    x = t3 - T46 * t4;
    const u2 = R46 * x;

    const g1 = 2.0 * u1 - 1.0;
    const g2 = 2.0 * u2 - 1.0;
    const t = g1 * g1 + g2 * g2;
    if (t <= 1.0) {
      const f = Math.sqrt((-2.0 * Math.log(t)) / t);
      const gx = g1 * f;
      const gy = g2 * f;
      const ax = Math.abs(gx);
      const ay = Math.abs(gy);
      const l = Math.floor(Math.max(ax, ay));
      const slot = offset + PARTIAL_Q + l;
      out[slot] = out[slot]! + 1;
      sx += gx;
      sy += gy;
      sxa += ax;
      sya += ay;
    }
  }
  out[offset + PARTIAL_SX] = sx;
  out[offset + PARTIAL_SY] = sy;
  out[offset + PARTIAL_SX_ABS] = sxa;
  out[offset + PARTIAL_SY_ABS] = sya;
}

/** Totals of an EP run: the four sums and the annulus counts. */
export interface EpTotals {
  sx: number;
  sy: number;
  sxAbs: number;
  syAbs: number;
  q: number[];
}

/** Starts an accumulator for {@link addPartial}. */
export function emptyTotals(): EpTotals {
  return { sx: 0, sy: 0, sxAbs: 0, syAbs: 0, q: new Array<number>(NQ).fill(0) };
}

/** Adds one batch partial to the totals; call in batch order k = 0, 1, … */
export function addPartial(tot: EpTotals, partial: Float64Array, offset: number): void {
  tot.sx += partial[offset + PARTIAL_SX]!;
  tot.sy += partial[offset + PARTIAL_SY]!;
  tot.sxAbs += partial[offset + PARTIAL_SX_ABS]!;
  tot.syAbs += partial[offset + PARTIAL_SY_ABS]!;
  for (let l = 0; l < NQ; l++) tot.q[l] = tot.q[l]! + partial[offset + PARTIAL_Q + l]!;
}
