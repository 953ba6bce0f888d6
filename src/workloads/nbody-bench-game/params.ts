/**
 * nbody-bench-game (WORKLOADS.md §2): parameters and outputs.
 */
import { checkIntParam } from '../common/check.js';

/** Parameters of the Benchmarks Game n-body run. */
export interface NbodyBenchGameParams {
  /** Number of `advance(0.01)` steps. @default 1000 */
  steps: number;
}

/** Spec default: 1000 steps (the published check value -0.169087605). */
export const NBODY_BENCH_GAME_DEFAULTS: Readonly<NbodyBenchGameParams> = Object.freeze({ steps: 1000 });

/**
 * Defaults overridden by `options`, validated.
 * @throws RangeError for a negative or non-integer step count
 */
export function resolveNbodyBenchGameParams(options: Partial<NbodyBenchGameParams> = {}): NbodyBenchGameParams {
  const p = { ...NBODY_BENCH_GAME_DEFAULTS, ...options };
  checkIntParam('steps', p.steps, 0);
  return p;
}

/** Outputs: energies before and after, as doubles and as the program prints them (`%.9f`). */
export interface NbodyBenchGameOutputs {
  e0: number;
  e1: number;
  /** `e0` printed with 9 decimals, e.g. "-0.169075164". */
  e0Text: string;
  /** `e1` printed with 9 decimals, e.g. "-0.169087605" after 1000 steps. */
  e1Text: string;
  /** Seconds spent in the steps. */
  seconds: number;
}
