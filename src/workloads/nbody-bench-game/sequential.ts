/**
 * nbody-bench-game sequential reference (WORKLOADS.md §2). Sequential only: 5 bodies.
 */
import { formatFixed } from '../common/format.js';
import { advance, energy, offsetMomentum } from './kernel.js';
import { resolveNbodyBenchGameParams, type NbodyBenchGameOutputs, type NbodyBenchGameParams } from './params.js';
import { createSystem } from './system.js';

/**
 * Runs the Benchmarks Game n-body program: offset momentum, print energy, `steps` times
 * `advance(0.01)`, print energy.
 * @param options `steps` (default 1000)
 * @returns energies as doubles and as `%.9f` text (-0.169075164 / -0.169087605 at 1000 steps)
 * @throws RangeError for an invalid step count
 */
export function nbodyBenchGameSequential(options: Partial<NbodyBenchGameParams> = {}): NbodyBenchGameOutputs {
  const p = resolveNbodyBenchGameParams(options);
  const s = createSystem();
  offsetMomentum(s);
  const e0 = energy(s);
  const t0 = performance.now();
  for (let k = 0; k < p.steps; k++) advance(s, 0.01);
  const seconds = (performance.now() - t0) / 1000;
  const e1 = energy(s);
  return { e0, e1, e0Text: formatFixed(e0, 9), e1Text: formatFixed(e1, 9), seconds };
}
