/**
 * mandelbrot sequential reference (WORKLOADS.md §3): renders the tiles in index order.
 */
import { Fnv1a64 } from '../common/fnv1a64.js';
import { littleEndianBytes } from '../common/little-endian.js';
import { renderTile } from './kernel.js';
import { resolveMandelbrotParams, type MandelbrotOutputs, type MandelbrotParams } from './params.js';
import { tileCount } from './tiles.js';

/**
 * Renders the count image on one thread, tile by tile.
 * @param options image size, iteration limit, tile size (spec defaults 800×600, 1000, 50)
 * @param out pass `{}` to also get the count image in `out.counts`
 * @param onProgress called with `(tilesDone, tiles)` before the first tile and after each one
 *   (the unit of the parallel version's `onProgress`)
 * @returns the iteration sum, the FNV-1a 64 of the counts and the render time; pass
 *   `out` to also keep the count image
 * @throws RangeError for invalid parameters
 */
export function mandelbrotSequential(
  options: Partial<MandelbrotParams> = {},
  out?: { counts?: Uint32Array },
  onProgress?: (done: number, total: number) => void,
): MandelbrotOutputs {
  const p = resolveMandelbrotParams(options);
  const counts = new Uint32Array(p.width * p.height);
  const tiles = tileCount(p.width, p.height, p.tileSize);
  onProgress?.(0, tiles);
  const t0 = performance.now();
  let iterSum = 0;
  for (let t = 0; t < tiles; t++) {
    iterSum += renderTile(counts, p.width, p.height, p.maxIter, p.tileSize, t);
    onProgress?.(t + 1, tiles);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (out) out.counts = counts;
  const hash = new Fnv1a64().update(littleEndianBytes(counts)).hex();
  return { iterSum, hash, seconds };
}
