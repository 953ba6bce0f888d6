/**
 * NPB EP (WORKLOADS.md §8): parameters and outputs.
 */

/** NPB problem classes supported here and their M (2^M pairs). */
export const EP_CLASS_M = Object.freeze({ S: 24, W: 25, A: 28 } as const);

/** An NPB EP problem class. */
export type EpClass = keyof typeof EP_CLASS_M;

/** Parameters of an EP run. */
export interface NpbEpParams {
  /** Problem class. @default 'S' */
  problemClass: EpClass;
}

/** Default: class S (M = 24). */
export const NPB_EP_DEFAULTS: Readonly<NpbEpParams> = Object.freeze({ problemClass: 'S' });

/**
 * Defaults overridden by `options`, validated.
 * @throws RangeError for an unknown class
 */
export function resolveNpbEpParams(options: Partial<NpbEpParams> = {}): NpbEpParams {
  const p = { ...NPB_EP_DEFAULTS, ...options };
  if (!Object.hasOwn(EP_CLASS_M, p.problemClass)) {
    throw new RangeError(`Expected \`problemClass\` to be one of "S", "W", "A", got \`${String(p.problemClass)}\``);
  }
  return p;
}

/** Outcome of checking one NPB version's reference values. */
export interface EpVerification {
  /** True when |(sx−ref)/ref| ≤ 1e−8, the same for sy, and (3.4) gc exact. */
  passed: boolean;
  /** |(sx − ref)/ref|. */
  sxRelErr: number;
  /** |(sy − ref)/ref|. */
  syRelErr: number;
}

/** Outputs of NPB EP. */
export interface NpbEpOutputs {
  problemClass: EpClass;
  /** Σ X over accepted pairs (NPB ≤ 3.3). */
  sx: number;
  /** Σ Y (NPB ≤ 3.3). */
  sy: number;
  /** Σ |X| (NPB 3.4). */
  sxAbs: number;
  /** Σ |Y| (NPB 3.4). */
  syAbs: number;
  /** Number of accepted pairs Σ q[l]. */
  gc: number;
  /** Counts per annulus l = ⌊max(|X|, |Y|)⌋, l = 0..9. */
  q: number[];
  /** Check of (sx, sy) against NPB 3.3. */
  npb33: EpVerification;
  /** Check of (sxAbs, syAbs, gc) against NPB 3.4. */
  npb34: EpVerification;
  /** Seconds spent in the batches. */
  seconds: number;
}
