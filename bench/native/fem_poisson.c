/* fem-poisson (WORKLOADS.md §10), same discretisation, assembly order and fixed-chunk
 * reductions as src/workloads/fem-poisson (see assembly.ts and cg-kernels.ts).
 * Usage: fem_poisson [--n 512] [--sin fdlibm|libm] [--threads T]   (tol 1e-10)
 * sin is fdlibm's algorithm by default (what V8's Math.sin computes, see fdlibm_sin.h), so
 * the output equals the TypeScript reference bit for bit; `--sin libm` uses glibc's. */
#include <math.h>
#include "common.h"
#include "fdlibm_sin.h"

static int use_libm_sin = 0;

static double SIN(double x) { return use_libm_sin ? sin(x) : fdlibm_sin(x); }

#define CHUNK 4096

static const int STENCIL[7][2] = {{-1, -1}, {0, -1}, {-1, 0}, {0, 0}, {1, 0}, {0, 1}, {1, 1}};

static int unknown(int n, int i, int j) {
  if (i <= 0 || j <= 0 || i >= n || j >= n) return -1;
  return (j - 1) * (n - 1) + (i - 1);
}

static double source(double x, double y) {
  const double two_pi_sq = 2 * M_PI * M_PI;
  return two_pi_sq * SIN(M_PI * x) * SIN(M_PI * y);
}

static double sum_partials(const double *p, int count) {
  double s = 0.0;
  for (int c = 0; c < count; c++) s += p[c];
  return s;
}

