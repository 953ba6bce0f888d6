/* nbody-direct (WORKLOADS.md §1). Usage: nbody_direct [--n 4096] [--steps 10] [--threads T] */
#include <math.h>
#include "common.h"

static void accelerations(int n, const double *x, const double *y, const double *z, const double *m,
                          double eps2, double *ax, double *ay, double *az) {
#pragma omp parallel for schedule(static)
  for (int i = 0; i < n; i++) {
    const double xi = x[i], yi = y[i], zi = z[i];
    double sx = 0.0, sy = 0.0, sz = 0.0;
    for (int j = 0; j < n; j++) {
      const double dx = x[j] - xi, dy = y[j] - yi, dz = z[j] - zi;
      const double r2 = dx * dx + dy * dy + dz * dz + eps2;
      const double inv = m[j] / (r2 * sqrt(r2));
      sx += dx * inv;
      sy += dy * inv;
      sz += dz * inv;
    }
    ax[i] = sx;
    ay[i] = sy;
    az[i] = sz;
  }
}

static double energy(int n, const double *x, const double *y, const double *z, const double *vx,
                     const double *vy, const double *vz, const double *m, double eps2, double *ke, double *pe) {
#pragma omp parallel for schedule(dynamic, 16)
  for (int i = 0; i < n; i++) {
    ke[i] = 0.5 * m[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
    double s = 0.0;
    for (int j = i + 1; j < n; j++) {
      const double dx = x[j] - x[i], dy = y[j] - y[i], dz = z[j] - z[i];
      s += m[j] / sqrt(dx * dx + dy * dy + dz * dz + eps2);
    }
    pe[i] = m[i] * s;
  }
  double k = 0.0, p = 0.0;
  for (int i = 0; i < n; i++) k += ke[i];
  for (int i = 0; i < n; i++) p += pe[i];
  return k - p;
}

int main(int argc, char **argv) {
  const int n = (int)opt_ll(argc, argv, "n", 4096);
  const int steps = (int)opt_ll(argc, argv, "steps", 10);
  const int threads = opt_threads(argc, argv);
  const double dt = 0.001, eps = 0.01, eps2 = eps * eps, h = 0.5 * dt;
  double *buf = calloc((size_t)n * 12, sizeof(double));
  double *x = buf, *y = x + n, *z = y + n, *vx = z + n, *vy = vx + n, *vz = vy + n, *m = vz + n;
  double *ax = m + n, *ay = ax + n, *az = ay + n, *ke = az + n, *pe = ke + n;
  uint32_t st = 42;
  for (int i = 0; i < n; i++) {
    x[i] = 2.0 * lcg_nr_uniform(&st) - 1.0;
    y[i] = 2.0 * lcg_nr_uniform(&st) - 1.0;
    z[i] = 2.0 * lcg_nr_uniform(&st) - 1.0;
    vx[i] = 0.1 * (2.0 * lcg_nr_uniform(&st) - 1.0);
    vy[i] = 0.1 * (2.0 * lcg_nr_uniform(&st) - 1.0);
    vz[i] = 0.1 * (2.0 * lcg_nr_uniform(&st) - 1.0);
    m[i] = (0.5 + lcg_nr_uniform(&st)) / n;
  }
  const double e0 = energy(n, x, y, z, vx, vy, vz, m, eps2, ke, pe);
  const double t0 = now_seconds();
  accelerations(n, x, y, z, m, eps2, ax, ay, az);
  for (int s = 0; s < steps; s++) {
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; i++) {
      vx[i] = vx[i] + h * ax[i];
      vy[i] = vy[i] + h * ay[i];
      vz[i] = vz[i] + h * az[i];
      x[i] = x[i] + dt * vx[i];
      y[i] = y[i] + dt * vy[i];
      z[i] = z[i] + dt * vz[i];
    }
    accelerations(n, x, y, z, m, eps2, ax, ay, az);
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; i++) {
      vx[i] = vx[i] + h * ax[i];
      vy[i] = vy[i] + h * ay[i];
      vz[i] = vz[i] + h * az[i];
    }
  }
  const double seconds = now_seconds() - t0;
  const double e1 = energy(n, x, y, z, vx, vy, vz, m, eps2, ke, pe);
  double pos_sum = 0.0;
  uint64_t hash = FNV_OFFSET;
  for (int i = 0; i < n; i++) {
    pos_sum += x[i] + y[i] + z[i];
    hash = fnv1a64_update(hash, &x[i], 8);
    hash = fnv1a64_update(hash, &y[i], 8);
    hash = fnv1a64_update(hash, &z[i], 8);
  }
  json_str("workload", "nbody-direct");
  json_int("n", n);
  json_int("steps", steps);
  json_int("threads", threads);
  json_double("e0", e0);
  json_double("e1", e1);
  json_double("posSum", pos_sum);
  json_hash("hash", hash);
  json_double("seconds", seconds);
  json_end();
  free(buf);
  return 0;
}
