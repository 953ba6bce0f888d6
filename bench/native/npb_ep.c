/* NPB EP (WORKLOADS.md §8). Usage: npb_ep [--class S|W|A] [--log fdlibm|libm] [--threads T]
 * ln is fdlibm's algorithm by default (what V8's Math.log computes, see fdlibm_log.h), so
 * the output equals the TypeScript reference bit for bit; `--log libm` uses glibc's
 * correctly rounded log instead (same gc and q, sums differ in the last bits).
 * LCG x = a*x mod 2^46 with a uint64 multiply masked to 46 bits (exact, equal to NPB's
 * double-precision randlc). Each batch k has its own partial sums; the totals add the
 * partials in batch order, so the result does not depend on the thread count (the TS
 * reference does the same; see src/workloads/npb-ep/kernel.ts). */
#include <math.h>
#include "common.h"
#include "fdlibm_log.h"

#define MK 16
#define NK (1 << MK)
#define NQ 10
#define EP_A 1220703125ULL
#define EP_S 271828183ULL
#define MASK46 ((1ULL << 46) - 1)

static inline uint64_t mul46(uint64_t x, uint64_t a) { return (x * a) & MASK46; }

int main(int argc, char **argv) {
  const char *cls = opt_str(argc, argv, "class", "S");
  const char *log_impl = opt_str(argc, argv, "log", "fdlibm");
  const int use_libm = strcmp(log_impl, "libm") == 0;
  if (!use_libm && strcmp(log_impl, "fdlibm") != 0) {
    fprintf(stderr, "--log must be fdlibm or libm\n");
    return 2;
  }
  const int threads = opt_threads(argc, argv);
  int m;
  double ref[5];
  if (strcmp(cls, "S") == 0) {
    m = 24;
    double r[5] = {-3.247834652034740e+3, -6.958407078382297e+3, 1.051299420395306e+07, 1.051517131857535e+07, 13176389};
    memcpy(ref, r, sizeof r);
  } else if (strcmp(cls, "W") == 0) {
    m = 25;
    double r[5] = {-2.863319731645753e+3, -6.320053679109499e+3, 2.102505525182392e+07, 2.103162209578822e+07, 26354769};
    memcpy(ref, r, sizeof r);
  } else if (strcmp(cls, "A") == 0) {
    m = 28;
    double r[5] = {-4.295875165629892e+3, -1.580732573678431e+4, 1.682235632304711e+08, 1.682195123368299e+08, 210832767};
    memcpy(ref, r, sizeof r);
  } else {
    fprintf(stderr, "--class must be S, W or A\n");
    return 2;
  }
  const long nn = 1L << (m - MK);
  const double r46 = 1.0 / 70368744177664.0; /* 2^-46 */
  uint64_t an = EP_A;
  for (int i = 0; i < MK + 1; i++) an = mul46(an, an);
  double *part = calloc((size_t)nn * (4 + NQ), sizeof(double));
  const double t0 = now_seconds();
#pragma omp parallel for schedule(dynamic, 1)
  for (long k = 0; k < nn; k++) {
    uint64_t t1 = EP_S, t2 = an;
    long kk = k;
    for (int i = 1; i <= 100; i++) {
      const long ik = kk / 2;
      if (2 * ik != kk) t1 = mul46(t1, t2);
      if (ik == 0) break;
      t2 = mul46(t2, t2);
      kk = ik;
    }
    uint64_t x = t1;
    double sx = 0.0, sy = 0.0, sxa = 0.0, sya = 0.0;
    double *q = part + (size_t)k * (4 + NQ) + 4;
    for (int i = 0; i < NK; i++) {
      x = mul46(x, EP_A);
      const double u1 = r46 * (double)x;
      x = mul46(x, EP_A);
      const double u2 = r46 * (double)x;
      const double x1 = 2.0 * u1 - 1.0, x2 = 2.0 * u2 - 1.0;
      const double t = x1 * x1 + x2 * x2;
      if (t <= 1.0) {
        const double f = sqrt(-2.0 * (use_libm ? log(t) : fdlibm_log(t)) / t);
        const double gx = x1 * f, gy = x2 * f;
        const double ax = fabs(gx), ay = fabs(gy);
        const int l = (int)(ax > ay ? ax : ay);
        q[l] += 1.0;
        sx += gx;
        sy += gy;
        sxa += ax;
        sya += ay;
      }
    }
    double *p = part + (size_t)k * (4 + NQ);
    p[0] = sx;
    p[1] = sy;
    p[2] = sxa;
    p[3] = sya;
  }
  const double seconds = now_seconds() - t0;
  double sx = 0.0, sy = 0.0, sxa = 0.0, sya = 0.0, q[NQ] = {0};
  for (long k = 0; k < nn; k++) {
    const double *p = part + (size_t)k * (4 + NQ);
    sx += p[0];
    sy += p[1];
    sxa += p[2];
    sya += p[3];
    for (int l = 0; l < NQ; l++) q[l] += p[4 + l];
  }
  double gc = 0.0;
  for (int l = 0; l < NQ; l++) gc += q[l];
  const double e1 = fabs((sx - ref[0]) / ref[0]), e2 = fabs((sy - ref[1]) / ref[1]);
  const double e3 = fabs((sxa - ref[2]) / ref[2]), e4 = fabs((sya - ref[3]) / ref[3]);
  json_str("workload", "npb-ep");
  json_str("problemClass", cls);
  json_str("log", use_libm ? "libm" : "fdlibm");
  json_int("threads", threads);
  json_double("sx", sx);
  json_double("sy", sy);
  json_double("sxAbs", sxa);
  json_double("syAbs", sya);
  json_double("gc", gc);
  json_sep();
  printf("\"q\":[");
  for (int l = 0; l < NQ; l++) printf(l ? ",%.17g" : "%.17g", q[l]);
  printf("]");
  json_bool("npb33Passed", e1 <= 1e-8 && e2 <= 1e-8);
  json_bool("npb34Passed", e3 <= 1e-8 && e4 <= 1e-8 && gc == ref[4]);
  json_double("seconds", seconds);
  json_end();
  free(part);
  return 0;
}
