/**
 * Pipelines: `pipeline(source).stage(fn, options).stage(…)` runs each item of
 * an iterable, async iterable or `Channel` through a chain of stages, each
 * with its own concurrency, with a bounded queue in front of every stage.
 * A stage that cannot hand its result on waits, so a slow stage slows every
 * stage before it and, in the end, the reading of the source: memory stays
 * bounded by the queues, never by the source's length. Design and the exact
 * bound: tasks/README.md ("Pipelines").
 *
 * @example
 * const k = await pool.load<typeof import('./kernels.js')>(url);
 * const out = pipeline(readLines('big.csv'))
 *   .stage(k.parse, { concurrency: 4 })                 // on the pool, 4 at a time
 *   .stage((row) => row.total > 0 ? row : Pipeline.DROP) // a filter, on the main thread
 *   .stage(k.score, { concurrency: 4, ordered: false, errors: 'skip' });
 * for await (const scored of out) console.log(scored);
 * console.log(out.stats());
 */
import { checkFunction, checkInteger, checkOneOf, checkOptions, checkSignal, checkString } from '../shared/check.js';
import { CancelledError, InvalidArgumentError } from '../shared/errors.js';
import type { TaskOptions } from '../core/pool-options.js';
import { ChannelClosedError } from '../sync/errors.js';
import { BoundedQueue, EMPTY, END } from './bounded-queue.js';
import { Emitter, type Unsubscribe } from './emitter.js';
import { StageError } from './errors.js';
import { CancelToken } from './cancel-token.js';

/** Returned by a stage function to drop the item (a filter); also `Pipeline.DROP`. */
export const DROP: unique symbol = Symbol('tessera.pipeline.drop');

/** What a stage function receives besides its item. */
export interface StageContext {
  /** The item's 0-based position in the source. */
  readonly index: number;
  /** The stage's name. */
  readonly stage: string;
  /** Aborts when the pipeline stops (failure, cancellation, or the consumer stopped reading). */
  readonly signal: AbortSignal;
  /** Reports progress of this item's work (the pipeline's `progress` event). */
  progress(done: number, total: number): void;
}

/**
 * A stage function: `(item, ctx) => result` (sync or async) on the main
 * thread, or a task-module function from `pool.load` (called with the item
 * alone, with the pipeline's signal and progress wired to the task).
 * Returning {@link Pipeline.DROP} drops the item.
 */
export type StageFn<T, U> = (item: T, ctx: StageContext) => U | typeof DROP | PromiseLike<U | typeof DROP>;

/** Options of one stage. */
export interface StageOptions<T = unknown> {
  /** Name in statistics and errors. @default "stage N" */
  name?: string;
  /** Items processed at once. @default 1 */
  concurrency?: number;
  /** Keep the source order (`true`), or pass results on as they finish (`false`). @default true */
  ordered?: boolean;
  /** Capacity of the queue in front of the stage. @default concurrency */
  buffer?: number;
  /**
   * What a failing item does: `"stop"` stops the pipeline, which then throws
   * `StageError` (cause: the original error); `"skip"` drops the item, counts
   * it, reports it to `onError` and the `skip` event, and goes on. @default "stop"
   */
  errors?: 'stop' | 'skip';
  /** Called with each item skipped under `errors: "skip"`. */
  onError?: (error: unknown, item: T, index: number) => void;
}

/** Options of `pipeline(source, options)`. */
export interface PipelineOptions {
  /** Stops the pipeline; the consumer then gets `CancelledError`. */
  signal?: AbortSignal;
  /** Capacity of the queue after the last stage (read by the consumer). @default 1 */
  buffer?: number;
}

/** Counters of one stage. */
export interface StageStats {
  name: string;
  concurrency: number;
  /** Capacity of the queue in front of it. */
  buffer: number;
  /** Items taken from its queue. */
  in: number;
  /** Items passed on. */
  out: number;
  /** Items that failed (under `"skip"`, each was skipped). */
  errors: number;
  /** Items dropped with `Pipeline.DROP`. */
  dropped: number;
  /** Milliseconds spent inside the stage function, summed over its concurrent calls. */
  busyMs: number;
  /** Calls running now. */
  active: number;
  /** Items waiting in its queue now. */
  queued: number;
}

/** One skipped item (the first 100 are kept in {@link PipelineStats.skipped}). */
export interface SkipReport {
  stage: string;
  index: number;
  error: unknown;
}

