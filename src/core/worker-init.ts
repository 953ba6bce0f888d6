/**
 * What a worker receives when it starts (its `workerData`).
 */
import type { PlatformPort } from '../platform/platform.js';
import type { CallableDef } from './control.js';
import type { PoolLayout } from './layout.js';
import type { ResolvedIdleStrategy } from './sleep.js';

export interface WorkerInit {
  /** This worker's index (0-based); its deque and join slots are the index's. */
  index: number;
  layout: PoolLayout;
  ctl: SharedArrayBuffer;
  slots: SharedArrayBuffer;
  heap: SharedArrayBuffer;
  /** Float64 per worker: [busy ms, idle ms]. */
  stats: SharedArrayBuffer;
  /** This worker's end of its control channel with the main thread. */
  port: PlatformPort;
  /** Everything defined before this worker started. */
  callables: [number, CallableDef][];
  buffers: [number, SharedArrayBuffer][];
  /** Ids among `buffers` being released: they resolve, but sharing their buffer again gets a new id. */
  releasing: number[];
  modules: [number, string][];
  /** Imported before any task module (see Platform.workerPreloads). */
  preloads: { url: string; register: boolean }[];
  idle: ResolvedIdleStrategy;
  /** This thread's id for the sync layer (lock ownership, deadlock reports); unique per process. */
  threadId: number;
  /** Exit after this long without work (the pool restarts it on demand). */
  idleTimeoutMs: number;
}

/** Float64 stats words per worker. */
export const STATS_WORDS = 2;
export const STAT_BUSY_MS = 0;
export const STAT_IDLE_MS = 1;
