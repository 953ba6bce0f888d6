/**
 * mandelbrot task module (runs in the pool's workers): renders a range of tiles into the
 * shared count image.
 */
import { claimUnits } from '../par/claim-worker.js';
import type { Claimed } from '../par/units.js';
import { progressReporter } from '../par/progress-worker.js';
import { renderTile } from './kernel.js';

/**
 * Renders tiles [t0, t1) (see `tiles.ts`) into `counts`, a shared row-major
 * `Uint32Array` of width·height counts; each tile writes only its own pixels.
 * @returns Σ of the counts of the tiles, an exact integer
 */
export function renderTiles(counts: Uint32Array, width: number, height: number, maxIter: number, tileSize: number, t0: number, t1: number): number {
  const report = progressReporter(t1 - t0);
  let sum = 0;
  for (let t = t0; t < t1; t++) {
    sum += renderTile(counts, width, height, maxIter, tileSize, t);
    report(t + 1 - t0);
  }
  return sum;
}

/**
 * Renders the tiles it claims from `counter` (shared by the loop's tasks, see
 * `runClaimed`) into `counts`, until all `tiles` are taken.
 * @returns Σ of the counts of the tiles it rendered (an exact integer) and how many
 */
export function renderClaimedTiles(counts: Uint32Array, width: number, height: number, maxIter: number, tileSize: number, tiles: number, counter: Int32Array): Claimed<number> {
  let sum = 0;
  const units = claimUnits(counter, tiles, (t) => {
    sum += renderTile(counts, width, height, maxIter, tileSize, t);
  });
  return { value: sum, units };
}
