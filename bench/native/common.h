/*
 * Shared helpers of the native references (WORKLOADS.md): FNV-1a 64, fmix32,
 * xoshiro128**, the NR LCG, command-line options, timing and one-line JSON output.
 * C99 + OpenMP; build with -O3 -ffp-contract=off -fopenmp (never -ffast-math).
 */
#ifndef TESSERA_NATIVE_COMMON_H
#define TESSERA_NATIVE_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>

/* ---- FNV-1a 64 ---------------------------------------------------------- */

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

/* Absorbs n bytes into h. Callers pass little-endian bytes (x86/ARM hosts). */
static inline uint64_t fnv1a64_update(uint64_t h, const void *data, size_t n) {
  const unsigned char *p = (const unsigned char *)data;
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= FNV_PRIME;
  }
  return h;
}

static inline int host_is_little_endian(void) {
  const uint16_t one = 1;
  return *(const unsigned char *)&one == 1;
}

/* ---- fmix32 and xoshiro128** -------------------------------------------- */

static inline uint32_t fmix32(uint32_t z) {
  z ^= z >> 16;
  z *= 0x85ebca6bU;
  z ^= z >> 13;
  z *= 0xc2b2ae35U;
  z ^= z >> 16;
  return z;
}

typedef struct { uint32_t s[4]; } xoshiro128ss;

static inline uint32_t rotl32(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

/* s[i] = fmix32((k*4 + i + 1) mod 2^32). */
static inline void xoshiro_seed(xoshiro128ss *g, uint32_t key) {
  for (uint32_t i = 0; i < 4; i++) g->s[i] = fmix32(key * 4U + i + 1U);
}

static inline uint32_t xoshiro_next(xoshiro128ss *g) {
  uint32_t *s = g->s;
  const uint32_t result = rotl32(s[1] * 5U, 7) * 9U;
  const uint32_t t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl32(s[3], 11);
  return result;
}

/* (a*2^26 + b) / 2^53 with a = next()>>5, b = next()>>6. */
static inline double xoshiro_double53(xoshiro128ss *g) {
  const uint32_t a = xoshiro_next(g) >> 5;
  const uint32_t b = xoshiro_next(g) >> 6;
  return ((double)a * 67108864.0 + (double)b) / 9007199254740992.0;
}

/* ---- NR LCG --------------------------------------------------------------- */

static inline double lcg_nr_uniform(uint32_t *state) {
  *state = 1664525U * *state + 1013904223U;
  return (double)*state / 4294967296.0;
}

/* ---- options: --name value ---------------------------------------------- */

static inline const char *opt_str(int argc, char **argv, const char *name, const char *def) {
  for (int i = 1; i + 1 < argc; i++)
    if (argv[i][0] == '-' && argv[i][1] == '-' && strcmp(argv[i] + 2, name) == 0) return argv[i + 1];
  return def;
}

static inline long long opt_ll(int argc, char **argv, const char *name, long long def) {
  const char *s = opt_str(argc, argv, name, NULL);
  if (!s) return def;
  char *end;
  long long v = strtoll(s, &end, 10);
  if (*end != '\0' || v < 0) {
    fprintf(stderr, "bad value for --%s: %s\n", name, s);
    exit(2);
  }
  return v;
}

/* Applies --threads (default: OpenMP's default) and returns the thread count.
 * Also refuses big-endian hosts: the hashes are defined over little-endian bytes and
 * the programs hash the in-memory representation. */
static inline int opt_threads(int argc, char **argv) {
  if (!host_is_little_endian()) {
    fprintf(stderr, "big-endian hosts are not supported\n");
    exit(2);
  }
  long long t = opt_ll(argc, argv, "threads", 0);
  if (t > 0) omp_set_num_threads((int)t);
  return omp_get_max_threads();
}

static inline double now_seconds(void) { return omp_get_wtime(); }

/* ---- one-line JSON -------------------------------------------------------- */

static int json_fields = 0;

static inline void json_sep(void) { fputs(json_fields++ ? "," : "{", stdout); }
static inline void json_str(const char *k, const char *v) { json_sep(); printf("\"%s\":\"%s\"", k, v); }
static inline void json_double(const char *k, double v) { json_sep(); printf("\"%s\":%.17g", k, v); }
static inline void json_u64(const char *k, uint64_t v) { json_sep(); printf("\"%s\":%llu", k, (unsigned long long)v); }
static inline void json_int(const char *k, long long v) { json_sep(); printf("\"%s\":%lld", k, v); }
static inline void json_bool(const char *k, int v) { json_sep(); printf("\"%s\":%s", k, v ? "true" : "false"); }
static inline void json_hash(const char *k, uint64_t h) { json_sep(); printf("\"%s\":\"%016llx\"", k, (unsigned long long)h); }
static inline void json_end(void) { puts(json_fields ? "}" : "{}"); }

#endif
