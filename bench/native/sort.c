/* sort (WORKLOADS.md §7). Usage: sort [--n 20000000] [--seed 12345] [--threads T]
 * One thread: qsort. T threads: qsort of T contiguous runs in parallel, then rounds of
 * pairwise merges (parallel across pairs). The sorted array is the same either way. */
#include "common.h"

static int cmp_double(const void *pa, const void *pb) {
  const double a = *(const double *)pa, b = *(const double *)pb;
  return (a > b) - (a < b);
}

static void merge(const double *src, size_t lo, size_t mid, size_t hi, double *dst) {
  size_t i = lo, j = mid, k = lo;
  while (i < mid && j < hi) dst[k++] = src[j] < src[i] ? src[j++] : src[i++];
  while (i < mid) dst[k++] = src[i++];
  while (j < hi) dst[k++] = src[j++];
}

static double *parallel_sort(double *a, double *tmp, size_t n, int parts) {
  if (parts <= 1) {
    qsort(a, n, sizeof(double), cmp_double);
    return a;
  }
  size_t *bounds = malloc(((size_t)parts + 1) * sizeof(size_t));
  for (int p = 0; p <= parts; p++) bounds[p] = n * (size_t)p / (size_t)parts;
#pragma omp parallel for schedule(static, 1)
  for (int p = 0; p < parts; p++) qsort(a + bounds[p], bounds[p + 1] - bounds[p], sizeof(double), cmp_double);
  double *src = a, *dst = tmp;
  for (int width = 1; width < parts; width *= 2) {
#pragma omp parallel for schedule(dynamic, 1)
    for (int p = 0; p < parts; p += 2 * width) {
      const int m = p + width < parts ? p + width : parts;
      const int e = p + 2 * width < parts ? p + 2 * width : parts;
      merge(src, bounds[p], bounds[m], bounds[e], dst);
    }
    double *t = src;
    src = dst;
    dst = t;
  }
  free(bounds);
  return src;
}

int main(int argc, char **argv) {
  const size_t n = (size_t)opt_ll(argc, argv, "n", 20000000LL);
  const uint32_t seed = (uint32_t)opt_ll(argc, argv, "seed", 12345);
  const int threads = opt_threads(argc, argv);
  double *a = malloc(n * sizeof(double)), *tmp = malloc(n * sizeof(double));
  xoshiro128ss g;
  xoshiro_seed(&g, seed);
  const double g0 = now_seconds();
  for (size_t i = 0; i < n; i++) a[i] = xoshiro_double53(&g);
  const double generate_seconds = now_seconds() - g0;
  const double t0 = now_seconds();
  const double *s = parallel_sort(a, tmp, n, threads);
  const double seconds = now_seconds() - t0;
  int sorted = 1;
  double checksum = 0.0;
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && s[i - 1] > s[i]) sorted = 0;
    checksum += s[i] * (double)((i & 1023) + 1);
  }
  json_str("workload", "sort");
  json_u64("n", n);
  json_int("threads", threads);
  json_bool("sorted", sorted);
  json_double("checksum", checksum);
  json_double("first", s[0]);
  json_double("middle", s[n / 2]);
  json_double("last", s[n - 1]);
  json_double("seconds", seconds);
  json_double("generateSeconds", generate_seconds);
  json_end();
  free(a);
  free(tmp);
  return 0;
}