/** Counters of a pipeline run. */
export interface PipelineStats {
  /** `idle` (not started), `running`, `done`, `failed`, `cancelled` (signal) or `stopped` (the consumer stopped reading). */
  state: 'idle' | 'running' | 'done' | 'failed' | 'cancelled' | 'stopped';
  /** Items read from the source. */
  pulled: number;
  /** Items delivered to the consumer. */
  delivered: number;
  stages: StageStats[];
  skipped: SkipReport[];
}

/** Events of a pipeline (`p.on(name, listener)`). */
export interface PipelineEvents {
  /** A stage reported progress on an item (`ctx.progress`, or a pool task's `ctx.progress`). */
  progress: { stage: string; stageIndex: number; index: number; done: number; total: number };
  /** A stage skipped an item under `errors: "skip"`. */
  skip: { stage: string; stageIndex: number; index: number; error: unknown };
}

/** Any source a pipeline reads. */
export type PipelineSource<T> = Iterable<T> | AsyncIterable<T>;

interface StageSpec {
  fn: StageFn<any, any>;
  remote: boolean;
  name: string;
  concurrency: number;
  ordered: boolean;
  buffer: number;
  errors: 'stop' | 'skip';
  onError: ((error: unknown, item: any, index: number) => void) | undefined;
}

/** An item travelling through the stages: its source index, current value and the sequence number in its current queue. */
interface Envelope {
  i: number;
  v: unknown;
  s: number;
}

const MAX_SKIP_REPORTS = 100;

/**
 * Starts a pipeline over `source` (an array or other iterable, an async
 * iterable, or a `Channel`, read with `recvAsync` until it is closed).
 * Nothing is read until the pipeline is consumed.
 */
export function pipeline<T>(source: PipelineSource<T>, options?: PipelineOptions): Pipeline<T> {
  const ok = source !== null && typeof source === 'object' && (Symbol.asyncIterator in source || Symbol.iterator in source);
  if (!ok) throw new InvalidArgumentError('source', source, 'an iterable, an async iterable or a Channel');
  const o = checkOptions('options', options);
  const signal = checkSignal('options.signal', o.signal);
  const buffer = o.buffer === undefined ? 1 : checkInteger('options.buffer', o.buffer, 1);
  return new Pipeline<T>(new Plan(source as PipelineSource<unknown>, [], signal, buffer));
}

/** What a pipeline is made of; stages are appended as the chain is built. */
class Plan {
  run: Run | undefined;
  readonly events = new Emitter<PipelineEvents>();
  constructor(readonly source: PipelineSource<unknown>, readonly stages: StageSpec[], readonly signal: AbortSignal | undefined, readonly buffer: number) {}
}

/**
 * A chain of stages over a source (see {@link pipeline}). Consume it once:
 * with `for await`, {@link Pipeline.collect}, {@link Pipeline.drain} or
 * {@link Pipeline.into}. Breaking out of a `for await` stops it (stage
 * signals abort, the source is closed).
 */
export class Pipeline<T> implements AsyncIterable<T> {
  /** Return this from a stage function to drop the item. */
  static readonly DROP: typeof DROP = DROP;
  readonly #plan: Plan;

  /** @internal use {@link pipeline} */
  constructor(plan: Plan) {
    this.#plan = plan;
  }

