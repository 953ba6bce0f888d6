/**
 * mandelbrot kernels (WORKLOADS.md §3). A tile writes only its own pixels of the
 * shared count image, so tiles may run in any order on any worker.
 */
import { tileRect } from './tiles.js';

/** Left edge of the view. */
export const X_MIN = -2.5;
/** Right edge of the view. */
export const X_MAX = 1.0;
/** Bottom edge of the view (row py = 0). */
export const Y_MIN = -1.2;
/** Top edge of the view. */
export const Y_MAX = 1.2;

/**
 * Escape count of c = (cx, cy): x = y = 0; while it < maxIter: x2 = x·x, y2 = y·y;
 * stop if x2 + y2 > 4; y = (2·x)·y + cy; x = (x2 − y2) + cx; it++.
 * No cardioid/bulb shortcut and no periodicity check.
 */
export function escapeCount(cx: number, cy: number, maxIter: number): number {
  let x = 0.0;
  let y = 0.0;
  let it = 0;
  while (it < maxIter) {
    const x2 = x * x;
    const y2 = y * y;
    if (x2 + y2 > 4.0) break;
    y = 2.0 * x * y + cy;
    x = x2 - y2 + cx;
    it++;
  }
  return it;
}

/**
 * Renders the pixels [x0, x1) × [y0, y1) into `counts` (row-major, `width` per row):
 * pixel (px, py) has cx = −2.5 + px·dx, cy = −1.2 + py·dy with dx = (1 − (−2.5))/width and
 * dy = (1.2 − (−1.2))/height (pixel corners).
 * @returns Σ of the counts written (exact: below 2^53 for any valid image)
 */
export function renderRect(counts: Uint32Array, width: number, height: number, maxIter: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = (X_MAX - X_MIN) / width;
  const dy = (Y_MAX - Y_MIN) / height;
  let sum = 0;
  for (let py = y0; py < y1; py++) {
    const cy = Y_MIN + py * dy;
    const row = py * width;
    for (let px = x0; px < x1; px++) {
      const it = escapeCount(X_MIN + px * dx, cy, maxIter);
      counts[row + px] = it;
      sum += it;
    }
  }
  return sum;
}

/**
 * Renders tile `t` (see `tiles.ts`) into `counts`.
 * @returns Σ of the tile's counts
 */
export function renderTile(counts: Uint32Array, width: number, height: number, maxIter: number, tileSize: number, t: number): number {
  const r = tileRect(t, width, height, tileSize);
  return renderRect(counts, width, height, maxIter, r.x0, r.y0, r.x1, r.y1);
}
