/**
 * Typed errors of the core layer (the pool and its workers).
 */
import { CancelledError, InvalidArgumentError, TesseraError, TimeoutError, type TesseraErrorOptions } from '../shared/errors.js';
import { registerErrorClass } from './error-codec.js';

/**
 * The worker running a task died (it called `process.exit`, threw an uncaught
 * error outside the task, or ran out of memory). The worker is replaced; the
 * task is retried when it has retries left, otherwise it rejects with this.
 */
export class WorkerCrashedError extends TesseraError {
  /** Index of the worker that died. */
  readonly workerIndex: number;
  /** Its exit code, when it exited. */
  readonly exitCode: number | undefined;

  constructor(workerIndex: number, exitCode: number | undefined, options?: TesseraErrorOptions) {
    const why = options?.cause instanceof Error ? `: ${options.cause.message}` : exitCode === undefined ? '' : ` with exit code ${exitCode}`;
    super('ERR_WORKER_CRASHED', `Worker ${workerIndex} died while running the task${why}`, options);
    this.workerIndex = workerIndex;
    this.exitCode = exitCode;
  }
}

/**
 * Worker threads keep dying while they start (before running any task): the
 * queued tasks are rejected with this error; `cause` is the thread's own error
 * (e.g. a task module that throws on import, or a Node option workers reject).
 */
export class WorkerStartError extends TesseraError {
  /** Index of the worker that failed last. */
  readonly workerIndex: number;
  /** Its exit code. */
  readonly exitCode: number;
  /** Consecutive start-up failures so far. */
  readonly attempts: number;

  constructor(workerIndex: number, exitCode: number, attempts: number, options?: TesseraErrorOptions) {
    const why = options?.cause instanceof Error ? `: ${options.cause.message}` : ` (exit code ${exitCode})`;
    super('ERR_WORKER_START', `Worker threads fail to start (${attempts} attempts in a row, last worker ${workerIndex})${why}`, options);
    this.workerIndex = workerIndex;
    this.exitCode = exitCode;
    this.attempts = attempts;
  }
}

/** `run` was called while the queue held `maxQueue` tasks and the pool's `queueFull` policy is `"reject"`. */
export class QueueFullError extends TesseraError {
  readonly maxQueue: number;
  constructor(maxQueue: number) {
    super('ERR_QUEUE_FULL', `The pool's queue is full (maxQueue = ${maxQueue}); wait for tasks to finish, raise \`maxQueue\`, or use queueFull: "wait"`);
    this.maxQueue = maxQueue;
  }
}

/** The pool was closed or terminated; no new task is accepted, and `terminate()` rejects pending ones with it. */
export class PoolClosedError extends TesseraError {
  constructor(message = 'The pool is closed') {
    super('ERR_POOL_CLOSED', message);
  }
}

/**
 * An inline function used a variable that does not exist in the worker: inline
 * functions travel as source text, so they cannot capture variables.
 */
export class FreeVariableError extends TesseraError {
  /** The variable's name. */
  readonly variable: string;
  constructor(variable: string, options?: TesseraErrorOptions) {
    super(
      'ERR_FREE_VARIABLE',
      `Inline function uses the free variable \`${variable}\`, which does not exist in the worker: ` +
        `pass it through the \`context\` option (run(fn, input, { context: { ${variable} } }) and read ctx.context.${variable}), ` +
        'or move the function into a task module (pool.load(url))',
      options,
    );
    this.variable = variable;
  }
}

/** Loading a task module in the workers failed (bad URL, syntax error, throwing top-level code). */
export class ModuleLoadError extends TesseraError {
  readonly url: string;
  constructor(url: string, options?: TesseraErrorOptions) {
    const why = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super('ERR_MODULE_LOAD', `Could not load task module ${url} in the workers${why}`, options);
    this.url = url;
  }
}

/** A task argument or result could not be serialized (functions, symbols, class instances with private state). */
export class SerializationError extends TesseraError {
  constructor(what: string, options?: TesseraErrorOptions) {
    const why = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super('ERR_SERIALIZATION', `Could not serialize the task's ${what}${why}`, options);
  }
}

for (const ctor of [TesseraError, InvalidArgumentError, TimeoutError, CancelledError, WorkerCrashedError, WorkerStartError, QueueFullError, PoolClosedError, FreeVariableError, ModuleLoadError, SerializationError]) {
  registerErrorClass(ctor);
}
