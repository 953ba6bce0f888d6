/**
 * mandelbrot on the pool (WORKLOADS.md §3): tiles are the work unit; `dynamic` (the
 * default) gives each tile its own task, `static` gives each thread a contiguous block
 * of tiles. The image lives in shared memory, so workers write their pixels in place.
 */
import { shared, type Pool } from 'tessera';
import { Fnv1a64 } from '../common/fnv1a64.js';
import { littleEndianBytes } from '../common/little-endian.js';
import { checkSchedule, type ParallelOptions } from '../par/schedule.js';
import { runClaimed, runUnits } from '../par/units.js';
import { resolveMandelbrotParams, type MandelbrotOutputs, type MandelbrotParams } from './params.js';
import { tileCount } from './tiles.js';

/**
 * Renders the count image on `pool`; the outputs equal {@link mandelbrotSequential}'s
 * bit for bit (tile sums are integers; the hash covers the whole image).
 * @param pool the pool to run on (all its threads are used)
 * @param options image size, iteration limit, tile size (spec defaults 800×600, 1000, 50)
 * @param par schedule (default `dynamic`) and progress (in tiles)
 * @param out pass it to keep the count image (`out.counts`, shared memory)
 * @throws RangeError for invalid parameters
 */
export async function mandelbrotParallel(pool: Pool, options: Partial<MandelbrotParams> = {}, par: ParallelOptions = {}, out?: { counts?: Uint32Array }): Promise<MandelbrotOutputs> {
  const p = resolveMandelbrotParams(options);
  const schedule = checkSchedule(par.schedule ?? 'dynamic');
  const k = await pool.load<typeof import('./tasks.js')>(new URL('./tasks.js', import.meta.url));
  const counts = shared.uint32(p.width * p.height);
  const tiles = tileCount(p.width, p.height, p.tileSize);
  const t0 = performance.now();
  const sums =
    schedule === 'dynamic'
      ? await runClaimed(tiles, pool.threads, (counter, o) => k.renderClaimedTiles.with(o)(counts, p.width, p.height, p.maxIter, p.tileSize, tiles, counter), par.onProgress)
      : (await runUnits(tiles, pool.threads, schedule, (u0, u1, o) => k.renderTiles.with(o)(counts, p.width, p.height, p.maxIter, p.tileSize, u0, u1), par.onProgress)).results;
  let iterSum = 0;
  for (const s of sums) iterSum += s;
  const seconds = (performance.now() - t0) / 1000;
  if (out) out.counts = counts;
  const hash = new Fnv1a64().update(littleEndianBytes(counts)).hex();
  // The pool would keep the image for its lifetime otherwise (the caller's `out.counts` stays valid).
  await pool.release(counts);
  return { iterSum, hash, seconds };
}
