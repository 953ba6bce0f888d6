/**
 * sort on the pool (WORKLOADS.md §7): an SPMD team sorts the array (shared memory) in
 * place. The array is cut into pieces; each is sorted with `Float64Array.prototype.sort()`
 * (in a private copy), then rounds of pairwise merges of adjacent runs follow, each merge
 * cut into pieces at merge-path co-ranks so that every round is parallel, the last one
 * included. Each piece of a round is merged into a private buffer of its rank and copied
 * back after a barrier (see `tasks.ts`). The sorted array is identical to the reference's.
 *
 * `static` (the default): one piece per thread; `dynamic`: four pieces per thread, claimed
 * from a shared counter in every phase.
 */
import { shared, type Pool } from 'tessera';
import { checkSchedule, type ParallelOptions } from '../par/schedule.js';
import { runTeam } from '../par/team.js';
import { generateValues, isAscending, sortChecksum } from './kernel.js';
import { resolveSortParams, type SortOutputs, type SortParams } from './params.js';
import { mergeRounds } from './tasks.js';

/** Pieces per thread of the `dynamic` schedule. */
const DYNAMIC_PIECES_PER_THREAD = 4;

/**
 * Generates the spec's N values and sorts them on `pool`; every output equals
 * {@link sortSequential}'s (the sorted arrays are identical).
 * @param pool the pool to run on
 * @param options N and key (spec defaults 2·10^7, 12345)
 * @param par schedule (default `static`) and progress (in phases: the block sorts, then each merge round)
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
  const pieces = Math.min(p.n, pool.threads * (schedule === 'static' ? 1 : DYNAMIC_PIECES_PER_THREAD));
  const t0 = performance.now();
  await runTeam(pool.threads, schedule, (team, o) => k.sortTeam.with(o)(team, values, p.n, pieces), par.onProgress, 1 + mergeRounds(pieces));
  const seconds = (performance.now() - t0) / 1000;
  const a = values;
  if (out) out.values = a;
  // The pool would keep the array for its lifetime otherwise (the caller's `out.values` stays valid).
  await pool.release(a);
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
