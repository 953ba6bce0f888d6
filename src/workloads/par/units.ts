/**
 * Main-side runner for loops over independent work units (tiles, chunks, batches,
 * i-blocks): the units go to the pool as tasks under a {@link Schedule}, and the tasks'
 * results come back in unit order, whatever order they finished in.
 */
import { shared, type TaskOptions } from 'tessera';
import { ProgressSum } from './progress.js';
import { blockRange, type Schedule } from './schedule.js';

/**
 * Submits the units `[u0, u1)` as one task with `options` (pass them to the remote
 * function's `.with(options)`) and resolves to the task's result.
 */
export type UnitTask<R> = (u0: number, u1: number, options: TaskOptions) => Promise<R>;

/** The tasks of a {@link runUnits} call: their unit ranges and results, in unit order. */
export interface UnitRun<R> {
  /** `[u0, u1)` of each task, ascending and covering `[0, units)`. */
  ranges: [number, number][];
  /** Result of each task, in the order of `ranges`. */
  results: R[];
}

/**
 * Runs `units` work units on the pool.
 *
 * - `static`: one task per thread, each with a contiguous block of units
 *   ({@link blockRange}); the tasks report their own progress (`currentTask().progress`)
 *   while they run, and a finished task counts as complete.
 * - `dynamic`: one task per unit; the pool's work stealing balances them, progress is
 *   counted as tasks complete.
 * @param units number of work units (≥ 0)
 * @param threads the pool's thread count
 * @param schedule the policy
 * @param task submits one range of units
 * @param onProgress the caller's progress callback, in units
 * @returns the ranges and the results in unit order
 */
export async function runUnits<R>(
  units: number,
  threads: number,
  schedule: Schedule,
  task: UnitTask<R>,
  onProgress?: (done: number, total: number) => void,
): Promise<UnitRun<R>> {
  const ranges: [number, number][] = [];
  if (schedule === 'static') {
    const parts = Math.min(threads, units);
    for (let p = 0; p < parts; p++) ranges.push(blockRange(units, parts, p));
  } else {
    for (let u = 0; u < units; u++) ranges.push([u, u + 1]);
  }
  const progress = onProgress === undefined ? undefined : new ProgressSum(ranges.length, units, onProgress);
  const results = await Promise.all(
    ranges.map(([u0, u1], i) => {
      if (progress === undefined) return task(u0, u1, {});
      if (schedule === 'static') {
        return task(u0, u1, { onProgress: progress.part(i) }).then((r) => {
          progress.finish(i, u1 - u0);
          return r;
        });
      }
      return task(u0, u1, {}).then((r) => {
        progress.add(u1 - u0);
        return r;
      });
    }),
  );
  return { ranges, results };
}

/** What a task of {@link runClaimed} returns: its own result and how many units it ran. */
export interface Claimed<R> {
  value: R;
  units: number;
}

/**
 * Runs `units` work units under the `dynamic` policy as OpenMP's `schedule(dynamic, 1)`
 * does: one task per thread (at most one per unit), each claiming units one at a time from
 * a shared counter (`claimUnits` in `claim-worker.ts`) until none are left. Whichever
 * thread is free takes the next unit, as with one task per unit, but a claim is one atomic
 * add instead of a pool round trip (~25–40 µs per queued task here), and a task that
 * starts late simply finds fewer units left.
 * @param units number of work units (≥ 0)
 * @param threads the pool's thread count
 * @param task submits one task claiming from `counter` (a shared `Int32Array` of one element)
 * @param onProgress the caller's progress callback, in units
 * @returns the tasks' values (in task order: which units each ran depends on timing, so
 * combine them only in ways that do not depend on it, e.g. sums of integers)
 */
export async function runClaimed<R>(
  units: number,
  threads: number,
  task: (counter: Int32Array, options: TaskOptions) => Promise<Claimed<R>>,
  onProgress?: (done: number, total: number) => void,
): Promise<R[]> {
  const counter = shared.int32(1);
  const tasks = Math.max(1, Math.min(threads, units));
  const progress = onProgress === undefined ? undefined : new ProgressSum(tasks, units, onProgress);
  const results = await Promise.all(
    Array.from({ length: tasks }, async (_, i) => {
      const r = await task(counter, progress === undefined ? {} : { onProgress: progress.part(i) });
      progress?.finish(i, r.units);
      return r.value;
    }),
  );
  return results;
}
