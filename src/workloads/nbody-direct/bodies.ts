/**
 * Body storage for nbody-direct: structure of arrays, one Float64Array per coordinate,
 * so kernels stream through memory and a parallel version can back the same record
 * with shared memory.
 */
import { LcgNr } from '../common/lcg-nr.js';

/** Positions, velocities, masses and accelerations of n bodies (each array has length n). */
export interface Bodies {
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  vx: Float64Array;
  vy: Float64Array;
  vz: Float64Array;
  m: Float64Array;
  ax: Float64Array;
  ay: Float64Array;
  az: Float64Array;
}

/** The names of the arrays of {@link Bodies}, in a fixed order. */
export const BODY_FIELDS = ['x', 'y', 'z', 'vx', 'vy', 'vz', 'm', 'ax', 'ay', 'az'] as const;

/**
 * Allocates zeroed bodies. `alloc(length)` may return views of shared memory.
 * @param n number of bodies
 * @param alloc array factory (default: `new Float64Array(length)`)
 */
export function allocateBodies(n: number, alloc: (length: number) => Float64Array = (len) => new Float64Array(len)): Bodies {
  return {
    x: alloc(n), y: alloc(n), z: alloc(n),
    vx: alloc(n), vy: alloc(n), vz: alloc(n),
    m: alloc(n),
    ax: alloc(n), ay: alloc(n), az: alloc(n),
  };
}

/**
 * Initial conditions (WORKLOADS.md §1): NR LCG from `seed`; for body i = 0..n-1, in this
 * order: x, y, z = 2u−1; vx, vy, vz = 0.1·(2u−1); m = (0.5 + u)/n. Accelerations are zeroed.
 */
export function initBodies(b: Bodies, seed: number): void {
  const n = b.x.length;
  const rng = new LcgNr(seed);
  for (let i = 0; i < n; i++) {
    b.x[i] = 2.0 * rng.uniform() - 1.0;
    b.y[i] = 2.0 * rng.uniform() - 1.0;
    b.z[i] = 2.0 * rng.uniform() - 1.0;
    b.vx[i] = 0.1 * (2.0 * rng.uniform() - 1.0);
    b.vy[i] = 0.1 * (2.0 * rng.uniform() - 1.0);
    b.vz[i] = 0.1 * (2.0 * rng.uniform() - 1.0);
    b.m[i] = (0.5 + rng.uniform()) / n;
  }
  b.ax.fill(0);
  b.ay.fill(0);
  b.az.fill(0);
}
