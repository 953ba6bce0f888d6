/*
 * Natural logarithm with the algorithm and coefficients of fdlibm's e_log.c
 * (Sun Microsystems, 1993: "Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice is preserved."), which is what
 * V8 uses for Math.log. glibc's log is correctly rounded and differs from it in the
 * last bit for about 7% of NPB EP's arguments, so npb_ep uses this function by default
 * to reproduce the TypeScript reference bit for bit (`--log libm` selects glibc's).
 *
 * Method: x = 2^k·(1+f) with sqrt(2)/2 < 1+f < sqrt(2); s = f/(2+f);
 * log(1+f) = f − s·(f − R) (or the hfsq form), R a degree-14 polynomial in s;
 * log(x) = k·ln2_hi + (log(1+f) + k·ln2_lo).
 */
#ifndef TESSERA_FDLIBM_LOG_H
#define TESSERA_FDLIBM_LOG_H

#include <stdint.h>
#include <string.h>

static inline uint64_t fdl_bits(double x) { uint64_t u; memcpy(&u, &x, 8); return u; }
static inline double fdl_from_bits(uint64_t u) { double x; memcpy(&x, &u, 8); return x; }

static inline double fdlibm_log(double x) {
  static const double ln2_hi = 6.93147180369123816490e-01; /* 0x3FE62E42 FEE00000 */
  static const double ln2_lo = 1.90821492927058770002e-10; /* 0x3DEA39EF 35793C76 */
  static const double two54 = 1.80143985094819840000e+16;  /* 0x43500000 00000000 */
  static const double Lg1 = 6.666666666666735130e-01;      /* 0x3FE55555 55555593 */
  static const double Lg2 = 3.999999999940941908e-01;      /* 0x3FD99999 9997FA04 */
  static const double Lg3 = 2.857142874366239149e-01;      /* 0x3FD24924 94229359 */
  static const double Lg4 = 2.222219843214978396e-01;      /* 0x3FCC71C5 1D8E78AF */
  static const double Lg5 = 1.818357216161805012e-01;      /* 0x3FC74664 96CB03DE */
  static const double Lg6 = 1.531383769920937332e-01;      /* 0x3FC39A09 D078C69F */
  static const double Lg7 = 1.479819860511658591e-01;      /* 0x3FC2F112 DF3E5244 */
  uint64_t u = fdl_bits(x);
  int32_t hx = (int32_t)(u >> 32);
  const uint32_t lx = (uint32_t)u;
  int32_t k = 0;
  if (hx < 0x00100000) { /* x < 2^-1022: zero, negative or subnormal */
    if (((hx & 0x7fffffff) | lx) == 0) return -two54 / 0.0;
    if (hx < 0) return (x - x) / 0.0;
    k -= 54;
    x *= two54;
    hx = (int32_t)(fdl_bits(x) >> 32);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  int32_t i = (hx + 0x95f64) & 0x100000;
  /* normalise x or x/2 into [sqrt(2)/2, sqrt(2)) */
  x = fdl_from_bits(((uint64_t)(uint32_t)(hx | (i ^ 0x3ff00000)) << 32) | (fdl_bits(x) & 0xffffffffULL));
  k += (i >> 20);
  const double f = x - 1.0;
  double dk, R;
  if ((0x000fffff & (2 + hx)) < 3) { /* -2^-20 <= f < 2^-20 */
    if (f == 0.0) {
      if (k == 0) return 0.0;
      dk = (double)k;
      return dk * ln2_hi + dk * ln2_lo;
    }
    R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - R;
    dk = (double)k;
    return dk * ln2_hi - ((R - dk * ln2_lo) - f);
  }
  const double s = f / (2.0 + f);
  dk = (double)k;
  const double z = s * s;
  i = hx - 0x6147a;
  const double w = z * z;
  const int32_t j = 0x6b851 - hx;
  const double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i |= j;
  R = t2 + t1;
  if (i > 0) {
    const double hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
  }
  if (k == 0) return f - s * (f - R);
  return dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
}

#endif