int main(int argc, char **argv) {
  const int n = (int)opt_ll(argc, argv, "n", 512);
  const char *sin_impl = opt_str(argc, argv, "sin", "fdlibm");
  use_libm_sin = strcmp(sin_impl, "libm") == 0;
  if (!use_libm_sin && strcmp(sin_impl, "fdlibm") != 0) {
    fprintf(stderr, "--sin must be fdlibm or libm\n");
    return 2;
  }
  const int threads = opt_threads(argc, argv);
  const double tol = 1e-10;
  const int max_iter = 100000;
  const int m = n - 1, rows = m * m, chunks = (rows + CHUNK - 1) / CHUNK;
  const double t0 = now_seconds();
  int *row_ptr = calloc((size_t)rows + 1, sizeof(int));
  for (int r = 0; r < rows; r++) {
    const int i = r % m + 1, j = r / m + 1;
    int c = 0;
    for (int s = 0; s < 7; s++) c += unknown(n, i + STENCIL[s][0], j + STENCIL[s][1]) >= 0;
    row_ptr[r + 1] = row_ptr[r] + c;
  }
  const int nnz = row_ptr[rows];
  int *col = malloc((size_t)nnz * sizeof(int));
  double *val = calloc((size_t)nnz, sizeof(double));
  double *b = malloc((size_t)rows * sizeof(double));
  const double weight = 1.0 / (6.0 * n * n);
  const double third = 3.0 * n;
#pragma omp parallel for schedule(static)
  for (int r = 0; r < rows; r++) {
    const int i = r % m + 1, j = r / m + 1, start = row_ptr[r];
    int k = start;
    for (int s = 0; s < 7; s++) {
      const int cidx = unknown(n, i + STENCIL[s][0], j + STENCIL[s][1]);
      if (cidx >= 0) {
        col[k] = cidx;
        val[k] = 0.0;
        k++;
      }
    }
    const int tri[6][6] = {
        {i - 1, j - 1, i, j - 1, i, j}, {i - 1, j - 1, i, j, i - 1, j}, {i, j - 1, i + 1, j, i, j},
        {i - 1, j, i, j, i, j + 1},     {i, j, i + 1, j, i + 1, j + 1}, {i, j, i + 1, j + 1, i, j + 1}};
    double load = 0.0;
    for (int t = 0; t < 6; t++) {
      const int xi[3] = {tri[t][0], tri[t][2], tri[t][4]}, yj[3] = {tri[t][1], tri[t][3], tri[t][5]};
      int self = 0;
      while (xi[self] != i || yj[self] != j) self++;
      const double bs = yj[(self + 1) % 3] - yj[(self + 2) % 3];
      const double cs = xi[(self + 2) % 3] - xi[(self + 1) % 3];
      for (int v = 0; v < 3; v++) {
        const int cidx = unknown(n, xi[v], yj[v]);
        if (cidx < 0) continue;
        const double bv = yj[(v + 1) % 3] - yj[(v + 2) % 3];
        const double cv = xi[(v + 2) % 3] - xi[(v + 1) % 3];
        int s = start;
        while (col[s] != cidx) s++;
        val[s] = val[s] + (bs * bv + cs * cv) / 2;
      }
      const double cx = (double)(xi[0] + xi[1] + xi[2]) / third;
      const double cy = (double)(yj[0] + yj[1] + yj[2]) / third;
      load += source(cx, cy) * weight;
    }
    b[r] = load;
  }
  const double t1 = now_seconds();

  double *x = calloc((size_t)rows, sizeof(double)), *r = malloc((size_t)rows * sizeof(double));
  double *p = malloc((size_t)rows * sizeof(double)), *q = malloc((size_t)rows * sizeof(double));
  double *part = calloc((size_t)chunks, sizeof(double)), *part2 = calloc((size_t)chunks, sizeof(double));
  memcpy(r, b, (size_t)rows * sizeof(double));
  memcpy(p, b, (size_t)rows * sizeof(double));
#pragma omp parallel for schedule(static)
  for (int c = 0; c < chunks; c++) {
    const int e = (c + 1) * CHUNK < rows ? (c + 1) * CHUNK : rows;
    double s = 0.0;
    for (int k = c * CHUNK; k < e; k++) s += r[k] * r[k];
    part[c] = s;
  }
  double rho = sum_partials(part, chunks);
  const double bnorm = sqrt(rho);
  int iterations = 0, converged = 0;
  double rel = 1.0;
  for (int it = 1; it <= max_iter; it++) {
#pragma omp parallel for schedule(static)
    for (int c = 0; c < chunks; c++) {
      const int e = (c + 1) * CHUNK < rows ? (c + 1) * CHUNK : rows;
      for (int k = c * CHUNK; k < e; k++) {
        double s = 0.0;
        for (int z = row_ptr[k]; z < row_ptr[k + 1]; z++) s += val[z] * p[col[z]];
        q[k] = s;
      }
      double s = 0.0;
      for (int k = c * CHUNK; k < e; k++) s += p[k] * q[k];
      part[c] = s;
    }
    const double alpha = rho / sum_partials(part, chunks);
#pragma omp parallel for schedule(static)
    for (int c = 0; c < chunks; c++) {
      const int e = (c + 1) * CHUNK < rows ? (c + 1) * CHUNK : rows;
      double s = 0.0;
      for (int k = c * CHUNK; k < e; k++) {
        x[k] = x[k] + alpha * p[k];
        const double rk = r[k] - alpha * q[k];
        r[k] = rk;
        s += rk * rk;
      }
      part[c] = s;
    }
    const double rho_new = sum_partials(part, chunks);
    rel = sqrt(rho_new) / bnorm;
    iterations = it;
    if (rel < tol) {
      converged = 1;
      break;
    }
    const double beta = rho_new / rho;
#pragma omp parallel for schedule(static)
    for (int k = 0; k < rows; k++) p[k] = r[k] + beta * p[k];
    rho = rho_new;
  }
  const double t2 = now_seconds();
#pragma omp parallel for schedule(static)
  for (int c = 0; c < chunks; c++) {
    const int e = (c + 1) * CHUNK < rows ? (c + 1) * CHUNK : rows;
    double s = 0.0, mx = 0.0;
    for (int k = c * CHUNK; k < e; k++) {
      const int i = k % m + 1, j = k / m + 1;
      const double d = x[k] - SIN(M_PI * ((double)i / n)) * SIN(M_PI * ((double)j / n));
      s += d * d;
      mx = fmax(mx, fabs(d));
    }
    part[c] = s;
    part2[c] = mx;
  }
  double max_err = 0.0;
  for (int c = 0; c < chunks; c++) max_err = fmax(max_err, part2[c]);
  const double l2 = sqrt(sum_partials(part, chunks) / ((double)n * n));
  json_str("workload", "fem-poisson");
  json_int("n", n);
  json_str("sin", use_libm_sin ? "libm" : "fdlibm");
  json_int("threads", threads);
  json_int("unknowns", rows);
  json_int("nonzeros", nnz);
  json_int("iterations", iterations);
  json_bool("converged", converged);
  json_double("relResidual", rel);
  json_double("l2Error", l2);
  json_double("maxError", max_err);
  json_double("assemblySeconds", t1 - t0);
  json_double("solveSeconds", t2 - t1);
  json_end();
  free(row_ptr); free(col); free(val); free(b); free(x); free(r); free(p); free(q); free(part); free(part2);
  return 0;
}
