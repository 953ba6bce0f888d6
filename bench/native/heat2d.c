/* heat2d (WORKLOADS.md §5). Usage: heat2d [--n 2048] [--iters 200] [--threads T] */
#include "common.h"

int main(int argc, char **argv) {
  const int n = (int)opt_ll(argc, argv, "n", 2048);
  const int iters = (int)opt_ll(argc, argv, "iters", 200);
  const int threads = opt_threads(argc, argv);
  if (n < 52) {
    fprintf(stderr, "--n must be >= 52\n");
    return 2;
  }
  double *u = malloc((size_t)n * n * sizeof(double)), *v = malloc((size_t)n * n * sizeof(double));
  double *sums = calloc((size_t)n, sizeof(double));
  /* Touch every page before the timed loop (as the TS reference's zero-filled arrays are). */
  memset(u, 0, (size_t)n * n * sizeof(double));
  memset(v, 0, (size_t)n * n * sizeof(double));
  for (int j = 0; j < n; j++) u[j] = v[j] = 100.0;
  const double t0 = now_seconds();
  for (int it = 0; it < iters; it++) {
#pragma omp parallel for schedule(static)
    for (int i = 1; i < n - 1; i++) {
      const double *up = u + (size_t)(i - 1) * n, *row = u + (size_t)i * n, *down = u + (size_t)(i + 1) * n;
      double *out = v + (size_t)i * n;
      for (int j = 1; j < n - 1; j++) out[j] = 0.25 * (up[j] + down[j] + row[j - 1] + row[j + 1]);
    }
    double *tmp = u;
    u = v;
    v = tmp;
  }
  const double seconds = now_seconds() - t0;
#pragma omp parallel for schedule(static)
  for (int i = 0; i < n; i++) {
    double s = 0.0;
    for (int j = 0; j < n; j++) s += u[(size_t)i * n + j];
    sums[i] = s;
  }
  double sum = 0.0;
  for (int i = 0; i < n; i++) sum += sums[i];
  const size_t c = (size_t)(n / 2);
  json_str("workload", "heat2d");
  json_int("n", n);
  json_int("iterations", iters);
  json_int("threads", threads);
  json_double("sum", sum);
  json_double("centre", u[c * n + c]);
  json_double("probe1", u[(size_t)n + c]);
  json_double("probe10", u[10 * (size_t)n + c]);
  json_double("probe50", u[50 * (size_t)n + c]);
  json_double("seconds", seconds);
  json_end();
  free(u);
  free(v);
  free(sums);
  return 0;
}
