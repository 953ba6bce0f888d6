/**
 * sort on the pool (WORKLOADS.md §7): the array (shared memory) is cut into blocks that
 * workers sort in place with `Float64Array.prototype.sort()`, then rounds of pairwise
 * merges ping-pong between the array and a shared buffer of the same size. Each merge is
 * cut into pieces by merge path (co-ranks found by binary search), so every round is
 * parallel, the last one included. The sorted array is identical to the reference's.
 *
 * `static` (the default): one block per thread and about one merge piece per thread per
 * round; `dynamic`: four blocks and pieces per thread, balanced by work stealing.
 */
import { shared, type Pool } from 'tessera';
import { checkSchedule, type ParallelOptions } from '../par/schedule.js';
import { generateValues, isAscending, sortChecksum } from './kernel.js';
import { resolveSortParams, type SortOutputs, type SortParams } from './params.js';

/** Pieces per thread of the `dynamic` schedule (blocks and merge pieces). */
const DYNAMIC_PIECES_PER_THREAD = 4;

/** One task of the plan. */
type Step =
  | { kind: 'sort'; lo: number; hi: number }
  | { kind: 'merge'; aLo: number; aHi: number; bHi: number; k0: number; k1: number }
  | { kind: 'copy'; lo: number; hi: number };

/**
 * The tasks of a parallel sort of `n` values in `pieces` blocks: phase 0 sorts the
 * blocks; each later phase merges adjacent runs pairwise (each merge cut into pieces of
 * about n/pieces outputs) from one buffer to the other.
 */
export function sortPlan(n: number, pieces: number): Step[][] {
  const blocks = Math.max(1, Math.min(pieces, n));
  let runs: [number, number][] = [];
  for (let p = 0; p < blocks; p++) runs.push([Math.floor((n * p) / blocks), Math.floor((n * (p + 1)) / blocks)]);
  const phases: Step[][] = [runs.map(([lo, hi]) => ({ kind: 'sort' as const, lo, hi }))];
  while (runs.length > 1) {
    const steps: Step[] = [];
    const next: [number, number][] = [];
    for (let r = 0; r < runs.length; r += 2) {
      const [aLo, aHi] = runs[r]!;
      const b = runs[r + 1];
      if (b === undefined) {
        steps.push({ kind: 'copy', lo: aLo, hi: aHi });
        next.push([aLo, aHi]);
        continue;
      }
      const bHi = b[1];
      const len = bHi - aLo;
      const count = Math.max(1, Math.round((pieces * len) / n));
      for (let q = 0; q < count; q++) steps.push({ kind: 'merge', aLo, aHi, bHi, k0: Math.floor((len * q) / count), k1: Math.floor((len * (q + 1)) / count) });
      next.push([aLo, bHi]);
    }
    phases.push(steps);
    runs = next;
  }
  return phases;
}

/**
 * Generates the spec's N values and sorts them on `pool`; every output equals
 * {@link sortSequential}'s (the sorted arrays are identical).
 * @param pool the pool to run on
 * @param options N and key (spec defaults 2·10^7, 12345)
 * @param par schedule (default `static`) and progress (in tasks)
 * @param out pass it to keep the sorted array (`out.values`, shared memory)
 * @throws RangeError for invalid sizes
 */
export async function sortParallel(pool: Pool, options: Partial<SortParams> = {}, par: ParallelOptions = {}, out?: { values?: Float64Array }): Promise<SortOutputs> {
  const p = resolveSortParams(options);
  const schedule = checkSchedule(par.schedule ?? 'static');
  const k = await pool.load<typeof import('./tasks.js')>(new URL('./tasks.js', import.meta.url));
  const values = shared.float64(p.n);
  const g0 = performance.now();
  generateValues(values, p.seed);
  const generateSeconds = (performance.now() - g0) / 1000;
  const pieces = pool.threads * (schedule === 'static' ? 1 : DYNAMIC_PIECES_PER_THREAD);
  const plan = sortPlan(p.n, pieces);
  const other = plan.length > 1 ? shared.float64(p.n) : values;
  const total = plan.reduce((s, ph) => s + ph.length, 0);
  let done = 0;
  const t0 = performance.now();
  let src = values;
  let dst = other;
  for (const [phase, steps] of plan.entries()) {
    await Promise.all(
      steps.map(async (s) => {
        if (s.kind === 'sort') await k.sortBlock(src, s.lo, s.hi);
        else if (s.kind === 'merge') await k.mergePiece(src, dst, s.aLo, s.aHi, s.aHi, s.bHi, s.k0, s.k1);
        else await k.copyRange(src, dst, s.lo, s.hi);
        par.onProgress?.(++done, total);
      }),
    );
    if (phase > 0) [src, dst] = [dst, src];
  }
  const seconds = (performance.now() - t0) / 1000;
  const a = src;
  if (out) out.values = a;
  return {
    sorted: isAscending(a),
    checksum: sortChecksum(a),
    first: a[0]!,
    middle: a[Math.floor(p.n / 2)]!,
    last: a[p.n - 1]!,
    seconds,
    generateSeconds,
  };
}
