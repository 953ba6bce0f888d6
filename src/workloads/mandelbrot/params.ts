/**
 * mandelbrot (WORKLOADS.md §3): parameters and outputs.
 */
import { checkIntParam } from '../common/check.js';

/** Image and tiling parameters. The view is fixed: x ∈ [−2.5, 1.0], y ∈ [−1.2, 1.2]. */
export interface MandelbrotParams {
  /** Image width in pixels. @default 800 (big: 4000) */
  width: number;
  /** Image height in pixels. @default 600 (big: 3000) */
  height: number;
  /** Iteration limit. @default 1000 */
  maxIter: number;
  /** Tile edge in pixels (tiles are the parallel work unit). @default 50 */
  tileSize: number;
}

/** Spec defaults: 800×600, max_iter 1000, 50×50 tiles. */
export const MANDELBROT_DEFAULTS: Readonly<MandelbrotParams> = Object.freeze({ width: 800, height: 600, maxIter: 1000, tileSize: 50 });

/** The "big" size of the spec, 4000×3000. */
export const MANDELBROT_BIG: Readonly<MandelbrotParams> = Object.freeze({ width: 4000, height: 3000, maxIter: 1000, tileSize: 50 });

/**
 * Defaults overridden by `options`, validated. The iteration sum must stay an exact
 * double, so width·height·maxIter ≤ 2^53.
 * @throws RangeError for invalid sizes
 */
export function resolveMandelbrotParams(options: Partial<MandelbrotParams> = {}): MandelbrotParams {
  const p = { ...MANDELBROT_DEFAULTS, ...options };
  checkIntParam('width', p.width, 1);
  checkIntParam('height', p.height, 1);
  checkIntParam('maxIter', p.maxIter, 0, 0xffffffff);
  checkIntParam('tileSize', p.tileSize, 1);
  if (p.width * p.height * p.maxIter > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`Expected width*height*maxIter <= 2^53 - 1, got ${p.width}*${p.height}*${p.maxIter}`);
  }
  return p;
}

/** Outputs of mandelbrot. */
export interface MandelbrotOutputs {
  /** Σ of all iteration counts (a uint64 in the spec; exact as a number because ≤ 2^53). */
  iterSum: number;
  /** FNV-1a 64 of the counts as uint32 little-endian, row-major (py outer). */
  hash: string;
  /** Seconds spent rendering. */
  seconds: number;
}
