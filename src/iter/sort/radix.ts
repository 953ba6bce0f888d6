/**
 * Parallel LSD radix sort of numeric typed arrays in the default numeric
 * order (the order of `TypedArray.prototype.sort`: -0 before +0, NaNs
 * last). Stable, so it is both `pool.sort` and `pool.sortUnstable` for
 * numbers without a comparator.
 *
 * Keys: each element's bits are mapped in place to an unsigned key whose
 * order is the numeric order (floats: flip all bits of negatives, the sign
 * bit of positives, then rotate so that NaNs of either sign come last;
 * signed integers: flip the sign bit), sorted as 32- or 64-bit unsigned
 * integers, and mapped back at the end. Digits are 11, 11 and 10 bits of
 * each 32-bit word, so no digit straddles two words.
 *
 * Rounds (each runs one task per block, block r = runner r's contiguous share):
 * 1. `prep`: map the block's keys and count every digit's buckets;
 * 2. per pass over a digit that is not the same for every element:
 *    `hist` (count the digit per block of the current array; the first pass
 *    reuses the counts of `prep`), then `scatter` (each block moves its
 *    elements, in order, to offsets computed on the main thread: stable);
 * 3. `finish`: map the keys back (from the scratch array into the caller's,
 *    if an odd number of passes left the data there).
 */
import { InvalidArgumentError } from '../../shared/errors.js';

/** Element kinds the radix sort handles. */
export type RadixKind = 'float64' | 'float32' | 'int32' | 'uint32' | 'bigint64' | 'biguint64';

export const RADIX_KINDS: ReadonlySet<string> = new Set<RadixKind>(['float64', 'float32', 'int32', 'uint32', 'bigint64', 'biguint64']);

/** Buckets per digit. */
export const BUCKETS = 2048;
/** Digit shift and width within a 32-bit word. */
const SHIFTS = [0, 11, 22];
const MASKS = [0x7ff, 0x7ff, 0x3ff];

/** 32-bit words per element. */
export function wordsOf(kind: RadixKind): number {
  return kind === 'float32' || kind === 'int32' || kind === 'uint32' ? 1 : 2;
}

/** Digits per element. */
export function digitsOf(kind: RadixKind): number {
  return 3 * wordsOf(kind);
}

/** What every radix round receives. */
export interface RadixJob {
  readonly kind: RadixKind;
  /** The caller's data (as 32-bit words) and the scratch array of the same size. */
  readonly a: Uint32Array;
  readonly t: Uint32Array;
  readonly n: number;
  readonly blocks: number;
  /** Counts: `[block][digit][bucket]` (prep), `[block][bucket]` (hist). */
  readonly hist: Int32Array;
  /** Scatter offsets: `[block][bucket]`. */
  readonly offs: Int32Array;
}

/** Block r's range. */
export function blockRange(r: number, blocks: number, n: number): [number, number] {
  return [Math.floor((r * n) / blocks), Math.floor(((r + 1) * n) / blocks)];
}

// Float keys: after the sign flips, subtracting the key of -Infinity (mod 2^W) sends negative NaNs above positive ones.
const F64_ROT_HI = 0x000fffff;
const F64_ROT_LO = 0xffffffff;
const F32_ROT = 0x007fffff;

/** Maps block r's elements to keys in place and counts every digit. */
export function radixPrep(job: RadixJob, r: number): void {
  const { a, kind, hist } = job;
  const [lo, hi] = blockRange(r, job.blocks, job.n);
  const words = wordsOf(kind);
  const digits = digitsOf(kind);
  const base = r * digits * BUCKETS;
  for (let d = 0; d < digits; d++) hist.fill(0, base + d * BUCKETS, base + (d + 1) * BUCKETS);
  if (words === 1) {
    for (let i = lo; i < hi; i++) {
      let x = a[i]!;
      if (kind === 'float32') x = ((((x & 0x80000000) !== 0 ? ~x : x ^ 0x80000000) >>> 0) - F32_ROT) >>> 0;
      else if (kind === 'int32') x = (x ^ 0x80000000) >>> 0;
      a[i] = x;
      hist[base + (x & 0x7ff)]!++;
      hist[base + BUCKETS + ((x >>> 11) & 0x7ff)]!++;
      hist[base + 2 * BUCKETS + (x >>> 22)]!++;
    }
    return;
  }
  for (let i = lo; i < hi; i++) {
    let l = a[2 * i]!;
    let h = a[2 * i + 1]!;
    if (kind === 'float64') {
      if ((h & 0x80000000) !== 0) {
        h = ~h >>> 0;
        l = ~l >>> 0;
      } else {
        h = (h ^ 0x80000000) >>> 0;
      }
      const borrow = l < F64_ROT_LO ? 1 : 0;
      l = (l - F64_ROT_LO) >>> 0;
      h = (h - F64_ROT_HI - borrow) >>> 0;
    } else if (kind === 'bigint64') {
      h = (h ^ 0x80000000) >>> 0;
    }
    a[2 * i] = l;
    a[2 * i + 1] = h;
    hist[base + (l & 0x7ff)]!++;
    hist[base + BUCKETS + ((l >>> 11) & 0x7ff)]!++;
    hist[base + 2 * BUCKETS + (l >>> 22)]!++;
    hist[base + 3 * BUCKETS + (h & 0x7ff)]!++;
    hist[base + 4 * BUCKETS + ((h >>> 11) & 0x7ff)]!++;
    hist[base + 5 * BUCKETS + (h >>> 22)]!++;
  }
}

