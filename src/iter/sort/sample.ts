/**
 * Parallel unstable sort of typed arrays (sample sort), worker side:
 *
 * 1. main thread: `blocks - 1` splitters from a regular sample;
 * 2. `count`: block r counts its elements per bucket (bucket of x = number
 *    of splitters s with `compare(s, x) <= 0`, so equal elements share a bucket);
 * 3. main thread: each block's offset in each bucket;
 * 4. `scatter`: block r moves its elements to the scratch array;
 * 5. `bucket`: runner r sorts bucket r with the native sort and copies it
 *    back — buckets are independent, so no further merging is needed.
 *
 * Equal elements may end up in any order (unstable); for numbers without a
 * comparator equal elements are indistinguishable, so the result equals the
 * sequential sort.
 */
import type { AnyTypedArray } from '../../memory/shared-array.js';
import type { FnDesc } from '../plumbing/plan.js';
import { importModules, resolveFn } from '../plumbing/resolve.js';
import { ascending, type Compare } from './merge.js';
import { blockRange } from './radix.js';

/** Shared by every sample-sort round. */
export interface SampleJob {
  readonly a: AnyTypedArray;
  readonly t: AnyTypedArray;
  readonly n: number;
  readonly blocks: number;
  /** `blocks - 1` splitters, ascending. */
  readonly splitters: AnyTypedArray;
  /** `counts[r * blocks + b]`: elements of block r in bucket b. */
  readonly counts: Int32Array;
  /** `offs[r * blocks + b]`: where block r's elements of bucket b go. */
  readonly offs: Int32Array;
  /** `bucketStart[b]`, with `bucketStart[blocks] = n`. */
  readonly bucketStart: Int32Array;
  readonly cmp: FnDesc | undefined;
  readonly context: unknown;
}

async function comparator(job: SampleJob): Promise<Compare> {
  if (job.cmp === undefined) return ascending;
  if ('module' in job.cmp) await importModules([job.cmp.module]);
  const f = resolveFn(job.cmp);
  const c = job.context;
  return (x, y) => f(x, y, c) as number;
}

function bucketOf(s: ArrayLike<unknown>, x: unknown, cmp: Compare): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(s[mid], x) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counts block r's elements per bucket. */
export async function sampleCount(job: SampleJob, r: number): Promise<void> {
  const cmp = await comparator(job);
  const [lo, hi] = blockRange(r, job.blocks, job.n);
  const B = job.blocks;
  const counts = new Int32Array(B);
  const a = job.a as Float64Array;
  for (let i = lo; i < hi; i++) counts[bucketOf(job.splitters, a[i], cmp)]!++;
  job.counts.set(counts, r * B);
}

/** Moves block r's elements into their buckets in the scratch array. */
export async function sampleScatter(job: SampleJob, r: number): Promise<void> {
  const cmp = await comparator(job);
  const [lo, hi] = blockRange(r, job.blocks, job.n);
  const B = job.blocks;
  const off = job.offs.slice(r * B, (r + 1) * B);
  const a = job.a as Float64Array;
  const t = job.t as Float64Array;
  for (let i = lo; i < hi; i++) {
    const x = a[i]!;
    t[off[bucketOf(job.splitters, x, cmp)]!++] = x;
  }
}

/** Sorts bucket r and copies it back. */
export async function sampleBucket(job: SampleJob, r: number): Promise<void> {
  const cmp = await comparator(job);
  const lo = job.bucketStart[r]!;
  const hi = job.bucketStart[r + 1]!;
  const bucket = (job.t as Float64Array).subarray(lo, hi);
  if (job.cmp === undefined) bucket.sort();
  else bucket.sort(cmp);
  (job.a as Float64Array).set(bucket, lo);
}
