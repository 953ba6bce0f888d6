/**
 * Counter-based random streams: `random.uniform(seed, stream, index)` is a
 * pure function of its three arguments, so a parallel Monte Carlo run gives
 * the same numbers however its work is split over threads, leaves or
 * machines — item `i` simply draws at index `i`.
 *
 * The generator is SplitMix64 (Steele, Lea & Flood 2014): stream `s` of seed
 * `k` is the SplitMix64 sequence whose state starts at
 * `mix64(mix64(k ⊕ π) + γ·(s + 1))`, and value `i` of the stream is
 * `mix64(state + γ·(i + 1))`, with γ = 0x9e3779b97f4a7c15. All 64-bit
 * arithmetic runs on 32-bit halves (no BigInt), a few nanoseconds a draw.
 * Seeds, streams and indices are integers in `[0, 2^53)`.
 *
 * Inline kernels can use it under the name `random` (the workers provide it
 * to every chain function), e.g.
 * `pool.range(0, n).map((i, c) => random.uniform(c.seed, 0, i))` after
 * `import { random } from 'tessera'`.
 */

// Registers of the 64-bit arithmetic: [H, L] is the result of the last operation, [KH, KL] the cached
// stream key. A typed array, not `let` variables: V8 boxes numbers above 2^31 stored in module variables.
const R = new Uint32Array(4);
const H = 0;
const L = 1;
const KH = 2;
const KL = 3;

const GAMMA_H = 0x9e3779b9;
const GAMMA_L = 0x7f4a7c15;

/** [H, L] = (ah, al) · (bh, bl) mod 2^64. */
function mul64(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  R[L] = ((mid & 0xffff) << 16) | (p00 & 0xffff);
  R[H] = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(ah, bl) + Math.imul(al, bh);
}

/** [H, L] = mix64(h, l), SplitMix64's finalizer. */
function mix64(h: number, l: number): void {
  // z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9
  mul64((h ^ (h >>> 30)) >>> 0, (l ^ ((l >>> 30) | (h << 2))) >>> 0, 0xbf58476d, 0x1ce4e5b9);
  // z = (z ^ (z >>> 27)) * 0x94d049bb133111eb
  h = R[H]!;
  l = R[L]!;
  mul64((h ^ (h >>> 27)) >>> 0, (l ^ ((l >>> 27) | (h << 5))) >>> 0, 0x94d049bb, 0x133111eb);
  // z ^ (z >>> 31)
  h = R[H]!;
  l = R[L]!;
  R[L] = l ^ ((l >>> 31) | (h << 1));
  R[H] = h ^ (h >>> 31);
}

/** [H, L] = (ah, al) + (bh, bl) mod 2^64. */
function add64(ah: number, al: number, bh: number, bl: number): void {
  const lo = al + bl;
  R[L] = lo;
  R[H] = ah + bh + (lo > 0xffffffff ? 1 : 0);
}

const TWO32 = 4294967296;

// The last (seed, stream) whose key is in [KH, KL]: most calls repeat it.
let lastSeed = -1;
let lastStream = -1;

function key(seed: number, stream: number): void {
  if (seed === lastSeed && stream === lastStream) return;
  mix64(((seed / TWO32) >>> 0) ^ 0x243f6a88, ((seed >>> 0) ^ 0x85a308d3) >>> 0);
  const sh = R[H]!;
  const sl = R[L]!;
  const s1 = stream + 1;
  mul64((s1 / TWO32) >>> 0, s1 >>> 0, GAMMA_H, GAMMA_L);
  add64(sh, sl, R[H]!, R[L]!);
  mix64(R[H]!, R[L]!);
  R[KH] = R[H]!;
  R[KL] = R[L]!;
  lastSeed = seed;
  lastStream = stream;
}

/** [H, L] = value `index` of the stream keyed by [KH, KL]. */
function draw(index: number): void {
  const i1 = index + 1;
  mul64((i1 / TWO32) >>> 0, i1 >>> 0, GAMMA_H, GAMMA_L);
  add64(R[KH]!, R[KL]!, R[H]!, R[L]!);
  mix64(R[H]!, R[L]!);
}

/** The counter-based random functions (see the module comment). */
export interface RandomNamespace {
  /**
   * A double uniformly distributed in `[0, 1)` (53 random bits).
   * @param seed the run's seed
   * @param stream an independent stream of the seed (e.g. 0 for x, 1 for y)
   * @param index the position in the stream (typically the item's index)
   * @example random.uniform(42, 0, i)
   */
  uniform(seed: number, stream: number, index: number): number;
  /** An unsigned 32-bit integer (the high half of the 64-bit value). @example random.uint32(42, 0, i) */
  uint32(seed: number, stream: number, index: number): number;
  /** The 64-bit value as `[high, low]` unsigned 32-bit halves (for testing against other SplitMix64 implementations). */
  bits(seed: number, stream: number, index: number): [number, number];
  /**
   * A standard normal deviate (Box–Muller on the uniforms at `2·index` and `2·index + 1`).
   * @example random.normal(42, 3, i) * sigma + mu
   */
  normal(seed: number, stream: number, index: number): number;
  /** An integer uniformly drawn from `[lo, hi)` (hi − lo ≤ 2^32). @example random.int(42, 0, i, 1, 7) // a die */
  int(seed: number, stream: number, index: number, lo: number, hi: number): number;
}

/** Counter-based random numbers keyed by `(seed, stream, index)`; see {@link RandomNamespace}. */
export const random: RandomNamespace = Object.freeze({
  uniform(seed: number, stream: number, index: number): number {
    key(seed, stream);
    draw(index);
    return ((R[H]! >>> 11) * TWO32 + R[L]!) / 9007199254740992;
  },
  uint32(seed: number, stream: number, index: number): number {
    key(seed, stream);
    draw(index);
    return R[H]!;
  },
  bits(seed: number, stream: number, index: number): [number, number] {
    key(seed, stream);
    draw(index);
    return [R[H]!, R[L]!];
  },
  normal(seed: number, stream: number, index: number): number {
    const u1 = random.uniform(seed, stream, 2 * index);
    const u2 = random.uniform(seed, stream, 2 * index + 1);
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  },
  int(seed: number, stream: number, index: number, lo: number, hi: number): number {
    return lo + Math.floor(random.uniform(seed, stream, index) * (hi - lo));
  },
});
