/**
 * montecarlo-pi chunk kernel (WORKLOADS.md §4). The generator is inlined (locals, no
 * object) for speed; it is the same xoshiro128** as `common/xoshiro128ss.ts` (tested).
 */
import { xoshiroSeed } from '../common/xoshiro128ss.js';

/** 2^52: a·a + b·b < 2^52 means the point lies inside the quarter circle (exact). */
const TWO_52 = 4503599627370496;

/** Number of chunks ⌈samples/chunkSize⌉. */
export function chunkCount(samples: number, chunkSize: number): number {
  return Math.ceil(samples / chunkSize);
}

/** Samples in chunk c: min(C, N − c·C). */
export function chunkSamples(c: number, samples: number, chunkSize: number): number {
  return Math.min(chunkSize, samples - c * chunkSize);
}

/**
 * Hits of chunk `c`: a fresh xoshiro128** keyed by c draws `count` samples; sample:
 * a = next()>>>6, b = next()>>>6 (26-bit, in this order), hit iff a·a + b·b < 2^52.
 * @returns the number of hits (an integer ≤ count)
 */
export function chunkHits(c: number, count: number): number {
  const seed = xoshiroSeed(c);
  let s0 = seed[0] | 0;
  let s1 = seed[1] | 0;
  let s2 = seed[2] | 0;
  let s3 = seed[3] | 0;
  let hits = 0;
  for (let i = 0; i < count; i++) {
    let m = Math.imul(s1, 5);
    const ra = Math.imul((m << 7) | (m >>> 25), 9) >>> 6;
    let t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);

    m = Math.imul(s1, 5);
    const rb = Math.imul((m << 7) | (m >>> 25), 9) >>> 6;
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);

    if (ra * ra + rb * rb < TWO_52) hits++;
  }
  return hits;
}
