/**
 * The context of the task a worker is running: its `context` value, its
 * cancellation state and its identity. Inline functions receive it as their
 * second parameter; task-module functions call {@link currentTask}.
 */
import { TesseraError } from '../shared/errors.js';
import { CancelledError } from '../shared/errors.js';
import { load } from '../memory/atomics.js';

/** What a running task can see about itself. */
export interface TaskContext<C = unknown> {
  /** The `context` value passed to `run` (inline functions), else `undefined`. */
  readonly context: C;
  /**
   * True once the caller cancelled the task (its `AbortSignal` fired or its
   * timeout expired). A synchronous task polls this (or calls
   * {@link throwIfCancelled}) to stop early; if it does not stop, the worker
   * is terminated after the pool's `cancelGraceMs`.
   */
  readonly cancelled: boolean;
  /**
   * An `AbortSignal` that fires when the task is cancelled. Asynchronous tasks
   * can pass it on (e.g. to `fetch`); inside a synchronous loop, poll
   * {@link cancelled} instead, since no event can fire while the loop runs.
   */
  readonly signal: AbortSignal;
  /** Throws a `CancelledError` if the task was cancelled. */
  throwIfCancelled(): void;
  /** Index of the worker running the task (0-based). */
  readonly workerIndex: number;
  /** 0 on the first run, then 1, 2… when the task is retried after a worker crash. */
  readonly attempt: number;
  /**
   * Reports progress to the caller's `onProgress` option (a message to the
   * main thread per call: report every few milliseconds, not per element).
   * @param done units done so far
   * @param total units in all
   */
  progress(done: number, total: number): void;
}

/** Where a running task's progress goes (the worker runtime posts it to the main thread). */
export type ProgressSink = (slot: number, gen: number, done: number, total: number) => void;

/** The worker-side implementation; `cancelFlag` reads the slot's shared cancel word. */
export class RunningTask<C = unknown> implements TaskContext<C> {
  private controller: AbortController | undefined;

  /**
   * @param words the slot words
   * @param cancelWord index of the slot's S_CANCEL word in `words`
   */
  constructor(
    readonly context: C,
    readonly workerIndex: number,
    readonly attempt: number,
    private readonly words: Int32Array,
    private readonly cancelWord: number,
    private readonly slot = -1,
    private readonly gen = 0,
    private readonly sink: ProgressSink | undefined = undefined,
  ) {}

  progress(done: number, total: number): void {
    this.sink?.(this.slot, this.gen, done, total);
  }

  get cancelled(): boolean {
    const c = load(this.words, this.cancelWord) !== 0;
    if (c && this.controller !== undefined && !this.controller.signal.aborted) this.controller.abort(new CancelledError('The task was cancelled'));
    return c;
  }

  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    void this.cancelled;
    return this.controller.signal;
  }

  throwIfCancelled(): void {
    if (this.cancelled) throw new CancelledError('The task was cancelled');
  }

  /** Fires the signal if the task was cancelled meanwhile (polled while an async task awaits). */
  poll(): void {
    if (this.controller !== undefined) void this.cancelled;
  }
}

/**
 * The tasks this worker is running (innermost last), on `globalThis`: the worker's bundled
 * runtime enters them, and `currentTask()` imported from the package reads them.
 */
const stack = ((globalThis as Record<symbol, unknown>)[Symbol.for('tessera.taskStack')] ??= []) as RunningTask[];

/** Makes `t` the current task (worker runtime only). */
export function enterTask(t: RunningTask): void {
  stack.push(t);
}

/** Leaves the current task (worker runtime only). */
export function leaveTask(): void {
  stack.pop();
}

/**
 * The context of the task running in this worker. Call it from a task-module
 * function (synchronously, before any `await`, or keep the returned object).
 * @throws TesseraError `ERR_NO_TASK` outside a task.
 * @example
 * export function work(n: number) {
 *   const task = currentTask();
 *   for (let i = 0; i < n; i++) { if (i % 1024 === 0) task.throwIfCancelled(); … }
 * }
 */
export function currentTask<C = unknown>(): TaskContext<C> {
  const t = stack[stack.length - 1];
  if (t === undefined) throw new TesseraError('ERR_NO_TASK', 'currentTask() was called outside a task running on a Tessera worker');
  return t as TaskContext<C>;
}
