/**
 * The pool's options, their defaults and their validation.
 */
import { platform } from '../platform/platform.js';
import { checkInteger, checkNumber, checkOneOf, checkOptions, checkString } from '../shared/check.js';
import { InvalidArgumentError } from '../shared/errors.js';
import type { IdleStrategy, ResolvedIdleStrategy } from './sleep.js';

/** Options of `new Pool(options)`. Every field is optional. */
export interface PoolOptions {
  /** Worker threads. @default os.availableParallelism() */
  threads?: number;
  /** Name of the worker threads (shown in debuggers and traces as `name#index`). @default "tessera" */
  name?: string;
  /**
   * A worker that has found no work for this long exits, and the pool starts
   * it again when work arrives; `Infinity` keeps workers parked. Parked
   * workers use no CPU either way. @default Infinity
   */
  idleTimeoutMs?: number;
  /**
   * Most tasks that may wait for a worker (tasks submitted and not yet
   * finished, beyond one per thread). @default Infinity
   */
  maxQueue?: number;
  /**
   * What `run` does when `maxQueue` tasks are waiting: `"reject"` rejects the
   * new task at once with `QueueFullError`; `"wait"` holds it on the main
   * thread until there is room. @default "reject"
   */
  queueFull?: 'wait' | 'reject';
  /** How idle workers wait for work: spin, then yield, then park. */
  idle?: IdleStrategy;
  /** Default per-task time limit in ms (a task's own `timeoutMs` overrides it). @default Infinity */
  timeoutMs?: number;
  /**
   * How long a running task may keep running after it was cancelled or timed
   * out before its worker is terminated (and replaced). @default 1000
   */
  cancelGraceMs?: number;
  /** Default number of retries of a task whose worker crashed. @default 0 */
  retries?: number;
  /** Task slots for tasks submitted from the main thread (more are queued on the main thread). @default 4096 */
  slots?: number;
  /** Largest size of the shared heap that holds large arguments and results. @default 1 GiB */
  maxHeapBytes?: number;
  /** Per-worker V8 heap limits (a worker that exceeds them crashes and is replaced). */
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number; stackSizeMb?: number };
}

/** {@link PoolOptions} after validation, with every default filled in. */
export interface ResolvedPoolOptions {
  threads: number;
  name: string;
  idleTimeoutMs: number;
  maxQueue: number;
  queueFull: 'wait' | 'reject';
  idle: ResolvedIdleStrategy;
  timeoutMs: number;
  cancelGraceMs: number;
  retries: number;
  slots: number;
  maxHeapBytes: number;
  resourceLimits: PoolOptions['resourceLimits'];
}

const KNOWN = new Set(['threads', 'name', 'idleTimeoutMs', 'maxQueue', 'queueFull', 'idle', 'timeoutMs', 'cancelGraceMs', 'retries', 'slots', 'maxHeapBytes', 'resourceLimits']);

/** Validates `options`; throws InvalidArgumentError naming the first bad field. */
export function resolvePoolOptions(options: unknown): ResolvedPoolOptions {
  const o = checkOptions('options', options);
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw new InvalidArgumentError(`options.${key}`, o[key], `one of the known options (${[...KNOWN].join(', ')})`);
  }
  const cores = platform().availableParallelism();
  const threads = o.threads === undefined ? cores : checkInteger('threads', o.threads, 1, 1024);
  const idle = checkOptions('idle', o.idle);
  for (const key of Object.keys(idle)) {
    if (!['spinMicros', 'yieldMicros', 'maxSpinners'].includes(key)) throw new InvalidArgumentError(`idle.${key}`, idle[key], 'one of spinMicros, yieldMicros, maxSpinners');
  }
  return {
    threads,
    name: o.name === undefined ? 'tessera' : checkString('name', o.name),
    idleTimeoutMs: o.idleTimeoutMs === undefined ? Infinity : checkNumber('idleTimeoutMs', o.idleTimeoutMs, 1, true),
    maxQueue: o.maxQueue === undefined ? Infinity : o.maxQueue === Infinity ? Infinity : checkInteger('maxQueue', o.maxQueue, 0),
    queueFull: o.queueFull === undefined ? 'reject' : checkOneOf('queueFull', o.queueFull, ['wait', 'reject'] as const),
    idle: {
      spinMicros: idle.spinMicros === undefined ? 50 : checkNumber('idle.spinMicros', idle.spinMicros, 0),
      yieldMicros: idle.yieldMicros === undefined ? 0 : checkNumber('idle.yieldMicros', idle.yieldMicros, 0),
      maxSpinners: idle.maxSpinners === undefined ? Math.max(0, cores - 2) : checkInteger('idle.maxSpinners', idle.maxSpinners, 0),
    },
    timeoutMs: o.timeoutMs === undefined ? Infinity : checkNumber('timeoutMs', o.timeoutMs, 0, true),
    cancelGraceMs: o.cancelGraceMs === undefined ? 1000 : checkNumber('cancelGraceMs', o.cancelGraceMs, 0),
    retries: o.retries === undefined ? 0 : checkInteger('retries', o.retries, 0, 100),
    slots: o.slots === undefined ? 4096 : checkInteger('slots', o.slots, 1, 1 << 18),
    maxHeapBytes: o.maxHeapBytes === undefined ? 1 << 30 : checkInteger('maxHeapBytes', o.maxHeapBytes, 1 << 16, 2 ** 32),
    resourceLimits: o.resourceLimits === undefined ? undefined : (checkOptions('resourceLimits', o.resourceLimits)),
  };
}

/** Options of one task. */
export interface TaskOptions {
  /** Cancels the task: a queued task is removed at once; a running one sees `ctx.cancelled` and is terminated after `cancelGraceMs`. */
  signal?: AbortSignal;
  /** Time limit in ms; on expiry the task rejects with `TimeoutError` and is cancelled as by `signal`. */
  timeoutMs?: number;
  /** Retries if the task's worker crashes. @default the pool's `retries` */
  retries?: number;
  /**
   * Runs the task on this worker (0-based index) only, after the tasks pinned
   * there before it (FIFO). Module state of that worker persists between such
   * tasks, which is how actors keep theirs. @default any worker
   */
  worker?: number;
  /** Called on the main thread with each `ctx.progress(done, total)` of the task. */
  onProgress?: (done: number, total: number) => void;
}

/** Options of an inline task: {@link TaskOptions} plus the `context` value. */
export interface InlineTaskOptions<C = unknown> extends TaskOptions {
  /** A value passed to the inline function as `ctx.context` (inline functions cannot capture variables). */
  context?: C;
}
