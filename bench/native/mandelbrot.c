/* mandelbrot (WORKLOADS.md §3).
 * Usage: mandelbrot [--width 800] [--height 600] [--maxiter 1000] [--tile 50] [--threads T] */
#include "common.h"

int main(int argc, char **argv) {
  const int w = (int)opt_ll(argc, argv, "width", 800);
  const int hgt = (int)opt_ll(argc, argv, "height", 600);
  const int max_iter = (int)opt_ll(argc, argv, "maxiter", 1000);
  const int tile = (int)opt_ll(argc, argv, "tile", 50);
  const int threads = opt_threads(argc, argv);
  uint32_t *counts = calloc((size_t)w * hgt, sizeof(uint32_t));
  const int tx = (w + tile - 1) / tile, ty = (hgt + tile - 1) / tile, tiles = tx * ty;
  const double dx = (1.0 - (-2.5)) / w, dy = (1.2 - (-1.2)) / hgt;
  uint64_t iter_sum = 0;
  const double t0 = now_seconds();
#pragma omp parallel for schedule(dynamic, 1) reduction(+ : iter_sum)
  for (int t = 0; t < tiles; t++) {
    const int x0 = (t % tx) * tile, y0 = (t / tx) * tile;
    const int x1 = x0 + tile < w ? x0 + tile : w, y1 = y0 + tile < hgt ? y0 + tile : hgt;
    for (int py = y0; py < y1; py++) {
      const double cy = -1.2 + py * dy;
      for (int px = x0; px < x1; px++) {
        const double cx = -2.5 + px * dx;
        double x = 0.0, y = 0.0;
        int it = 0;
        while (it < max_iter) {
          const double x2 = x * x, y2 = y * y;
          if (x2 + y2 > 4.0) break;
          y = 2.0 * x * y + cy;
          x = x2 - y2 + cx;
          it++;
        }
        counts[(size_t)py * w + px] = (uint32_t)it;
        iter_sum += (uint64_t)it;
      }
    }
  }
  const double seconds = now_seconds() - t0;
  const uint64_t hash = fnv1a64_update(FNV_OFFSET, counts, (size_t)w * hgt * sizeof(uint32_t));
  json_str("workload", "mandelbrot");
  json_int("width", w);
  json_int("height", hgt);
  json_int("maxIter", max_iter);
  json_int("threads", threads);
  json_u64("iterSum", iter_sum);
  json_hash("hash", hash);
  json_double("seconds", seconds);
  json_end();
  free(counts);
  return 0;
}
