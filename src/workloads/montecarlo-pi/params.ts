/**
 * montecarlo-pi (WORKLOADS.md §4): parameters and outputs.
 */
import { checkIntParam } from '../common/check.js';

/** Sample count and chunking. Chunk c uses xoshiro128** keyed by c. */
export interface MontecarloPiParams {
  /** Total samples N. @default 200_000_000 */
  samples: number;
  /** Samples per chunk C (the last chunk takes the remainder). @default 1_000_000 */
  chunkSize: number;
}

/** Spec defaults: N = 2·10^8, C = 10^6 (200 chunks). */
export const MONTECARLO_PI_DEFAULTS: Readonly<MontecarloPiParams> = Object.freeze({ samples: 200_000_000, chunkSize: 1_000_000 });

/**
 * Defaults overridden by `options`, validated (chunk keys must fit 32 bits).
 * @throws RangeError for invalid sizes
 */
export function resolveMontecarloPiParams(options: Partial<MontecarloPiParams> = {}): MontecarloPiParams {
  const p = { ...MONTECARLO_PI_DEFAULTS, ...options };
  checkIntParam('samples', p.samples, 1);
  checkIntParam('chunkSize', p.chunkSize, 1);
  checkIntParam('chunks', Math.ceil(p.samples / p.chunkSize), 1, 0x40000000);
  return p;
}

/** Outputs of montecarlo-pi. */
export interface MontecarloPiOutputs {
  /** Number of samples inside the quarter circle (exact). */
  hits: number;
  /** 4·hits/N. */
  estimate: number;
  /** Seconds spent sampling. */
  seconds: number;
}
