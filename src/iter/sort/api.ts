/**
 * `pool.sort(array, compare?)` and `pool.sortUnstable(array, compare?)`:
 * parallel sorts whose result equals the sequential sort.
 *
 * | array | compare | `sort` (stable) | `sortUnstable` |
 * | --- | --- | --- | --- |
 * | float64/float32/(big)int/uint 32-64-bit typed array | none | LSD radix sort (radix.ts) | the same (stable is also unstable) |
 * | 8/16-bit typed array, or any typed array | given | merge sort (merge.ts) | sample sort (sample.ts) |
 * | array of anything | optional (default: as `Array.prototype.sort`) | merge sort of indices | the same |
 *
 * Typed arrays are sorted in place: a shared one where it lies, an ordinary
 * one through a shared scratch copy (one `memcpy` each way). Arrays are
 * sorted in place as `Array.prototype.sort` does (`undefined` last), with
 * their values serialized once to the workers. Arrays shorter than
 * `threshold` are sorted on the main thread.
 */
import type { Pool } from '../../core/pool.js';
import { elementKindOf, isShared, type AnyTypedArray, type ElementKind } from '../../memory/shared-array.js';
import { checkInteger, checkOptions } from '../../shared/check.js';
import { CancelledError, InvalidArgumentError } from '../../shared/errors.js';
import { fnDesc, mainThreadKernel, type Kernel } from '../kernel.js';
import { runtimeOf } from '../plumbing/bridge.js';
import type { ScratchBlock } from '../plumbing/control.js';
import { serializeObjects } from '../source.js';
import { ascending, splitPieces, type Compare, type MergeJob } from './merge.js';
import { BUCKETS, RADIX_KINDS, digitsOf, scatterOffsets, wordsOf, type RadixJob, type RadixKind } from './radix.js';
import type { SampleJob } from './sample.js';

/** Options of `pool.sort` / `pool.sortUnstable`. */
export interface SortOptions<C = undefined> {
  /** Arrays shorter than this are sorted on the main thread. @default 16384 */
  threshold?: number;
  /** The value the comparator receives as its third argument. */
  context?: C;
  /** Cancels the sort between rounds (the array then holds a permutation of its elements). */
  signal?: AbortSignal;
}

/** A comparator: negative when `a` sorts before `b`. */
export type Comparator<T, C = undefined> = Kernel<(a: T, b: T, context: C) => number>;

const DEFAULT_THRESHOLD = 16384;

type Rt = ReturnType<typeof runtimeOf>;

/** Runs one round: `fn(job, r)` for r in `[0, runners)`, on the pool. */
async function round(runs: (r: number) => Promise<unknown>, runners: number, signal: AbortSignal | undefined): Promise<void> {
  const ps: Promise<unknown>[] = [];
  for (let r = 0; r < runners; r++) ps.push(runs(r));
  const settled = await Promise.allSettled(ps);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  if (signal?.aborted) throw new CancelledError('The sort was cancelled', { cause: signal.reason });
}

/** Shared scratch arrays for one sort, returned to the pool at the end. */
class Scratch {
  readonly taken: ScratchBlock[] = [];
  constructor(private readonly rt: Rt) {}
  array<A>(Ctor: new (b: SharedArrayBuffer, o: number, l: number) => A, bytesPer: number, length: number): A {
    const b = this.rt.scratch.take(Math.max(1, length * bytesPer));
    this.taken.push(b);
    return new Ctor(b.sab, 0, length);
  }
  release(): void {
    for (const b of this.taken) this.rt.scratch.give(b);
    this.taken.length = 0;
  }
}

function checkSortOptions(options: unknown): SortOptions<unknown> {
  const o = checkOptions('options', options);
  for (const k of Object.keys(o)) if (!['threshold', 'context', 'signal'].includes(k)) throw new InvalidArgumentError(`options.${k}`, o[k], 'one of threshold, context, signal');
  if (o.threshold !== undefined) checkInteger('options.threshold', o.threshold, 0);
  return o;
}

/** The main-thread form of a comparator, with its context bound. */
async function mainCompare(compare: Comparator<any, any> | undefined, context: unknown): Promise<Compare | undefined> {
  if (compare === undefined) return undefined;
  const f = await mainThreadKernel(compare);
  return (a, b) => f(a, b, context);
}

/**
 * Sorts `array` in place on the pool; resolves to `array`.
 * @param stable false for `sortUnstable`
 */
