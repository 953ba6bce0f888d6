/**
 * NPB EP verification values (WORKLOADS.md §8 table) and the check.
 */
import type { EpClass, EpVerification } from './params.js';

/** Reference values of one class. */
export interface EpReference {
  /** NPB 3.3 signed sums. */
  sx33: number;
  sy33: number;
  /** NPB 3.4 absolute sums. */
  sx34: number;
  sy34: number;
  /** Accepted pairs (exact). */
  gc: number;
}

/** The published values for classes S, W, A. */
export const EP_REFERENCE: Readonly<Record<EpClass, EpReference>> = Object.freeze({
  S: { sx33: -3.247834652034740e+3, sy33: -6.958407078382297e+3, sx34: 1.051299420395306e+07, sy34: 1.051517131857535e+07, gc: 13176389 },
  W: { sx33: -2.863319731645753e+3, sy33: -6.320053679109499e+3, sx34: 2.102505525182392e+07, sy34: 2.103162209578822e+07, gc: 26354769 },
  A: { sx33: -4.295875165629892e+3, sy33: -1.580732573678431e+4, sx34: 1.682235632304711e+08, sy34: 1.682195123368299e+08, gc: 210832767 },
});

/** Relative tolerance of the NPB check. */
export const EP_EPSILON = 1e-8;

/**
 * Checks sums against references: |(s − ref)/ref| ≤ 1e−8 for both, and gc exact when
 * `gcRef` is given (NPB 3.4).
 */
export function verifyEp(sx: number, sy: number, sxRef: number, syRef: number, gc?: number, gcRef?: number): EpVerification {
  const sxRelErr = Math.abs((sx - sxRef) / sxRef);
  const syRelErr = Math.abs((sy - syRef) / syRef);
  const gcOk = gcRef === undefined || gc === gcRef;
  return { passed: sxRelErr <= EP_EPSILON && syRelErr <= EP_EPSILON && gcOk, sxRelErr, syRelErr };
}
