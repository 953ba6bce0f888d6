/**
 * Sequential references that report progress, for progress bars of sequential runs (the
 * `npm start` demo): `mandelbrot` and `nbody-direct` pass `onProgress` to their references,
 * which report in the units of their parallel versions (tiles, force evaluations); every
 * other workload runs its reference and reports only its completion.
 */
import { mandelbrotSequential } from './mandelbrot/sequential.js';
import { nbodyDirectSequential } from './nbody-direct/sequential.js';
import type { Workload } from './registry.js';

/** A progress callback: `done` of `total` units. */
export type ProgressCallback = (done: number, total: number) => void;

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
      return { ...mandelbrotSequential(w.resolve(params), undefined, onProgress) };
    case 'nbody-direct':
      return { ...nbodyDirectSequential(w.resolve(params), onProgress) };
    default: {
      const out = w.sequential(w.resolve(params));
      onProgress(1, 1);
      return out;
    }
  }
}