export async function parallelSort<T>(pool: Pool, array: T, compare: Comparator<any, any> | undefined, options: SortOptions<any> | undefined, stable: boolean): Promise<T> {
  const o = checkSortOptions(options);
  const cmpDesc = compare === undefined ? undefined : fnDesc('compare', compare);
  const threshold = o.threshold ?? DEFAULT_THRESHOLD;
  if (o.signal?.aborted) throw new CancelledError('The sort was cancelled before it started', { cause: o.signal.reason });
  const kind = elementKindOf(array);
  if (kind === undefined && !Array.isArray(array)) throw new InvalidArgumentError('array', array, 'an array or a typed array');
  const cmp = await mainCompare(compare, o.context);
  if (kind === undefined) {
    const a = array as unknown as unknown[];
    if (a.length < Math.max(2, threshold)) {
      a.sort(cmp);
      return array;
    }
    await sortObjects(pool, a, cmp, cmpDesc, o);
    return array;
  }
  const typed = array as unknown as AnyTypedArray;
  if (typed.length < Math.max(2, threshold)) {
    (typed as Float64Array).sort(cmp);
    return array;
  }
  const rt = runtimeOf(pool);
  const scratch = new Scratch(rt);
  try {
    let data = typed;
    if (!isShared(typed)) {
      const Ctor = typed.constructor as new (b: SharedArrayBuffer, o: number, l: number) => AnyTypedArray;
      data = scratch.array(Ctor, typed.BYTES_PER_ELEMENT, typed.length);
      (data as Uint8Array).set(typed as unknown as Uint8Array);
    }
    if (cmpDesc === undefined && RADIX_KINDS.has(kind)) await radixSort(pool, rt, scratch, data, kind as RadixKind, o.signal);
    else if (stable) await mergeSortTyped(pool, rt, scratch, data, cmp ?? ascending, cmpDesc, o);
    else await sampleSort(pool, rt, scratch, data, kind, cmp ?? ascending, cmpDesc, o);
    if (data !== typed) (typed as Uint8Array).set(data as unknown as Uint8Array);
  } finally {
    scratch.release();
  }
  return array;
}

function blocksFor(pool: Pool, n: number): number {
  return Math.max(1, Math.min(pool.threads, Math.floor(n / 1024)));
}

async function radixSort(pool: Pool, rt: Rt, scratch: Scratch, a: AnyTypedArray, kind: RadixKind, signal: AbortSignal | undefined): Promise<void> {
  const k = await rt.kernel();
  const n = a.length;
  const words = wordsOf(kind);
  const digits = digitsOf(kind);
  const B = blocksFor(pool, n);
  const job: RadixJob = {
    kind,
    a: new Uint32Array(a.buffer, a.byteOffset, n * words),
    t: scratch.array(Uint32Array, 4, n * words),
    n,
    blocks: B,
    hist: scratch.array(Int32Array, 4, B * digits * BUCKETS),
    count: scratch.array(Int32Array, 4, B * BUCKETS),
    offs: scratch.array(Int32Array, 4, B * BUCKETS),
  };
  await round((r) => k.radixPrep(job, r), B, signal);
  const passes: number[] = [];
  for (let d = 0; d < digits; d++) {
    let trivial = false;
    for (let b = 0; b < BUCKETS && !trivial; b++) {
      let c = 0;
      for (let r = 0; r < B; r++) c += job.hist[(r * digits + d) * BUCKETS + b]!;
      trivial = c === n;
    }
    if (!trivial) passes.push(d);
  }
  let inT = false;
  for (let p = 0; p < passes.length; p++) {
    const digit = passes[p]!;
    // Before the second pass the caller's array still holds its own values: cancelling leaves it as it was.
    if (p <= 1 && signal?.aborted) throw new CancelledError('The sort was cancelled', { cause: signal.reason });
    if (p === 0 || B === 1) {
      scatterOffsets(job.offs, B, (r, b) => job.hist[(r * digits + digit) * BUCKETS + b]!);
    } else {
      await round((r) => k.radixHist(job, r, digit, inT), B, undefined);
      scatterOffsets(job.offs, B, (r, b) => job.count[r * BUCKETS + b]!);
    }
    const pass = { digit, inT, first: p === 0, last: p === passes.length - 1 };
    await round((r) => k.radixScatter(job, r, pass), B, undefined);
    inT = !inT;
  }
  if (inT) await round((r) => k.radixCopy(job, r), B, undefined);
}

