/**
 * Parallel stable merge sort (worker side, and the splitting done on the
 * main thread).
 *
 * 1. `leaf`: block r (runner r's contiguous share) is sorted in place, stably
 *    (`TypedArray.prototype.sort` / `Array.prototype.sort` are stable);
 * 2. main thread: the sorted blocks are cut into one piece per runner by
 *    splitters drawn from a regular sample. Ties are broken by (block,
 *    position), a total order under which the stable sort is the sorted
 *    order, so cutting every block at a splitter's rank is exact;
 * 3. `piece`: runner r merges its slice of every block (k-way, ties to the
 *    lower block) into the scratch array at its offset;
 * 4. `copy`: each runner copies its piece back.
 *
 * Arrays of objects are sorted through indices: blocks of the array travel
 * serialized (iter/source.ts), a worker sorts the indices of its block by
 * the comparator on the deserialized values, and the merge writes the final
 * order of indices; the main thread then places the original objects in
 * that order, so the result holds the caller's own objects.
 */
import type { AnyTypedArray } from '../../memory/shared-array.js';
import type { FnDesc, SourceDesc } from '../plumbing/plan.js';
import { importModules, resolveFn } from '../plumbing/resolve.js';
import { objectReader } from '../source.js';
import { blockRange } from './radix.js';

/** A comparator with its context, as workers and the main thread call it. */
export type Compare = (a: any, b: any) => number;

/** Shared by every merge round. */
export interface MergeJob {
  readonly n: number;
  readonly blocks: number;
  /** `bounds[i * (blocks + 1) + j]`: where piece j starts in block i (j = blocks: the block's end). */
  readonly bounds: Int32Array;
  /** `outStart[j]`: where piece j starts in the output (`outStart[blocks] = n`). */
  readonly outStart: Int32Array;
  /** The comparator (undefined: `<` on numbers). */
  readonly cmp: FnDesc | undefined;
  readonly context: unknown;
  /** Typed arrays: the data and the scratch array. */
  readonly a?: AnyTypedArray;
  readonly t?: AnyTypedArray;
  /** Objects: the serialized values, the sorted block indices and the final order. */
  readonly src?: Extract<SourceDesc, { t: 'objects' }>;
  readonly perm?: Int32Array;
  readonly order?: Int32Array;
}

/** `<`-order of numbers (the merge path only sees integer kinds without a comparator). */
export const ascending: Compare = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0);

async function comparator(job: MergeJob): Promise<Compare> {
  if (job.cmp === undefined) return ascending;
  if ('module' in job.cmp) await importModules([job.cmp.module]);
  const f = resolveFn(job.cmp);
  const c = job.context;
  return (x, y) => f(x, y, c) as number;
}

/** Round 1: sorts block r in place (typed), or its indices into `perm` (objects). */
export async function mergeLeaf(job: MergeJob, r: number): Promise<void> {
  const cmp = await comparator(job);
  const [lo, hi] = blockRange(r, job.blocks, job.n);
  if (job.a !== undefined) {
    const block = job.a.subarray(lo, hi);
    if (job.cmp === undefined) block.sort();
    else (block as Float64Array).sort(cmp);
    return;
  }
  const read = objectReader(job.src!);
  const idx: number[] = [];
  const vals: unknown[] = [];
  for (let i = lo; i < hi; i++) {
    idx.push(i);
    vals.push(read(i));
  }
  idx.sort((x, y) => cmp(vals[x - lo], vals[y - lo]));
  job.perm!.set(idx, lo);
}

/** Round 2: merges piece r of every block into the output. */
export async function mergePiece(job: MergeJob, r: number): Promise<void> {
  const cmp = await comparator(job);
  const B = job.blocks;
  const runs: [number, number][] = [];
  for (let i = 0; i < B; i++) runs.push([job.bounds[i * (B + 1) + r]!, job.bounds[i * (B + 1) + r + 1]!]);
  let at = job.outStart[r]!;
  if (job.a !== undefined) {
    const a = job.a as Float64Array;
    const t = job.t as Float64Array;
    kwayMerge(runs, (p, q) => cmp(a[p], a[q]), (p) => {
      t[at++] = a[p]!;
    });
    return;
  }
  const read = objectReader(job.src!, true);
  const perm = job.perm!;
  const order = job.order!;
  kwayMerge(runs, (p, q) => cmp(read(perm[p]!), read(perm[q]!)), (p) => {
    order[at++] = perm[p]!;
  });
}

