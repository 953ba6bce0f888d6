/**
 * sort task module (runs in the pool's workers): block sorts and merge-path merges over
 * shared arrays.
 */

/**
 * Sorts `a[lo, hi)` in place with `Float64Array.prototype.sort()` (the reference's sort).
 * The block is sorted in a private copy: on shared memory V8's sort copies the array to a
 * private buffer and back itself, but more slowly than `slice()` and `set()` do (20 M
 * values, one thread: 2.8 s in place vs 2.5 s for copy, sort, copy back).
 */
export function sortBlock(a: Float64Array, lo: number, hi: number): void {
  const block = a.slice(lo, hi);
  block.sort();
  a.set(block, lo);
}

/**
 * Merge-path co-rank: how many of the first `k` elements of the stable merge of the
 * sorted runs A = src[aLo, aLo+m) and B = src[bLo, bLo+n) come from A (ties go to A).
 */
export function coRank(src: Float64Array, aLo: number, m: number, bLo: number, n: number, k: number): number {
  let lo = Math.max(0, k - n);
  let hi = Math.min(k, m);
  while (lo < hi) {
    const i = (lo + hi) >>> 1;
    // A[i] precedes B[k−i−1] in the merge: more than i elements come from A.
    if (src[aLo + i]! <= src[bLo + k - i - 1]!) lo = i + 1;
    else hi = i;
  }
  return lo;
}

/**
 * Writes elements [k0, k1) of the stable merge of the sorted runs src[aLo, aHi) and
 * src[bLo, bHi) to dst[aLo + k0, aLo + k1) (the merged run occupies the place of the two
 * adjacent runs, `bLo === aHi`). Pieces with disjoint [k0, k1) may run in parallel.
 */
export function mergePiece(src: Float64Array, dst: Float64Array, aLo: number, aHi: number, bLo: number, bHi: number, k0: number, k1: number): void {
  const m = aHi - aLo;
  const n = bHi - bLo;
  const i0 = coRank(src, aLo, m, bLo, n, k0);
  const i1 = coRank(src, aLo, m, bLo, n, k1);
  let i = aLo + i0;
  const iEnd = aLo + i1;
  let j = bLo + (k0 - i0);
  const jEnd = bLo + (k1 - i1);
  let o = aLo + k0;
  if (i < iEnd && j < jEnd) {
    // The current head of each run stays in a local: one load per element written.
    let x = src[i]!;
    let y = src[j]!;
    for (;;) {
      if (y < x) {
        dst[o++] = y;
        if (++j === jEnd) break;
        y = src[j]!;
      } else {
        dst[o++] = x;
        if (++i === iEnd) break;
        x = src[i]!;
      }
    }
  }
  while (i < iEnd) dst[o++] = src[i++]!;
  while (j < jEnd) dst[o++] = src[j++]!;
}

/** Copies src[lo, hi) to dst[lo, hi) (a run without a partner in a merge round). */
export function copyRange(src: Float64Array, dst: Float64Array, lo: number, hi: number): void {
  dst.set(src.subarray(lo, hi), lo);
}
