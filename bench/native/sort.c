/* sort (WORKLOADS.md §7). Usage: sort [--n 20000000] [--seed 12345] [--threads T]
 * One thread: an introsort of the array. T threads: introsorts of T contiguous runs in
 * parallel, then rounds of pairwise merges, each cut at merge-path co-ranks into one piece
 * per thread (see parallel_sort). The sorted array is the same either way. (Until session 3 this used glibc qsort, whose comparator call per
 * comparison made it 1.9x slower than the TS reference's std::sort and inflated its
 * parallel speedup: see bench/native/README.md.) */
#include "common.h"

/* Introsort on doubles with the comparison inlined (as C++'s std::sort, which V8's
 * Float64Array.prototype.sort uses): median-of-three quicksort, insertion sort below 16
 * elements, heapsort when the recursion passes 2·log2(n). No NaNs occur (WORKLOADS.md). */
static void insertion_sort(double *a, size_t n) {
  for (size_t i = 1; i < n; i++) {
    const double v = a[i];
    size_t j = i;
    while (j > 0 && v < a[j - 1]) { a[j] = a[j - 1]; j--; }
    a[j] = v;
  }
}

static void sift_down(double *a, size_t root, size_t n) {
  const double v = a[root];
  for (;;) {
    size_t child = 2 * root + 1;
    if (child >= n) break;
    if (child + 1 < n && a[child] < a[child + 1]) child++;
    if (!(v < a[child])) break;
    a[root] = a[child];
    root = child;
  }
  a[root] = v;
}

static void heap_sort(double *a, size_t n) {
  for (size_t i = n / 2; i-- > 0;) sift_down(a, i, n);
  for (size_t end = n; end-- > 1;) {
    const double t = a[0]; a[0] = a[end]; a[end] = t;
    sift_down(a, 0, end);
  }
}

static void intro_sort(double *a, size_t n, int depth) {
  while (n > 16) {
    if (depth-- == 0) { heap_sort(a, n); return; }
    double x = a[0], y = a[n / 2], z = a[n - 1], t;
    if (y < x) { t = x; x = y; y = t; }
    if (z < y) { y = z; if (y < x) y = x; }
    const double pivot = y; /* median of three */
    size_t i = 0, j = n - 1;
    for (;;) {
      while (a[i] < pivot) i++;
      while (pivot < a[j]) j--;
      if (i >= j) break;
      t = a[i]; a[i] = a[j]; a[j] = t;
      i++; j--;
    }
    /* [0, j] <= pivot <= [j+1, n) : recurse into the smaller side */
    const size_t left = j + 1;
    if (left < n - left) { intro_sort(a, left, depth); a += left; n -= left; }
    else { intro_sort(a + left, n - left, depth); n = left; }
  }
  insertion_sort(a, n);
}

static void sort_doubles(double *a, size_t n) {
  int depth = 0;
  for (size_t m = n; m > 1; m >>= 1) depth += 2;
  intro_sort(a, n, depth);
}

/* Merge-path co-rank: how many of the first k elements of the stable merge of the sorted runs
 * A = src[aLo, aLo+m) and B = src[bLo, bLo+nb) come from A (ties go to A). */
static size_t co_rank(const double *src, size_t aLo, size_t m, size_t bLo, size_t nb, size_t k) {
  size_t lo = k > nb ? k - nb : 0, hi = k < m ? k : m;
  while (lo < hi) {
    const size_t i = (lo + hi) >> 1;
    if (src[aLo + i] <= src[bLo + k - i - 1]) lo = i + 1;
    else hi = i;
  }
  return lo;
}

/* Writes elements [k0, k1) of the merge of src[aLo, aHi) and src[aHi, bHi) to dst + aLo + k0. */
static void merge_piece(const double *src, size_t aLo, size_t aHi, size_t bHi, size_t k0, size_t k1, double *dst) {
  const size_t m = aHi - aLo, nb = bHi - aHi;
  const size_t i0 = co_rank(src, aLo, m, aHi, nb, k0), i1 = co_rank(src, aLo, m, aHi, nb, k1);
  size_t i = aLo + i0, j = aHi + (k0 - i0), o = aLo + k0;
  const size_t iEnd = aLo + i1, jEnd = aHi + (k1 - i1);
  while (i < iEnd && j < jEnd) dst[o++] = src[j] < src[i] ? src[j++] : src[i++];
  while (i < iEnd) dst[o++] = src[i++];
  while (j < jEnd) dst[o++] = src[j++];
}

/* The same parallel algorithm as the TypeScript version (src/workloads/sort/tasks.ts): the array
 * is cut into `parts` pieces, each sorted by its thread; then rounds of pairwise merges of
 * adjacent runs, every merge cut into pieces at merge-path co-ranks so that each thread writes
 * its own piece of the output in every round, the last one included. Buffers alternate. */
static double *parallel_sort(double *a, double *tmp, size_t n, int parts) {
  if (parts <= 1) {
    sort_doubles(a, n);
    return a;
  }
#define PIECE(u) (n * (size_t)(u) / (size_t)parts)
#pragma omp parallel for schedule(static, 1)
  for (int u = 0; u < parts; u++) sort_doubles(a + PIECE(u), PIECE(u + 1) - PIECE(u));
  double *src = a, *dst = tmp;
  for (int width = 1; width < parts; width *= 2) {
#pragma omp parallel for schedule(static, 1)
    for (int u = 0; u < parts; u++) {
      const int first = u - u % (2 * width), mid = first + width;
      const int last = first + 2 * width < parts ? first + 2 * width : parts;
      const size_t aLo = PIECE(first);
      if (mid >= parts) { /* no partner this round: the run moves to the other buffer */
        memcpy(dst + PIECE(u), src + PIECE(u), (PIECE(u + 1) - PIECE(u)) * sizeof(double));
        continue;
      }
      merge_piece(src, aLo, PIECE(mid), PIECE(last), PIECE(u) - aLo, PIECE(u + 1) - aLo, dst);
    }
    double *t = src;
    src = dst;
    dst = t;
  }
#undef PIECE
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