async function mergeSortTyped(pool: Pool, rt: Rt, scratch: Scratch, a: AnyTypedArray, cmp: Compare, cmpDesc: MergeJob['cmp'], o: SortOptions<unknown>): Promise<void> {
  const k = await rt.kernel();
  const n = a.length;
  const B = blocksFor(pool, n);
  const Ctor = a.constructor as new (b: SharedArrayBuffer, o: number, l: number) => AnyTypedArray;
  const job: MergeJob = {
    n,
    blocks: B,
    bounds: scratch.array(Int32Array, 4, B * (B + 1)),
    outStart: scratch.array(Int32Array, 4, B + 1),
    cmp: cmpDesc,
    context: o.context,
    a,
    t: scratch.array(Ctor, a.BYTES_PER_ELEMENT, n),
  };
  await round((r) => k.mergeLeaf(job, r), B, o.signal);
  splitPieces(n, B, (p) => a[p], cmp, job.bounds, job.outStart);
  await round((r) => k.mergePiece(job, r), B, o.signal);
  await round(async (r) => k.mergeCopy(job, r), B, undefined);
}

async function sampleSort(pool: Pool, rt: Rt, scratch: Scratch, a: AnyTypedArray, kind: ElementKind, cmp: Compare, cmpDesc: MergeJob['cmp'], o: SortOptions<unknown>): Promise<void> {
  const k = await rt.kernel();
  const n = a.length;
  const B = blocksFor(pool, n);
  const Ctor = a.constructor as new (b: SharedArrayBuffer, o: number, l: number) => AnyTypedArray;
  // Regular sample, sorted here; splitters at evenly spaced ranks.
  const S = Math.min(n, 64 * B);
  const sample: unknown[] = [];
  for (let i = 0; i < S; i++) sample.push(a[Math.floor(((i + 0.5) * n) / S)]);
  sample.sort(cmp);
  const splitters = scratch.array(Ctor, a.BYTES_PER_ELEMENT, B - 1);
  for (let j = 1; j < B; j++) (splitters as unknown as unknown[])[j - 1] = sample[Math.floor((j * S) / B)];
  void kind;
  const job: SampleJob = {
    a,
    t: scratch.array(Ctor, a.BYTES_PER_ELEMENT, n),
    n,
    blocks: B,
    splitters,
    counts: scratch.array(Int32Array, 4, B * B),
    offs: scratch.array(Int32Array, 4, B * B),
    bucketStart: scratch.array(Int32Array, 4, B + 1),
    cmp: cmpDesc,
    context: o.context,
  };
  await round((r) => k.sampleCount(job, r), B, o.signal);
  let at = 0;
  for (let b = 0; b < B; b++) {
    job.bucketStart[b] = at;
    for (let r = 0; r < B; r++) {
      job.offs[r * B + b] = at;
      at += job.counts[r * B + b]!;
    }
  }
  job.bucketStart[B] = at;
  await round((r) => k.sampleScatter(job, r), B, o.signal);
  await round((r) => k.sampleBucket(job, r), B, undefined);
}

/** `Array.prototype.sort`'s default order: by string value. */
function stringOrder(a: unknown, b: unknown): number {
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

async function sortObjects(pool: Pool, array: unknown[], cmp: Compare | undefined, cmpDesc: MergeJob['cmp'], o: SortOptions<unknown>): Promise<void> {
  // As Array.prototype.sort: undefined values (and holes) go last, unseen by the comparator.
  const values: unknown[] = [];
  let undef = 0;
  for (let i = 0; i < array.length; i++) {
    const v = array[i];
    if (v === undefined) undef++;
    else values.push(v);
  }
  const rt = runtimeOf(pool);
  const k = await rt.kernel();
  const scratch = new Scratch(rt);
  try {
    const n = values.length;
    const B = blocksFor(pool, n);
    const src = serializeObjects(values, rt.scratch, scratch.taken);
    const desc = cmpDesc ?? { src: stringOrder.toString() };
    const job: MergeJob = {
      n,
      blocks: B,
      bounds: scratch.array(Int32Array, 4, B * (B + 1)),
      outStart: scratch.array(Int32Array, 4, B + 1),
      cmp: desc,
      context: o.context,
      src,
      perm: scratch.array(Int32Array, 4, n),
      order: scratch.array(Int32Array, 4, n),
    };
    await round((r) => k.mergeLeaf(job, r), B, o.signal);
    const perm = job.perm!;
    splitPieces(n, B, (p) => values[perm[p]!], cmp ?? stringOrder, job.bounds, job.outStart);
    await round((r) => k.mergePiece(job, r), B, o.signal);
    const order = job.order!;
    for (let i = 0; i < n; i++) array[i] = values[order[i]!];
    for (let i = n; i < n + undef; i++) array[i] = undefined;
  } finally {
    scratch.release();
  }
}