/** Round 3 (typed): copies piece r back from the scratch array. */
export function mergeCopy(job: MergeJob, r: number): void {
  const lo = job.outStart[r]!;
  const hi = job.outStart[r + 1]!;
  (job.a as Float64Array).set((job.t as Float64Array).subarray(lo, hi), lo);
}

/**
 * Merges sorted runs of positions, emitting positions in order; on ties the
 * run listed first wins (stability).
 */
export function kwayMerge(runs: [number, number][], cmp: (p: number, q: number) => number, emit: (p: number) => void): void {
  const live = runs.filter(([lo, hi]) => hi > lo).map(([lo, hi]) => [lo, hi] as [number, number]);
  if (live.length === 0) return;
  if (live.length === 1) {
    for (let p = live[0]![0]; p < live[0]![1]; p++) emit(p);
    return;
  }
  if (live.length === 2) {
    let p = live[0]![0];
    const pe = live[0]![1];
    let q = live[1]![0];
    const qe = live[1]![1];
    while (p < pe && q < qe) {
      if (cmp(q, p) < 0) emit(q++);
      else emit(p++);
    }
    while (p < pe) emit(p++);
    while (q < qe) emit(q++);
    return;
  }
  // Binary heap of run indices, ordered by (head, run index).
  const heads = live.map(([lo]) => lo);
  const less = (x: number, y: number) => {
    const c = cmp(heads[x]!, heads[y]!);
    return c < 0 || (c === 0 && x < y);
  };
  const heap = live.map((_, i) => i);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) return;
      const m = l + 1 < heap.length && less(heap[l + 1]!, heap[l]!) ? l + 1 : l;
      if (!less(heap[m]!, heap[i]!)) return;
      [heap[m], heap[i]] = [heap[i]!, heap[m]!];
      i = m;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  while (heap.length > 0) {
    const run = heap[0]!;
    emit(heads[run]!++);
    if (heads[run]! >= live[run]![1]) {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
    }
    if (heap.length > 0) down(0);
  }
}

/**
 * Main thread: cuts the sorted blocks into `blocks` pieces of about equal
 * size. `at(i, p)` is the value at position p of sorted block i (`p` in the
 * block's index range). Fills `bounds` and `outStart`.
 */
export function splitPieces(n: number, blocks: number, at: (p: number) => unknown, cmp: Compare, bounds: Int32Array, outStart: Int32Array): void {
  const B = blocks;
  const ranges = Array.from({ length: B }, (_, i) => blockRange(i, B, n));
  const S = 8 * B;
  const samples: { v: unknown; b: number; p: number }[] = [];
  for (let i = 0; i < B; i++) {
    const [lo, hi] = ranges[i]!;
    if (hi === lo) continue;
    for (let k = 0; k < S; k++) {
      const p = lo + Math.floor(((k + 0.5) * (hi - lo)) / S);
      samples.push({ v: at(p), b: i, p });
    }
  }
  const order = (x: { v: unknown; b: number; p: number }, y: { v: unknown; b: number; p: number }) => cmp(x.v, y.v) || x.b - y.b || x.p - y.p;
  samples.sort(order);
  for (let i = 0; i < B; i++) {
    bounds[i * (B + 1)] = ranges[i]![0];
    bounds[i * (B + 1) + B] = ranges[i]![1];
  }
  for (let j = 1; j < B; j++) {
    const s = samples[Math.floor((j * samples.length) / B)]!;
    for (let i = 0; i < B; i++) {
      // First position of block i that comes after the splitter in (value, block, position) order.
      let lo = Math.max(ranges[i]![0], bounds[i * (B + 1) + j - 1]!);
      let hi = ranges[i]![1];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const c = cmp(at(mid), s.v);
        const before = c < 0 || (c === 0 && (i < s.b || (i === s.b && mid <= s.p)));
        if (before) lo = mid + 1;
        else hi = mid;
      }
      bounds[i * (B + 1) + j] = lo;
    }
  }
  let total = 0;
  for (let j = 0; j < B; j++) {
    outStart[j] = total;
    for (let i = 0; i < B; i++) total += bounds[i * (B + 1) + j + 1]! - bounds[i * (B + 1) + j]!;
  }
  outStart[B] = total;
}
