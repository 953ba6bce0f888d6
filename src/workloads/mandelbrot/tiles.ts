/**
 * Tiling of the mandelbrot image (WORKLOADS.md §3): tile t covers
 * x0 = (t mod tx)·size, y0 = ⌊t/tx⌋·size, tx = ⌈W/size⌉; edge tiles are clipped.
 */

/** A rectangle of pixels [x0, x1) × [y0, y1). */
export interface TileRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Number of tile columns ⌈width/size⌉. */
export function tileColumns(width: number, size: number): number {
  return Math.ceil(width / size);
}

/** Number of tiles ⌈W/size⌉·⌈H/size⌉. */
export function tileCount(width: number, height: number, size: number): number {
  return tileColumns(width, size) * Math.ceil(height / size);
}

/** The pixel rectangle of tile `t`, clipped to the image. */
export function tileRect(t: number, width: number, height: number, size: number): TileRect {
  const tx = tileColumns(width, size);
  const x0 = (t % tx) * size;
  const y0 = Math.floor(t / tx) * size;
  return { x0, y0, x1: Math.min(x0 + size, width), y1: Math.min(y0 + size, height) };
}
