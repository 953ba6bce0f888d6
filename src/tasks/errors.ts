/**
 * Typed errors of the tasks layer (graphs, pipelines, limiter, actors).
 * Each has a stable `code`; the ones that can be thrown inside a worker are
 * registered with the core's error codec so they come back to the main
 * thread as instances of their own class.
 */
import { TesseraError, type TesseraErrorOptions } from '../shared/errors.js';
import { registerErrorClass } from '../core/error-codec.js';

/**
 * A graph node did not run because a node it depends on (directly or through
 * other nodes) failed. `cause` is the original error of the node that failed
 * first, never a chain of these.
 */
export class DependencyFailedError extends TesseraError {
  /** Name of the node that failed first. */
  readonly dependency: string;

  constructor(node: string, dependency: string, options?: TesseraErrorOptions) {
    const why = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super('ERR_DEPENDENCY_FAILED', `Task "${node}" did not run because its dependency "${dependency}" failed${why}`, options);
    this.dependency = dependency;
  }
}

/**
 * The value of a graph node was released (`ref.release()`, `graph.close()`)
 * before it was read, or a released node was used as an argument.
 */
export class ResultReleasedError extends TesseraError {
  constructor(node: string) {
    super('ERR_RESULT_RELEASED', `The result of task "${node}" was released; keep the TaskRef (and do not call release()) while you still need its value`);
  }
}

/** The graph was closed; it accepts no new nodes. */
export class GraphClosedError extends TesseraError {
  constructor() {
    super('ERR_GRAPH_CLOSED', 'The task graph is closed; create a new graph to submit more tasks');
  }
}

/**
 * A pipeline stage failed an item under the `"stop"` error policy, so the
 * pipeline stopped. `cause` is the stage function's original error.
 */
export class StageError extends TesseraError {
  /** The stage's name (its `name` option, else `stage N`). */
  readonly stage: string;
  /** 0-based index of the stage. */
  readonly stageIndex: number;
  /** 0-based position of the failing item in the source. */
  readonly itemIndex: number;

  constructor(stage: string, stageIndex: number, itemIndex: number, options?: TesseraErrorOptions) {
    const why = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super('ERR_PIPELINE_STAGE', `Pipeline stage "${stage}" failed on item ${itemIndex}${why}`, options);
    this.stage = stage;
    this.stageIndex = stageIndex;
    this.itemIndex = itemIndex;
  }
}

/**
 * The actor's worker died (the call crashed it, or another task did) while
 * the call was pending, so the call's effect is unknown and the actor's
 * state was lost. The actor restarts under its supervision policy; `cause`
 * is the crash (`WorkerCrashedError`) where it is known.
 */
export class ActorCrashedError extends TesseraError {
  /** The actor's id. */
  readonly actor: string;

  constructor(actor: string, options?: TesseraErrorOptions) {
    const why = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super('ERR_ACTOR_CRASHED', `Actor ${actor} crashed while the call was pending${why}`, options);
    this.actor = actor;
  }
}

/**
 * The actor is stopped: `stop()` was called, or it crashed more often than
 * its supervision policy allows (then `cause` is the last crash), or it could
 * not be restarted (then `cause` is the constructor's error).
 */
export class ActorStoppedError extends TesseraError {
  /** The actor's id. */
  readonly actor: string;

  constructor(actor: string, why: string, options?: TesseraErrorOptions) {
    super('ERR_ACTOR_STOPPED', `Actor ${actor} is stopped (${why})`, options);
    this.actor = actor;
  }
}

/**
 * Internal: thrown by the actor host in a worker that does not hold the
 * actor's instance (the worker was replaced after a crash). The main thread
 * turns it into {@link ActorCrashedError}.
 */
export class ActorLostError extends TesseraError {
  /** Token of the worker thread that ran the call (a fresh thread after a crash). */
  readonly thread: string;

  constructor(actor: string, thread: string) {
    super('ERR_ACTOR_LOST', `Actor ${actor} has no instance in this worker (the worker was replaced)`);
    this.thread = thread;
  }
}

for (const ctor of [DependencyFailedError, StageError, ActorCrashedError, ActorStoppedError, ActorLostError]) registerErrorClass(ctor);
