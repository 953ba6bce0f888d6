/* montecarlo-pi (WORKLOADS.md §4).
 * Usage: montecarlo_pi [--samples 200000000] [--chunk 1000000] [--threads T] */
#include "common.h"

int main(int argc, char **argv) {
  const long long n = opt_ll(argc, argv, "samples", 200000000LL);
  const long long chunk = opt_ll(argc, argv, "chunk", 1000000LL);
  const int threads = opt_threads(argc, argv);
  const long long chunks = (n + chunk - 1) / chunk;
  const uint64_t limit = 1ULL << 52;
  uint64_t hits = 0;
  const double t0 = now_seconds();
#pragma omp parallel for schedule(dynamic, 1) reduction(+ : hits)
  for (long long c = 0; c < chunks; c++) {
    xoshiro128ss g;
    xoshiro_seed(&g, (uint32_t)c);
    const long long count = n - c * chunk < chunk ? n - c * chunk : chunk;
    uint64_t h = 0;
    for (long long i = 0; i < count; i++) {
      const uint64_t a = xoshiro_next(&g) >> 6;
      const uint64_t b = xoshiro_next(&g) >> 6;
      h += (a * a + b * b < limit);
    }
    hits += h;
  }
  const double seconds = now_seconds() - t0;
  json_str("workload", "montecarlo-pi");
  json_int("samples", n);
  json_int("chunkSize", chunk);
  json_int("threads", threads);
  json_u64("hits", hits);
  json_double("estimate", 4.0 * (double)hits / (double)n);
  json_double("seconds", seconds);
  json_end();
  return 0;
}
