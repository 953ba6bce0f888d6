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
 * 1. `prep`: count every digit of the block's keys (digits that are the same
 *    for every element are skipped: no pass at all for them);
 * 2. per remaining digit, `hist` (count the digit per block of the current
 *    array; not needed for the first pass, nor with a single block, where
 *    `prep`'s counts serve) then `scatter`: each block moves its elements, in
 *    order, to offsets the main thread computed from the per-block counts
 *    (stable). The first pass maps elements to keys as it reads and the last
 *    maps keys back as it writes, so the data is never mapped in place;
 * 3. `copy`, after an odd number of passes: the scratch array back into the
 *    caller's.
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
  /** Counts of `prep`: `[block][digit][bucket]`; of `hist`: `[block][bucket]` in `count`. */
  readonly hist: Int32Array;
  readonly count: Int32Array;
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

/** The key of a 32-bit element. */
function key32(kind: RadixKind, x: number): number {
  if (kind === 'float32') return ((((x & 0x80000000) !== 0 ? ~x : x ^ 0x80000000) >>> 0) - F32_ROT) >>> 0;
  if (kind === 'int32') return (x ^ 0x80000000) >>> 0;
  return x;
}

/** The element of a 32-bit key. */
function unkey32(kind: RadixKind, x: number): number {
  if (kind === 'float32') {
    x = (x + F32_ROT) >>> 0;
    return ((x & 0x80000000) !== 0 ? x ^ 0x80000000 : ~x) >>> 0;
  }
  if (kind === 'int32') return (x ^ 0x80000000) >>> 0;
  return x;
}

/** Counts every digit of block r's keys (the data is not modified). */
export function radixPrep(job: RadixJob, r: number): void {
  const { a, kind } = job;
  const [lo, hi] = blockRange(r, job.blocks, job.n);
  const digits = digitsOf(kind);
  const h = new Int32Array(digits * BUCKETS);
  if (wordsOf(kind) === 1) {
    for (let i = lo; i < hi; i++) {
      const x = key32(kind, a[i]!);
      h[x & 0x7ff]!++;
      h[BUCKETS + ((x >>> 11) & 0x7ff)]!++;
      h[2 * BUCKETS + (x >>> 22)]!++;
    }
  } else {
    const f64 = kind === 'float64';
    const flip = kind === 'bigint64' ? 0x80000000 : 0;
    for (let i = lo; i < hi; i++) {
      let l = a[2 * i]!;
      let k = a[2 * i + 1]!;
      if (f64) {
        // Inline (no helper returning two words: module-level registers would box every value).
        if ((k & 0x80000000) !== 0) {
          k = ~k >>> 0;
          l = ~l >>> 0;
        } else {
          k = (k ^ 0x80000000) >>> 0;
        }
        const borrow = l < F64_ROT_LO ? 1 : 0;
        l = (l - F64_ROT_LO) >>> 0;
        k = (k - F64_ROT_HI - borrow) >>> 0;
      } else {
        k = (k ^ flip) >>> 0;
      }
      h[l & 0x7ff]!++;
      h[BUCKETS + ((l >>> 11) & 0x7ff)]!++;
      h[2 * BUCKETS + (l >>> 22)]!++;
      h[3 * BUCKETS + (k & 0x7ff)]!++;
      h[4 * BUCKETS + ((k >>> 11) & 0x7ff)]!++;
      h[5 * BUCKETS + (k >>> 22)]!++;
    }
  }
  job.hist.set(h, r * digits * BUCKETS);
}

/** Counts digit `digit` of block r of the keys in the current array (`inT`: the scratch one) into `count[r]`. */
export function radixHist(job: RadixJob, r: number, digit: number, inT: boolean): void {
  const src = inT ? job.t : job.a;
  const [lo, hi] = blockRange(r, job.blocks, job.n);
  const words = wordsOf(job.kind);
  const w = words === 1 ? 0 : digit < 3 ? 0 : 1;
  const shift = SHIFTS[digit % 3]!;
  const mask = MASKS[digit % 3]!;
  const h = new Int32Array(BUCKETS);
  for (let i = lo; i < hi; i++) h[(src[words * i + w]! >>> shift) & mask]!++;
  job.count.set(h, r * BUCKETS);
}

/** Options of one scatter pass. */
export interface ScatterPass {
  /** The digit this pass sorts by. */
  readonly digit: number;
  /** True when the source is the scratch array. */
  readonly inT: boolean;
  /** First pass: the source holds elements, not keys (map them while reading). */
  readonly first: boolean;
  /** Last pass: write elements, not keys. */
  readonly last: boolean;
}

/**
 * Moves block r's elements from one array to the other by one digit, in
 * order (stable), from the offsets in `offs[r]`.
 */
export function radixScatter(job: RadixJob, r: number, pass: ScatterPass): void {
  const { kind } = job;
  const src = pass.inT ? job.t : job.a;
  const dst = pass.inT ? job.a : job.t;
  const [lo, hi] = blockRange(r, job.blocks, job.n);
  const { first, last } = pass;
  const shift = SHIFTS[pass.digit % 3]!;
  const mask = MASKS[pass.digit % 3]!;
  // A private copy of the offsets: the loop increments them.
  const off = job.offs.slice(r * BUCKETS, (r + 1) * BUCKETS);
  if (wordsOf(kind) === 1) {
    for (let i = lo; i < hi; i++) {
      const x = first ? key32(kind, src[i]!) : src[i]!;
      dst[off[(x >>> shift) & mask]!++] = last ? unkey32(kind, x) : x;
    }
    return;
  }
  const f64 = kind === 'float64';
  const flip = kind === 'bigint64' ? 0x80000000 : 0;
  const hiWord = pass.digit >= 3;
  if (!first && !last) {
    // The middle passes: keys in, keys out.
    if (hiWord) {
      for (let i = lo; i < hi; i++) {
        const h = src[2 * i + 1]!;
        const q = 2 * off[(h >>> shift) & mask]!++;
        dst[q] = src[2 * i]!;
        dst[q + 1] = h;
      }
    } else {
      for (let i = lo; i < hi; i++) {
        const l = src[2 * i]!;
        const q = 2 * off[(l >>> shift) & mask]!++;
        dst[q] = l;
        dst[q + 1] = src[2 * i + 1]!;
      }
    }
    return;
  }
  for (let i = lo; i < hi; i++) {
    let l = src[2 * i]!;
    let h = src[2 * i + 1]!;
    if (first) {
      // Inline (a helper returning two words would need module-level registers, which box every value).
      if (f64) {
        if ((h & 0x80000000) !== 0) {
          h = ~h >>> 0;
          l = ~l >>> 0;
        } else {
          h = (h ^ 0x80000000) >>> 0;
        }
        const borrow = l < F64_ROT_LO ? 1 : 0;
        l = (l - F64_ROT_LO) >>> 0;
        h = (h - F64_ROT_HI - borrow) >>> 0;
      } else {
        h = (h ^ flip) >>> 0;
      }
    }
    const q = 2 * off[((hiWord ? h : l) >>> shift) & mask]!++;
    if (last) {
      if (f64) {
        const sum = l + F64_ROT_LO;
        l = sum >>> 0;
        h = (h + F64_ROT_HI + (sum > 0xffffffff ? 1 : 0)) >>> 0;
        if ((h & 0x80000000) !== 0) {
          h = (h ^ 0x80000000) >>> 0;
        } else {
          h = ~h >>> 0;
          l = ~l >>> 0;
        }
      } else {
        h = (h ^ flip) >>> 0;
      }
    }
    dst[q] = l;
    dst[q + 1] = h;
  }
}

/** Copies block r of the scratch array back into the caller's (after an odd number of passes). */
export function radixCopy(job: RadixJob, r: number): void {
  const w = wordsOf(job.kind);
  const [lo, hi] = blockRange(r, job.blocks, job.n);
  job.a.set(job.t.subarray(w * lo, w * hi), w * lo);
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
