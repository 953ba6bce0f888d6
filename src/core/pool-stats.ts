/**
 * The counters `pool.stats()` reports, read from the pool's shared memory.
 */
import { load } from '../memory/atomics.js';
import type { Deque } from './deque.js';
import { W_TASKS_RUN, W_TASKS_STOLEN } from './layout.js';
import { STAT_BUSY_MS, STAT_IDLE_MS, STATS_WORDS } from './worker-init.js';
import type { WorkerSlot } from './worker-set.js';

/** Per-worker statistics from {@link Pool.stats}. */
export interface WorkerStats {
  index: number;
  /** Tasks run by this worker (including join halves). */
  tasksRun: number;
  /** Tasks this worker stole from another worker's deque. */
  tasksStolen: number;
  /** Milliseconds spent looking for or running work. */
  busyMs: number;
  /** Milliseconds spent spinning, yielding or parked without work. */
  idleMs: number;
  /** Tasks waiting in this worker's deque. */
  queueDepth: number;
  /** `running`, `stopped` (idle exit), `recovering` (being replaced) or `terminated`. */
  phase: string;
  /** Threads started at this index (more than 1 after crashes or idle exits). */
  incarnation: number;
}

/** Pool-wide statistics from {@link Pool.stats}. */
export interface PoolStats {
  threads: number;
  /** Tasks submitted from the main thread and not yet settled. */
  pending: number;
  /** Tasks waiting on the main thread for a free slot. */
  queuedOnMain: number;
  /** Tasks in the injector queue. */
  queuedShared: number;
  /** Tasks settled so far. */
  completed: number;
  /** Worker threads that crashed (and were replaced) so far. */
  crashes: number;
  workers: WorkerStats[];
}

/** Reads every worker's counters. */
export function workerStats(
  ctl: Int32Array,
  statsBuf: SharedArrayBuffer,
  threads: number,
  regionOf: (w: number) => number,
  deques: readonly Deque[],
  slots: readonly (WorkerSlot | undefined)[],
): WorkerStats[] {
  const times = new Float64Array(statsBuf);
  const workers: WorkerStats[] = [];
  for (let w = 0; w < threads; w++) {
    const r = regionOf(w);
    const s = slots[w];
    workers.push({
      index: w,
      tasksRun: load(ctl, r + W_TASKS_RUN) >>> 0,
      tasksStolen: load(ctl, r + W_TASKS_STOLEN) >>> 0,
      busyMs: times[w * STATS_WORDS + STAT_BUSY_MS]!,
      idleMs: times[w * STATS_WORDS + STAT_IDLE_MS]!,
      queueDepth: deques[w]!.size(),
      phase: s?.phase ?? 'stopped',
      incarnation: s?.incarnation ?? 0,
    });
  }
  return workers;
}
