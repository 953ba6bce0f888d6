/**
 * Main-side runner for SPMD teams: one task per thread, all running at once (each is
 * pinned to its own worker), that step through an iterative computation together and
 * meet at a barrier between phases — the OpenMP `parallel` region, written with Tessera's
 * public API (the barrier is a few words of `shared` memory and `Atomics`, see
 * `team-worker.ts`). Used where per-iteration task dispatch would cost more than a
 * barrier (heat2d sweeps, n-body steps, conjugate-gradient phases).
 *
 * The worker side is `team-worker.ts`.
 */
import { shared, type TaskOptions } from 'tessera';
import type { Schedule } from './schedule.js';

/** What each rank of a team receives (structured-cloneable; shared memory travels as handles). */
export interface TeamArgs {
  /** This task's rank, 0 … size−1 (also the worker it is pinned to). */
  rank: number;
  /** Number of ranks. */
  size: number;
  /** How each phase's units are split (see `Team.forUnits`). */
  schedule: Schedule;
  /** The team's barrier: arrivals and generation (see `Team.sync`). */
  barrier: Int32Array;
  /** Two shared unit counters for `dynamic` phases (even and odd phases alternate). */
  counters: Int32Array;
}

/** Submits rank `team.rank`'s task with `options` (pass them to the remote function's `.with`). */
export type TeamTask<R> = (team: TeamArgs, options: TaskOptions) => Promise<R>;

/**
 * Runs a team of `size` ranks, rank r pinned to worker r, and resolves to their results in
 * rank order. Rank 0 carries `onProgress`. If a rank fails, the others are cancelled (they
 * may be blocked at the barrier; the pool terminates them after its cancel grace period)
 * and the first error is thrown.
 * @param size ranks; at most the pool's thread count (ranks must run at the same time)
 * @param schedule policy of the team's phases
 * @param task submits one rank
 * @param onProgress progress callback, fed by rank 0 while it runs
 * @param total the units rank 0 counts to: reported as done when the team finishes
 */
export async function runTeam<R>(size: number, schedule: Schedule, task: TeamTask<R>, onProgress?: (done: number, total: number) => void, total?: number): Promise<R[]> {
  const barrier = shared.int32(2);
  const counters = shared.int32(2);
  const abort = new AbortController();
  const runs = Array.from({ length: size }, (_, rank) => {
    const options: TaskOptions = { worker: rank, signal: abort.signal };
    if (rank === 0 && onProgress !== undefined) options.onProgress = onProgress;
    return task({ rank, size, schedule, barrier, counters }, options);
  });
  for (const r of runs) r.catch((e: unknown) => abort.abort(e));
  const results = await Promise.all(runs);
  if (onProgress !== undefined && total !== undefined) onProgress(total, total);
  return results;
}
