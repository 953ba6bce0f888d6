/**
 * nbody-direct (WORKLOADS.md §1): parameters and outputs.
 */
import { checkIntParam, checkPositiveNumberParam } from '../common/check.js';

/** Sizes and constants of a direct-summation n-body run. */
export interface NbodyDirectParams {
  /** Number of bodies. @default 4096 */
  n: number;
  /** Leapfrog steps. @default 10 */
  steps: number;
  /** Time step. @default 0.001 */
  dt: number;
  /** Softening length; the force uses eps2 = eps*eps. @default 0.01 */
  eps: number;
  /** Seed of the NR LCG that draws the initial conditions. @default 42 */
  seed: number;
}

/** Spec defaults (G = 1 is implicit). */
export const NBODY_DIRECT_DEFAULTS: Readonly<NbodyDirectParams> = Object.freeze({ n: 4096, steps: 10, dt: 0.001, eps: 0.01, seed: 42 });

/**
 * Spec defaults overridden by `options`, validated.
 * @throws RangeError for a non-integer or out-of-range size
 */
export function resolveNbodyDirectParams(options: Partial<NbodyDirectParams> = {}): NbodyDirectParams {
  const p = { ...NBODY_DIRECT_DEFAULTS, ...options };
  checkIntParam('n', p.n, 1);
  checkIntParam('steps', p.steps, 0);
  checkPositiveNumberParam('dt', p.dt);
  checkPositiveNumberParam('eps', p.eps);
  checkIntParam('seed', p.seed, 0, 0xffffffff);
  return p;
}

/** Outputs of nbody-direct; every field but `seconds` is bit-exact across implementations. */
export interface NbodyDirectOutputs {
  /** Total energy KE − PE before the first step. */
  e0: number;
  /** Total energy after the last step. */
  e1: number;
  /** Σ_i ((x_i + y_i) + z_i) of the final positions, in i order. */
  posSum: number;
  /** FNV-1a 64 of the final positions x0,y0,z0,x1,… as little-endian binary64 bytes (16 hex digits). */
  hash: string;
  /** Seconds spent in the timed section: the initial force evaluation and all steps. */
  seconds: number;
}
