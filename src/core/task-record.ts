/**
 * The main thread's record of one task submitted to the pool.
 *
 * Every outstanding task keeps one alive until it settles, and with 100k tasks in
 * flight they are what the young-generation GC copies: the common case (no signal,
 * timeout or progress callback, one argument) therefore carries only the fields
 * every task needs, and the rest lives in an optional {@link TaskExtras}.
 */

/** What only some tasks need (cancellation, time limit, progress). */
export interface TaskExtras {
  /** Set when cancelled or timed out while running: the rejection already given. */
  abortReason: Error | undefined;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  onProgress: ((done: number, total: number) => void) | undefined;
}

/** A task as the main thread tracks it, from `run` until it settles and frees its slot. */
export class TaskRecord {
  /** Slot index while dispatched, else -1. */
  slot = -1;
  gen = 0;
  attempt = 0;
  settled = false;
  ext: TaskExtras | undefined = undefined;

  constructor(
    readonly callable: number,
    /** The argument list, or `undefined` when the task has exactly one argument, {@link arg}. */
    public args: unknown[] | undefined,
    public arg: unknown,
    readonly resolve: (v: unknown) => void,
    readonly reject: (e: unknown) => void,
    readonly retries: number,
    /** Worker the task is pinned to, or -1. */
    readonly worker: number,
  ) {}

  /** The optional fields, created on first use. */
  extras(): TaskExtras {
    return (this.ext ??= { abortReason: undefined, signal: undefined, onAbort: undefined, timer: undefined, onProgress: undefined });
  }

  /** The rejection already given to a task cancelled while it ran, if any. */
  get abortReason(): Error | undefined {
    return this.ext?.abortReason;
  }

  /** Drops the arguments and detaches the signal and timer (on settle). */
  release(): void {
    this.args = undefined;
    this.arg = undefined;
    const x = this.ext;
    if (x === undefined) return;
    if (x.timer !== undefined) clearTimeout(x.timer);
    if (x.onAbort !== undefined) x.signal?.removeEventListener('abort', x.onAbort);
  }
}
