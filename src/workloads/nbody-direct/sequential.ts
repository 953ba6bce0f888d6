/**
 * nbody-direct sequential reference (WORKLOADS.md §1): O(n²) softened gravity,
 * leapfrog kick-drift-kick, energies before and after.
 */
import { Fnv1a64 } from '../common/fnv1a64.js';
import { littleEndianBytes } from '../common/little-endian.js';
import { allocateBodies, initBodies } from './bodies.js';
import { computeAccelerations, drift, energyTerms, interleavePositions, kick, positionSum, totalEnergy } from './kernel.js';
import { resolveNbodyDirectParams, type NbodyDirectOutputs, type NbodyDirectParams } from './params.js';

/**
 * Runs nbody-direct on one thread.
 * Timed section: the initial force evaluation and `steps` steps (steps + 1 force evaluations);
 * the energies are computed outside it.
 * @param options sizes and constants; missing ones take the spec defaults
 * @param onProgress called with `(evaluationsDone, steps + 1)` after the initial energies and
 *   after each force evaluation (the unit of the parallel version's `onProgress`)
 * @returns e0, e1, posSum, hash (bit-exact) and the compute time
 * @throws RangeError for invalid parameters
 */
export function nbodyDirectSequential(options: Partial<NbodyDirectParams> = {}, onProgress?: (done: number, total: number) => void): NbodyDirectOutputs {
  const p = resolveNbodyDirectParams(options);
  const n = p.n;
  const eps2 = p.eps * p.eps;
  const h = 0.5 * p.dt;
  const b = allocateBodies(n);
  initBodies(b, p.seed);
  const ke = new Float64Array(n);
  const pe = new Float64Array(n);

  energyTerms(b, eps2, 0, n, ke, pe);
  const e0 = totalEnergy(ke, pe);
  const total = p.steps + 1;
  onProgress?.(0, total);

  const t0 = performance.now();
  computeAccelerations(b, eps2, 0, n);
  onProgress?.(1, total);
  for (let s = 0; s < p.steps; s++) {
    kick(b, h, 0, n);
    drift(b, p.dt, 0, n);
    computeAccelerations(b, eps2, 0, n);
    kick(b, h, 0, n);
    onProgress?.(s + 2, total);
  }
  const seconds = (performance.now() - t0) / 1000;

  energyTerms(b, eps2, 0, n, ke, pe);
  const e1 = totalEnergy(ke, pe);
  const hash = new Fnv1a64().update(littleEndianBytes(interleavePositions(b))).hex();
  return { e0, e1, posSum: positionSum(b), hash, seconds };
}
