/* matmul (WORKLOADS.md §6). Usage: matmul [--n 1024] [--block 64] [--threads T] */
#include "common.h"

int main(int argc, char **argv) {
  const int n = (int)opt_ll(argc, argv, "n", 1024);
  const int bs = (int)opt_ll(argc, argv, "block", 64);
  const int threads = opt_threads(argc, argv);
  double *a = malloc((size_t)n * n * sizeof(double)), *b = malloc((size_t)n * n * sizeof(double));
  double *c = calloc((size_t)n * n, sizeof(double));
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      a[(size_t)i * n + j] = (double)((7 * i + 3 * j) % 17) - 8.0;
      b[(size_t)i * n + j] = (double)((5 * i + 11 * j) % 13) - 6.0;
    }
  const int blocks = (n + bs - 1) / bs;
  const double t0 = now_seconds();
#pragma omp parallel for schedule(dynamic, 1)
  for (int ib = 0; ib < blocks; ib++) {
    const int i0 = ib * bs, i1 = i0 + bs < n ? i0 + bs : n;
    for (int k0 = 0; k0 < n; k0 += bs) {
      const int k1 = k0 + bs < n ? k0 + bs : n;
      for (int i = i0; i < i1; i++) {
        double *ci = c + (size_t)i * n;
        for (int k = k0; k < k1; k++) {
          const double aik = a[(size_t)i * n + k];
          const double *bk = b + (size_t)k * n;
          for (int j = 0; j < n; j++) ci[j] += aik * bk[j];
        }
      }
    }
  }
  const double seconds = now_seconds() - t0;
  double sum = 0.0, wsum = 0.0;
  for (size_t f = 0; f < (size_t)n * n; f++) {
    sum += c[f];
    wsum += c[f] * (double)((f % 7) + 1);
  }
  const uint64_t hash = fnv1a64_update(FNV_OFFSET, c, (size_t)n * n * sizeof(double));
  json_str("workload", "matmul");
  json_int("n", n);
  json_int("block", bs);
  json_int("threads", threads);
  json_double("sum", sum);
  json_double("wsum", wsum);
  json_hash("hash", hash);
  json_double("c00", c[0]);
  json_double("cLast", c[(size_t)n * n - 1]);
  json_double("seconds", seconds);
  json_double("gflops", 2.0 * n * (double)n * n / seconds / 1e9);
  json_end();
  free(a);
  free(b);
  free(c);
  return 0;
}
