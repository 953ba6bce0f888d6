/**
 * xoshiro128** (Blackman & Vigna), 32-bit words, with the key seeding of WORKLOADS.md:
 * s[i] = fmix32((k*4 + i + 1) mod 2^32) for i = 0..3.
 *
 * Used by montecarlo-pi (one generator per chunk, keyed by the chunk index) and sort
 * (one generator, key 12345). Hot loops may inline {@link xoshiroSeed} and the step
 * below with local variables; they must stay equal to this class (tested).
 */
import { fmix32 } from './fmix32.js';

/** 2^26, to combine the two halves of {@link Xoshiro128ss.double53}. */
const TWO_26 = 67108864;
/** 2^-53. */
const TWO_M53 = 1 / 9007199254740992;

/** The four-word seed for key `k`: fmix32((k*4 + i + 1) mod 2^32), i = 0..3 (unsigned). */
export function xoshiroSeed(k: number): [number, number, number, number] {
  const base = Math.imul(k, 4); // (k*4) mod 2^32 for any integer k below 2^53
  return [fmix32(base + 1), fmix32(base + 2), fmix32(base + 3), fmix32(base + 4)];
}

/** A xoshiro128** generator. State words are kept as int32 (bit patterns of the uint32 words). */
export class Xoshiro128ss {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** A generator seeded for integer key `key` (WORKLOADS.md seeding). */
  constructor(key: number) {
    const [a, b, c, d] = xoshiroSeed(key);
    this.s0 = a | 0;
    this.s1 = b | 0;
    this.s2 = c | 0;
    this.s3 = d | 0;
  }

  /** Next output, an unsigned 32-bit integer: rotl(s1*5, 7)*9, then the state update. */
  next(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const s2 = this.s2 ^ s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** A double in [0, 1): a = next()>>>5, b = next()>>>6, (a*2^26 + b) / 2^53 (exact). */
  double53(): number {
    const a = this.next() >>> 5;
    const b = this.next() >>> 6;
    return (a * TWO_26 + b) * TWO_M53;
  }

  /** The current state as four unsigned words (s0..s3). */
  state(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }
}
