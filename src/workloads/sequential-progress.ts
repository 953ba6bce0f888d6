/**
 * Sequential references that report progress, for progress bars of sequential runs (the
 * `npm start` demo). `mandelbrot` and `nbody-direct` run the same kernels on the same
 * ranges in the same order as their `sequential.ts` (so the outputs are the reference's,
 * bit for bit; `test/workloads/public-entry.test.ts` checks it) and report in the units
 * of their parallel versions: tiles, and force evaluations. Every other workload runs its
 * reference unchanged and reports only its completion.
 *
 * Keep these two loops in step with `mandelbrot/sequential.ts` and
 * `nbody-direct/sequential.ts`; they go away once the references take an `onProgress`.
 */
import { Fnv1a64 } from './common/fnv1a64.js';
import { littleEndianBytes } from './common/little-endian.js';
import { renderTile } from './mandelbrot/kernel.js';
import { resolveMandelbrotParams, type MandelbrotOutputs, type MandelbrotParams } from './mandelbrot/params.js';
import { tileCount } from './mandelbrot/tiles.js';
import { allocateBodies, initBodies } from './nbody-direct/bodies.js';
import { computeAccelerations, drift, energyTerms, interleavePositions, kick, positionSum, totalEnergy } from './nbody-direct/kernel.js';
import { resolveNbodyDirectParams, type NbodyDirectOutputs, type NbodyDirectParams } from './nbody-direct/params.js';
import type { Workload } from './registry.js';

/** A progress callback: `done` of `total` units. */
export type ProgressCallback = (done: number, total: number) => void;

/** `mandelbrotSequential` reporting after every tile (`total` = number of tiles). */
function mandelbrotWithProgress(options: Partial<MandelbrotParams>, onProgress: ProgressCallback): MandelbrotOutputs {
  const p = resolveMandelbrotParams(options);
  const counts = new Uint32Array(p.width * p.height);
  const tiles = tileCount(p.width, p.height, p.tileSize);
  onProgress(0, tiles);
  const t0 = performance.now();
  let iterSum = 0;
  for (let t = 0; t < tiles; t++) {
    iterSum += renderTile(counts, p.width, p.height, p.maxIter, p.tileSize, t);
    onProgress(t + 1, tiles);
  }
  const seconds = (performance.now() - t0) / 1000;
  const hash = new Fnv1a64().update(littleEndianBytes(counts)).hex();
  return { iterSum, hash, seconds };
}

/** `nbodyDirectSequential` reporting after every force evaluation (`total` = steps + 1). */
function nbodyDirectWithProgress(options: Partial<NbodyDirectParams>, onProgress: ProgressCallback): NbodyDirectOutputs {
  const p = resolveNbodyDirectParams(options);
  const n = p.n;
  const eps2 = p.eps * p.eps;
  const h = 0.5 * p.dt;
  const b = allocateBodies(n);
  initBodies(b, p.seed);
  const ke = new Float64Array(n);
  const pe = new Float64Array(n);
  const total = p.steps + 1;

  energyTerms(b, eps2, 0, n, ke, pe);
  const e0 = totalEnergy(ke, pe);
  onProgress(0, total);

  const t0 = performance.now();
  computeAccelerations(b, eps2, 0, n);
  onProgress(1, total);
  for (let s = 0; s < p.steps; s++) {
    kick(b, h, 0, n);
    drift(b, p.dt, 0, n);
    computeAccelerations(b, eps2, 0, n);
    kick(b, h, 0, n);
    onProgress(s + 2, total);
  }
  const seconds = (performance.now() - t0) / 1000;

  energyTerms(b, eps2, 0, n, ke, pe);
  const e1 = totalEnergy(ke, pe);
  const hash = new Fnv1a64().update(littleEndianBytes(interleavePositions(b))).hex();
  return { e0, e1, posSum: positionSum(b), hash, seconds };
}

/**
 * Runs `w`'s sequential reference on the calling thread, reporting progress as it goes:
 * in tiles (mandelbrot) and force evaluations (nbody-direct), the units of the parallel
 * versions' `onProgress`; any other workload reports once, when it is done. The outputs
 * are those of `w.sequential(params)`, bit for bit.
 *
 * The run is synchronous: a progress bar must draw from inside `onProgress` (cli-progress
 * does, with its default `synchronousUpdate`).
 * @param w the workload (from `WORKLOADS` / `findWorkload`)
 * @param params its parameters (`w.resolve()` is applied)
 * @param onProgress called with `(done, total)`, `done` rising to `total`
 * @returns the outputs of the sequential reference, timings included
 * @throws RangeError for invalid parameters
 * @example
 * const w = findWorkload('mandelbrot')!;
 * const out = sequentialWithProgress(w, { width: 1600, height: 1200 }, (done, total) => bar.update(done, total));
 */
export function sequentialWithProgress(w: Workload, params: Record<string, unknown>, onProgress: ProgressCallback): Record<string, unknown> {
  switch (w.name) {
    case 'mandelbrot':
      return { ...mandelbrotWithProgress(w.resolve(params), onProgress) };
    case 'nbody-direct':
      return { ...nbodyDirectWithProgress(w.resolve(params), onProgress) };
    default: {
      const out = w.sequential(w.resolve(params));
      onProgress(1, 1);
      return out;
    }
  }
}
