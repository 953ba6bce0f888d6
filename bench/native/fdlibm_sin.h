/*
 * Sine with the algorithm and coefficients of fdlibm's s_sin.c, k_sin.c, k_cos.c and the
 * small/medium-argument path of e_rem_pio2.c (Sun Microsystems, 1993: "Permission to use,
 * copy, modify, and distribute this software is freely granted, provided that this notice
 * is preserved."), which is what V8 computes for Math.sin. glibc's sin differs from it in
 * the last bit for a few percent of arguments; fem_poisson uses this one by default so that
 * its output equals the TypeScript reference bit for bit (`--sin libm` selects glibc's).
 *
 * Only |x| < 2^19·(π/2) is reduced here (fem-poisson needs 0 ≤ x ≤ π); larger arguments
 * fall back to libm's sin.
 */
#ifndef TESSERA_FDLIBM_SIN_H
#define TESSERA_FDLIBM_SIN_H

#include <math.h>
#include <stdint.h>
#include <string.h>

static inline int32_t fds_high(double x) { uint64_t u; memcpy(&u, &x, 8); return (int32_t)(u >> 32); }

/* sin(x + y) for |x| ≤ π/4, y the tail of x; iy = 0 means y is 0. */
static inline double fdlibm_kernel_sin(double x, double y, int iy) {
  static const double S1 = -1.66666666666666324348e-01; /* 0xBFC55555 55555549 */
  static const double S2 = 8.33333333332248946124e-03;  /* 0x3F811111 1110F8A6 */
  static const double S3 = -1.98412698298579493134e-04; /* 0xBF2A01A0 19C161D5 */
  static const double S4 = 2.75573137070700676789e-06;  /* 0x3EC71DE3 57B1FE7D */
  static const double S5 = -2.50507602534068634195e-08; /* 0xBE5AE5E6 8A2B9CEB */
  static const double S6 = 1.58969099521155010221e-10;  /* 0x3DE5D93A 5ACFD57C */
  if ((fds_high(x) & 0x7fffffff) < 0x3e400000 && (int)x == 0) return x; /* |x| < 2^-27 */
  const double z = x * x;
  const double v = z * x;
  const double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy == 0) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/* cos(x + y) for |x| ≤ π/4, y the tail of x. */
static inline double fdlibm_kernel_cos(double x, double y) {
  static const double C1 = 4.16666666666666019037e-02;  /* 0x3FA55555 5555554C */
  static const double C2 = -1.38888888888741095749e-03; /* 0xBF56C16C 16C15177 */
  static const double C3 = 2.48015872894767294178e-05;  /* 0x3EFA01A0 19CB1590 */
  static const double C4 = -2.75573143513906633035e-07; /* 0xBE927E4F 809C52AD */
  static const double C5 = 2.08757232129817482790e-09;  /* 0x3E21EE9E BDB4B1C4 */
  static const double C6 = -1.13596475577881948265e-11; /* 0xBDA8FAE9 BE8838D4 */
  const int32_t ix = fds_high(x) & 0x7fffffff;
  if (ix < 0x3e400000 && (int)x == 0) return 1.0; /* |x| < 2^-27 */
  const double z = x * x;
  const double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1.0 - (0.5 * z - (z * r - x * y)); /* |x| < 0.3 */
  double qx;
  if (ix > 0x3fe90000) {
    qx = 0.28125;
  } else { /* qx = |x|/4 with the low word cleared */
    const uint64_t u = (uint64_t)(uint32_t)(ix - 0x00200000) << 32;
    memcpy(&qx, &u, 8);
  }
  const double hz = 0.5 * z - qx;
  const double a = 1.0 - qx;
  return a - (hz - (z * r - x * y));
}