/** Counts digit `digit` of block r of `src` (`inT`: the scratch array) into `hist[r]`. */
export function radixHist(job: RadixJob, r: number, digit: number, inT: boolean): void {
  const src = inT ? job.t : job.a;
  const [lo, hi] = blockRange(r, job.blocks, job.n);
  const words = wordsOf(job.kind);
  const w = words === 1 ? 0 : digit < 3 ? 0 : 1;
  const shift = SHIFTS[digit % 3]!;
  const mask = MASKS[digit % 3]!;
  const hist = job.hist;
  const base = r * BUCKETS;
  hist.fill(0, base, base + BUCKETS);
  for (let i = lo; i < hi; i++) hist[base + ((src[words * i + w]! >>> shift) & mask)]!++;
}

/** Moves block r's elements of `src` to `dst` by digit `digit`, from the offsets in `offs[r]`. */
export function radixScatter(job: RadixJob, r: number, digit: number, inT: boolean): void {
  const src = inT ? job.t : job.a;
  const dst = inT ? job.a : job.t;
  const [lo, hi] = blockRange(r, job.blocks, job.n);
  const words = wordsOf(job.kind);
  const shift = SHIFTS[digit % 3]!;
  const mask = MASKS[digit % 3]!;
  // A private copy of the offsets: the loop increments them.
  const off = job.offs.slice(r * BUCKETS, (r + 1) * BUCKETS);
  if (words === 1) {
    for (let i = lo; i < hi; i++) {
      const x = src[i]!;
      dst[off[(x >>> shift) & mask]!++] = x;
    }
    return;
  }
  if (digit < 3) {
    for (let i = lo; i < hi; i++) {
      const l = src[2 * i]!;
      const p = 2 * off[(l >>> shift) & mask]!++;
      dst[p] = l;
      dst[p + 1] = src[2 * i + 1]!;
    }
  } else {
    for (let i = lo; i < hi; i++) {
      const h = src[2 * i + 1]!;
      const p = 2 * off[(h >>> shift) & mask]!++;
      dst[p] = src[2 * i]!;
      dst[p + 1] = h;
    }
  }
}

/** Maps block r's keys back to elements, into the caller's array (from the scratch one when `inT`). */
export function radixFinish(job: RadixJob, r: number, inT: boolean): void {
  const src = inT ? job.t : job.a;
  const dst = job.a;
  const { kind } = job;
  const [lo, hi] = blockRange(r, job.blocks, job.n);
  if (wordsOf(kind) === 1) {
    for (let i = lo; i < hi; i++) {
      let x = src[i]!;
      if (kind === 'float32') {
        x = (x + F32_ROT) >>> 0;
        x = ((x & 0x80000000) !== 0 ? x ^ 0x80000000 : ~x) >>> 0;
      } else if (kind === 'int32') x = (x ^ 0x80000000) >>> 0;
      dst[i] = x;
    }
    return;
  }
  for (let i = lo; i < hi; i++) {
    let l = src[2 * i]!;
    let h = src[2 * i + 1]!;
    if (kind === 'float64') {
      const sum = l + F64_ROT_LO;
      l = sum >>> 0;
      h = (h + F64_ROT_HI + (sum > 0xffffffff ? 1 : 0)) >>> 0;
      if ((h & 0x80000000) !== 0) {
        h = (h ^ 0x80000000) >>> 0;
      } else {
        h = ~h >>> 0;
        l = ~l >>> 0;
      }
    } else if (kind === 'bigint64') {
      h = (h ^ 0x80000000) >>> 0;
    }
    dst[2 * i] = l;
    dst[2 * i + 1] = h;
  }
}

/**
 * Main thread: the scatter offsets of a pass from per-block counts
 * `counts(r, b)`: bucket by bucket, block by block (which keeps it stable).
 */
export function scatterOffsets(offs: Int32Array, blocks: number, counts: (r: number, b: number) => number): void {
  let at = 0;
  for (let b = 0; b < BUCKETS; b++) {
    for (let r = 0; r < blocks; r++) {
      offs[r * BUCKETS + b] = at;
      at += counts(r, b);
    }
  }
}

/** Checks that `kind` is a radix kind. */
export function checkRadixKind(kind: string): RadixKind {
  if (!RADIX_KINDS.has(kind)) throw new InvalidArgumentError('kind', kind, `one of ${[...RADIX_KINDS].join(', ')}`);
  return kind as RadixKind;
}