  /**
   * Appends a stage. Returns the pipeline of the stage's results (this
   * pipeline, re-typed: build the chain before consuming it).
   * @throws InvalidArgumentError for a bad option; TesseraError `ERR_PIPELINE_STARTED` once consumed
   */
  stage<U>(fn: (item: T, ctx: StageContext) => U, options: StageOptions<T> = {}): Pipeline<Exclude<Awaited<U>, typeof DROP>> {
    checkFunction('fn', fn);
    if (this.#plan.run !== undefined) throw new InvalidArgumentError('pipeline', 'started', 'a pipeline that has not been consumed yet (add every stage first)');
    const o = checkOptions('options', options);
    const index = this.#plan.stages.length;
    const concurrency = o.concurrency === undefined ? 1 : checkInteger('options.concurrency', o.concurrency, 1, 1 << 16);
    const f = fn as Partial<{ with: unknown; exportName: unknown }>;
    this.#plan.stages.push({
      fn: fn as StageFn<T, unknown>,
      remote: typeof f.with === 'function' && typeof f.exportName === 'string',
      name: o.name === undefined ? (typeof f.exportName === 'string' ? f.exportName : `stage ${index + 1}`) : checkString('options.name', o.name),
      concurrency,
      ordered: o.ordered === undefined ? true : checkBoolean('options.ordered', o.ordered),
      buffer: o.buffer === undefined ? concurrency : checkInteger('options.buffer', o.buffer, 1),
      errors: o.errors === undefined ? 'stop' : checkOneOf('options.errors', o.errors, ['stop', 'skip'] as const),
      onError: o.onError === undefined ? undefined : (checkFunction('options.onError', o.onError) as StageSpec['onError']),
    });
    return this as unknown as Pipeline<Exclude<Awaited<U>, typeof DROP>>;
  }

  /** Listens to `progress` or `skip` events; returns a function that removes the listener. */
  on<K extends keyof PipelineEvents>(event: K, listener: (payload: PipelineEvents[K]) => void): Unsubscribe {
    return this.#plan.events.on(event, listener);
  }

  /** Counters of the run (all zero before it starts). */
  stats(): PipelineStats {
    const run = this.#plan.run;
    if (run !== undefined) return run.snapshot();
    return {
      state: 'idle', pulled: 0, delivered: 0, skipped: [],
      stages: this.#plan.stages.map((s) => ({ name: s.name, concurrency: s.concurrency, buffer: s.buffer, in: 0, out: 0, errors: 0, dropped: 0, busyMs: 0, active: 0, queued: 0 })),
    };
  }

  /** Starts the pipeline and yields the last stage's results. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#plan.run !== undefined) throw new InvalidArgumentError('pipeline', 'started', 'a pipeline that has not been consumed yet (a pipeline runs once)');
    const run = (this.#plan.run = new Run(this.#plan));
    run.start();
    return {
      next: async (): Promise<IteratorResult<T>> => {
        const v = await run.take();
        return v === END ? { done: true, value: undefined } : { done: false, value: v as T };
      },
      return: (): Promise<IteratorResult<T>> => {
        run.stop(undefined, 'stopped');
        return Promise.resolve({ done: true, value: undefined });
      },
    };
  }

  /** Runs the pipeline to the end and resolves with every result. */
  async collect(): Promise<T[]> {
    const out: T[] = [];
    for await (const v of this) out.push(v);
    return out;
  }

  /** Runs the pipeline to the end, discarding the results, and resolves with its statistics. */
  async drain(): Promise<PipelineStats> {
    for await (const _ of this) {
      // results are discarded
    }
    return this.stats();
  }

  /**
   * Sends every result into `channel` (`sendAsync`, so a full channel slows
   * the pipeline), then closes it; on failure the channel is closed too and
   * the error rethrown.
   */
  async into(channel: { sendAsync(v: T, options?: { signal?: AbortSignal }): Promise<void>; close(): void }): Promise<PipelineStats> {
    if (typeof channel?.sendAsync !== 'function') throw new InvalidArgumentError('channel', channel, 'a Channel');
    try {
      for await (const v of this) await channel.sendAsync(v, { signal: this.#plan.run!.signal });
    } finally {
      channel.close();
    }
    return this.stats();
  }
}

/** What one lane of a stage keeps between its calls. */
interface Lane {
  token: CancelToken;
  caller: ((v: unknown) => Promise<unknown>) | undefined;
}

interface StageState {
  readonly spec: StageSpec;
  stats: StageStats;
  lanes: number;
  /** Ordered stages: sequence number whose turn it is to be passed on, and lanes waiting for their turn. */
  nextEmit: number;
  readonly turns: Map<number, () => void>;
  /** Sequence number given to the next item pushed into the following queue. */
  pushSeq: number;
}

/** One execution of a pipeline. */
class Run {
  readonly #plan: Plan;
  readonly #controller = new AbortController();
  /** Cancellation of each stage call in flight (see #call). */
  readonly #active = new Set<{ abort(reason: unknown): void }>();
  /** queues[k] feeds stage k; the last one feeds the consumer. */
  readonly #queues: BoundedQueue<Envelope>[] = [];
  readonly #stages: StageState[];
  #state: PipelineStats['state'] = 'running';
  #failure: { error: unknown } | undefined;
  #pulled = 0;
  #delivered = 0;
  #sourceSeq = 0;
  readonly #skipped: SkipReport[] = [];
  #closeSource: (() => void) | undefined;
  #onSignal: (() => void) | undefined;

  constructor(plan: Plan) {
    this.#plan = plan;
    this.#stages = plan.stages.map((spec) => ({
      spec, lanes: spec.concurrency, nextEmit: 0, turns: new Map(), pushSeq: 0,
      stats: { name: spec.name, concurrency: spec.concurrency, buffer: spec.buffer, in: 0, out: 0, errors: 0, dropped: 0, busyMs: 0, active: 0, queued: 0 },
    }));
    for (const s of plan.stages) this.#queues.push(new BoundedQueue(s.buffer));
    this.#queues.push(new BoundedQueue(plan.buffer));
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  start(): void {
    const signal = this.#plan.signal;
    if (signal !== undefined) {
      this.#onSignal = () => this.stop(new CancelledError('The pipeline was cancelled', { cause: signal.reason }), 'cancelled');
      if (signal.aborted) {
        this.#onSignal();
        return;
      }
      signal.addEventListener('abort', this.#onSignal, { once: true });
    }
    void this.#pumpSource();
    this.#stages.forEach((st, k) => {
      for (let l = 0; l < st.spec.concurrency; l++) void this.#lane(st, k);
    });
  }

  /** The consumer's next result, or END. */
  async take(): Promise<unknown> {
    const q = this.#queues[this.#queues.length - 1]!;
    let env: Envelope | typeof END | typeof EMPTY;
    try {
      env = q.tryPull();
      if (env === EMPTY) env = await q.pull();
    } catch (err) {
      if (this.#state === 'stopped') return END;
      throw this.#failure?.error ?? err;
    }
    if (env === END) {
      if (this.#state === 'running') this.#finish('done');
      return END;
    }
    this.#delivered++;
    return env.v;
  }

  /** Stops everything: aborts the signal, fails the queues, closes the source. */
  stop(error: unknown, state: PipelineStats['state']): void {
    if (this.#state !== 'running') return;
    if (error !== undefined) this.#failure = { error };
    this.#finish(state);
    const reason = error ?? new CancelledError('The pipeline was stopped');
    this.#controller.abort(reason);
    for (const c of this.#active) c.abort(reason);
    this.#active.clear();
    for (const q of this.#queues) q.abort(reason);
    for (const st of this.#stages) {
      for (const w of st.turns.values()) w();
      st.turns.clear();
    }
    try {
      this.#closeSource?.();
    } catch {
      // the source's own cleanup failed; the pipeline is stopping anyway
    }
  }

  #finish(state: PipelineStats['state']): void {
    this.#state = state;
    if (this.#onSignal !== undefined) this.#plan.signal?.removeEventListener('abort', this.#onSignal);
  }

  snapshot(): PipelineStats {
    return {
      state: this.#state,
      pulled: this.#pulled,
      delivered: this.#delivered,
      stages: this.#stages.map((st, k) => ({ ...st.stats, queued: this.#queues[k]!.size })),
      skipped: [...this.#skipped],
    };
  }

  /** Reads the source into the first queue, waiting whenever it is full. */
  async #pumpSource(): Promise<void> {
    const q = this.#queues[0]!;
    const src = this.#plan.source as unknown as { recvAsync?: unknown; tryRecv?: unknown };
    try {
      if (typeof src.recvAsync === 'function' && typeof src.tryRecv === 'function') {
        // A Channel: receive with the pipeline's signal, so stopping never leaves a receive pending.
        const ch = src as unknown as { recvAsync(o: { signal: AbortSignal }): Promise<unknown> };
        for (;;) {
          let v: unknown;
          try {
            v = await ch.recvAsync({ signal: this.#controller.signal });
          } catch (err) {
            if (err instanceof ChannelClosedError) break;
            throw err;
          }
          if (!(await this.#offer(q, v))) return;
        }
      } else if (Symbol.asyncIterator in this.#plan.source) {
        const it = (this.#plan.source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
        this.#closeSource = () => void it.return?.()?.then(undefined, () => undefined);
        for (;;) {
          const r = await it.next();
          if (r.done === true || this.#state !== 'running') break;
          if (!(await this.#offer(q, r.value))) return;
        }
      } else {
        const it = (this.#plan.source as Iterable<unknown>)[Symbol.iterator]();
        this.#closeSource = () => void it.return?.();
        for (;;) {
          const r = it.next();
          if (r.done === true || this.#state !== 'running') break;
          if (!(await this.#offer(q, r.value))) return;
        }
      }
      this.#closeSource = undefined;
      if (this.#state === 'running') q.close();
    } catch (err) {
      this.stop(err, 'failed');
    }
  }

  /** Pushes a source item; false once the pipeline has stopped. */
  async #offer(q: BoundedQueue<Envelope>, v: unknown): Promise<boolean> {
    if (this.#state !== 'running') return false;
    this.#pulled++;
    const env: Envelope = { i: this.#sourceSeq, v, s: this.#sourceSeq++ };
    try {
      if (!q.tryPush(env)) await q.push(env);
    } catch {
      return false; // aborted: the pipeline stopped
    }
    return true;
  }

  /** One of a stage's `concurrency` loops: take, run, pass on (in order for ordered stages). */
  async #lane(st: StageState, k: number): Promise<void> {
    const spec = st.spec;
    const inQ = this.#queues[k]!;
    const outQ = this.#queues[k + 1]!;
    const s = st.stats;
    // A lane makes one call at a time, so one cancellation token (and, for a pool function, one bound caller) serves all its calls.
    const lane: Lane = { token: new CancelToken(), caller: undefined };
    this.#active.add(lane.token);
    try {
      for (;;) {
        let env = inQ.tryPull();
        if (env === EMPTY) env = await inQ.pull();
        if (env === END) break;
        const seq = env.s;
        s.in++;
        s.active++;
        const t0 = performance.now();
        let out: unknown;
        let ok = true;
        try {
          const r = this.#call(spec, k, env, lane);
          out = isThenable(r) ? await r : r;
        } catch (err) {
          ok = false;
          out = err;
        }
        s.busyMs += performance.now() - t0;
        s.active--;
        if (this.#state !== 'running') return;
        if (!ok && spec.errors === 'stop') {
          // Fail fast, without waiting for this item's turn: what is still in flight is abandoned anyway.
          s.errors++;
          this.stop(new StageError(spec.name, k, env.i, { cause: out }), 'failed');
          return;
        }
        if (spec.ordered && st.nextEmit !== seq) {
          await new Promise<void>((r) => st.turns.set(seq, r));
          if (this.#state !== 'running') return;
        }
        if (!ok) {
          s.errors++;
          this.#reportSkip(spec, k, env, out);
        } else if (out === DROP) {
          s.dropped++;
        } else {
          env.v = out;
          env.s = st.pushSeq++;
          s.out++;
          if (!outQ.tryPush(env)) await outQ.push(env);
        }
        if (spec.ordered) {
          const next = ++st.nextEmit;
          const w = st.turns.get(next);
          if (w !== undefined) {
            st.turns.delete(next);
            w();
          }
        }
      }
    } catch (err) {
      if (this.#state === 'running') this.stop(err, 'failed');
      return;
    }
    if (--st.lanes === 0 && this.#state === 'running') outQ.close();
  }

  /**
   * Calls the stage function on one item. Calls are cancelled individually
   * by `stop()`: a pool call through its lane's token, a main-thread call
   * through its `ctx.signal`, created on first use (one signal shared by all
   * calls would collect a listener per call in flight).
   */
  #call(spec: StageSpec, k: number, env: Envelope, lane: Lane): unknown {
    const events = this.#plan.events;
    const active = this.#active;
    if (spec.remote) {
      const fn = spec.fn as unknown as { with(o: TaskOptions): (v: unknown) => Promise<unknown> };
      if (events.has('progress')) {
        const onProgress = (done: number, total: number) => events.emit('progress', { stage: spec.name, stageIndex: k, index: env.i, done, total });
        return fn.with({ signal: lane.token.signal, onProgress })(env.v);
      }
      lane.caller ??= fn.with({ signal: lane.token.signal });
      return lane.caller(env.v);
    }
    let controller: AbortController | undefined;
    const ctx: StageContext = {
      index: env.i,
      stage: spec.name,
      get signal(): AbortSignal {
        if (controller === undefined) {
          controller = new AbortController();
          active.add(controller);
        }
        return controller.signal;
      },
      progress: (done, total) => events.emit('progress', { stage: spec.name, stageIndex: k, index: env.i, done, total }),
    };
    try {
      const r = spec.fn(env.v, ctx);
      if (controller !== undefined && isThenable(r)) {
        const c = controller;
        const done = () => void active.delete(c);
        r.then(done, done);
      } else if (controller !== undefined) active.delete(controller);
      return r;
    } catch (err) {
      if (controller !== undefined) active.delete(controller);
      throw err;
    }
  }

  #reportSkip(spec: StageSpec, k: number, env: Envelope, error: unknown): void {
    if (this.#skipped.length < MAX_SKIP_REPORTS) this.#skipped.push({ stage: spec.name, index: env.i, error });
    try {
      spec.onError?.(error, env.v, env.i);
    } catch {
      // a failing report callback must not stop the pipeline
    }
    this.#plan.events.emit('skip', { stage: spec.name, stageIndex: k, index: env.i, error });
  }
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as PromiseLike<unknown>).then === 'function';
}

function checkBoolean(field: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new InvalidArgumentError(field, v, 'a boolean');
  return v;
}