/* x = n·(π/2) + (y[0] + y[1]) for |x| < 2^19·(π/2); returns n, or INT32_MIN if x is larger. */
static inline int32_t fdlibm_rem_pio2_medium(double x, double *y) {
  static const int32_t npio2_hw[] = {
      0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C, 0x4025FDBB, 0x402921FB,
      0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C, 0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB,
      0x403AB41B, 0x403C463A, 0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C,
      0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB, 0x4046C6CB, 0x40478FDB, 0x404858EB, 0x404921FB};
  static const double invpio2 = 6.36619772367581382433e-01; /* 0x3FE45F30 6DC9C883 */
  static const double pio2_1 = 1.57079632673412561417e+00;  /* 0x3FF921FB 54400000 */
  static const double pio2_1t = 6.07710050650619224932e-11; /* 0x3DD0B461 1A626331 */
  static const double pio2_2 = 6.07710050630396597660e-11;  /* 0x3DD0B461 1A600000 */
  static const double pio2_2t = 2.02226624879595063154e-21; /* 0x3BA3198A 2E037073 */
  static const double pio2_3 = 2.02226624871116645580e-21;  /* 0x3BA3198A 2E000000 */
  static const double pio2_3t = 8.47842766036889956997e-32; /* 0x397B839A 252049C1 */
  const int32_t hx = fds_high(x);
  const int32_t ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) { /* |x| ≤ π/4 */
    y[0] = x;
    y[1] = 0;
    return 0;
  }
  double z;
  if (ix < 0x4002d97c) { /* |x| < 3π/4: n = ±1 */
    if (hx > 0) {
      z = x - pio2_1;
      if (ix != 0x3ff921fb) {
        y[0] = z - pio2_1t;
        y[1] = (z - y[0]) - pio2_1t;
      } else {
        z -= pio2_2;
        y[0] = z - pio2_2t;
        y[1] = (z - y[0]) - pio2_2t;
      }
      return 1;
    }
    z = x + pio2_1;
    if (ix != 0x3ff921fb) {
      y[0] = z + pio2_1t;
      y[1] = (z - y[0]) + pio2_1t;
    } else {
      z += pio2_2;
      y[0] = z + pio2_2t;
      y[1] = (z - y[0]) + pio2_2t;
    }
    return -1;
  }
  if (ix > 0x413921fb) return INT32_MIN;
  double t = fabs(x);
  const int32_t n = (int32_t)(t * invpio2 + 0.5);
  const double fn = (double)n;
  double r = t - fn * pio2_1;
  double w = fn * pio2_1t;
  if (n < 32 && ix != npio2_hw[n - 1]) {
    y[0] = r - w;
  } else {
    const int32_t j = ix >> 20;
    y[0] = r - w;
    int32_t i = j - ((fds_high(y[0]) >> 20) & 0x7ff);
    if (i > 16) {
      t = r;
      w = fn * pio2_2;
      r = t - w;
      w = fn * pio2_2t - ((t - r) - w);
      y[0] = r - w;
      i = j - ((fds_high(y[0]) >> 20) & 0x7ff);
      if (i > 49) {
        t = r;
        w = fn * pio2_3;
        r = t - w;
        w = fn * pio2_3t - ((t - r) - w);
        y[0] = r - w;
      }
    }
  }
  y[1] = (r - y[0]) - w;
  if (hx < 0) {
    y[0] = -y[0];
    y[1] = -y[1];
    return -n;
  }
  return n;
}

static inline double fdlibm_sin(double x) {
  const int32_t ix = fds_high(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return fdlibm_kernel_sin(x, 0.0, 0);
  if (ix >= 0x7ff00000) return x - x;
  double y[2];
  const int32_t n = fdlibm_rem_pio2_medium(x, y);
  if (n == INT32_MIN) return sin(x);
  switch (n & 3) {
    case 0: return fdlibm_kernel_sin(y[0], y[1], 1);
    case 1: return fdlibm_kernel_cos(y[0], y[1]);
    case 2: return -fdlibm_kernel_sin(y[0], y[1], 1);
    default: return -fdlibm_kernel_cos(y[0], y[1]);
  }
}

#endif
