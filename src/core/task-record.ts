/**
 * The main thread's record of one task submitted to the pool.
 */

/** A task as the main thread tracks it, from `run` until it settles and frees its slot. */
export interface TaskRecord {
  callable: number;
  args: unknown[];
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  /** Slot index while dispatched, else -1. */
  slot: number;
  gen: number;
  attempt: number;
  retries: number;
  settled: boolean;
  /** Set when cancelled or timed out while running: the rejection already given. */
  abortReason: Error | undefined;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Worker the task is pinned to, or -1. */
  worker: number;
  onProgress: ((done: number, total: number) => void) | undefined;
}
