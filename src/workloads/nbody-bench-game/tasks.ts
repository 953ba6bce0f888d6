/**
 * nbody-bench-game task module (runs in the pool's workers). The workload is sequential
 * (5 bodies): its "parallel" form runs the reference as one task on the pool.
 */
import { nbodyBenchGameSequential } from './sequential.js';
import type { NbodyBenchGameOutputs } from './params.js';

/** Runs the Benchmarks Game program for `steps` steps on this worker. */
export function runProgram(steps: number): NbodyBenchGameOutputs {
  return nbodyBenchGameSequential({ steps });
}
