/**
 * Task graphs: tasks whose arguments are other tasks' results (futures as
 * arguments, like Ray's object refs). A node starts as soon as every node it
 * depends on has finished, so a DAG runs with as much parallelism as its
 * edges allow; large intermediate results stay in the pool's shared object
 * store and go from worker to worker without visiting the main thread.
 * Failures and cancellations propagate to dependants. Design: tasks/README.md.
 *
 * @example
 * const g = new TaskGraph(pool);
 * const k = await g.load<typeof import('./kernels.js')>(new URL('./kernels.js', import.meta.url));
 * const a = k.load('a.csv'), b = k.load('b.csv');     // run in parallel
 * const joined = k.join(a, b);                         // starts when both are done
 * console.log(await joined);
 * await g.close();
 */
import type { Pool } from '../core/pool.js';
import type { TaskOptions } from '../core/pool-options.js';
import type { RemoteFunction } from '../core/remote.js';
import type { TaskContext } from '../core/task-context.js';
import { checkFunction, checkInteger, checkNumber, checkOptions, checkSignal, checkString } from '../shared/check.js';
import { CancelledError, InvalidArgumentError } from '../shared/errors.js';
import { Emitter, type Unsubscribe } from './emitter.js';
import { DependencyFailedError, GraphClosedError, ResultReleasedError } from './errors.js';
import { DEFAULT_MIN_STORED_BYTES, ObjectStore, STORED_KEY, isStoredMarker } from './object-store.js';
import { asCompleted, type Completion } from './as-completed.js';
import { CancelToken } from './cancel-token.js';
import { SETUP_NEEDED } from './graph-host.js';
import { EMPTY, FULFILLED, NodeRecord, REJECTED, RUNNING, WAITING, valueOf, type Runner } from './node-record.js';
import { TaskRef, recordOf } from './task-ref.js';

export { TaskRef };

/** Per-node options (`fn.with(options)(…args)`, `graph.call(fn, …)`, `graph.run(fn, input, options)`). */
export interface NodeOptions {
  /** A name for errors and events. @default the export's name, or `task#id` */
  name?: string;
  /** Cancels this node (and, through it, every node that depends on it). */
  signal?: AbortSignal;
  /** Time limit of the node's task in ms; on expiry it fails with `TimeoutError`. @default the pool's */
  timeoutMs?: number;
  /** Retries of the node's task if its worker crashes. @default the pool's */
  retries?: number;
  /** Receives the task's `ctx.progress(done, total)` reports (the graph's `progress` event gets them too). */
  onProgress?: (done: number, total: number) => void;
}

/** Options of `new TaskGraph(pool, options)`. */
export interface TaskGraphOptions {
  /** Cancels every node that has not finished. */
  signal?: AbortSignal;
  /** Most nodes running at once; ready nodes beyond it wait in submission order. @default Infinity */
  concurrency?: number;
  /**
   * Results of task-module nodes whose serialized form has at least this many
   * bytes stay in the pool's shared object store, and dependants read them
   * there; `Infinity` sends every result to the main thread. @default 1024
   */
  minStoredBytes?: number;
  /** Largest size of the pool's object store (set by the first graph of a pool). @default 256 MiB */
  maxStoreBytes?: number;
}

/** The state of a node. */
export type TaskStatus = 'waiting' | 'running' | 'fulfilled' | 'rejected';

/** Where a node's value is: not there yet, on the main thread, in the shared object store, or released. */
export type ResultLocation = 'pending' | 'main' | 'store' | 'released' | 'none';

/** Identifies a node in events. */
export interface NodeInfo {
  readonly id: number;
  readonly name: string;
}

/** Events of a {@link TaskGraph} (`graph.on(name, listener)`). */
export interface TaskGraphEvents {
  /** A node's task reported `ctx.progress(done, total)`. */
  progress: { node: NodeInfo; done: number; total: number };
  /** A node finished (fulfilled, or rejected with `error`). */
  settled: { node: NodeInfo; status: 'fulfilled' | 'rejected'; error?: unknown };
}

/** Counters of a {@link TaskGraph}. */
export interface TaskGraphStats {
  submitted: number;
  waiting: number;
  running: number;
  fulfilled: number;
  rejected: number;
  /** Results held in the shared object store by this graph, and their bytes. */
  storedResults: number;
  storedBytes: number;
}

/** An argument that may be given as the value or as a node producing it. */
export type RefOr<T> = T | TaskRef<T>;
/** Each argument of `A` as a value or a node producing it. */
export type RefArgs<A extends unknown[]> = { [K in keyof A]: RefOr<A[K]> };

/** A task-module export as a node builder: calling it adds a node to the graph. */
export interface GraphFunction<A extends unknown[], R> {
  /** Adds a node running the export with `args` (values or other nodes); returns its ref at once. */
  (...args: RefArgs<A>): TaskRef<R>;
  /** The same builder with per-node options. */
  with(options: NodeOptions): (...args: RefArgs<A>) => TaskRef<R>;
  /** The export's name. */
  readonly exportName: string;
}

/** The functions of task module `T` as node builders (`graph.load(url)`). */
export type GraphModule<T> = {
  readonly [K in keyof T as T[K] extends (...args: any[]) => unknown ? K : never]: T[K] extends (...args: infer A) => infer R
    ? GraphFunction<A, Awaited<R>>
    : never;
};

/** Per-pool object store and graph host module. */
type GraphHost = {
  runNode: RemoteFunction<[number, number, ...unknown[]], unknown>;
  setupAndRun: RemoteFunction<[number, string, string, Uint8Array, number, ...unknown[]], unknown>;
};
/** Per pool: the object store, the graph host module, and the ids given to exports (`url#name`). */
const perPool = new WeakMap<Pool, { store: ObjectStore; host: Promise<GraphHost> | undefined; exportIds: Map<string, number> }>();

const releaser = new FinalizationRegistry<NodeRecord>((rec) => rec.graph.releaseNode(rec));

/**
 * A dynamic task graph on a pool. Add nodes with the builders of
 * {@link TaskGraph.load} (task-module exports, the main way), {@link TaskGraph.run}
 * (inline functions) or {@link TaskGraph.call} (any async function on the main
 * thread, e.g. I/O); each returns a {@link TaskRef} at once and the node starts
 * when its dependencies are done. Refs from this graph only may be arguments.
 */
export class TaskGraph implements AsyncDisposable {
  /** The pool the nodes run on. */
  readonly pool: Pool;
  /** @internal the pool's object store */
  readonly store: ObjectStore;
  readonly #events = new Emitter<TaskGraphEvents>();
  readonly #concurrency: number;
  readonly #minStoredBytes: number;
  readonly #ready: NodeRecord[] = [];
  #readyHead = 0;
  #running = 0;
  #nextId = 1;
  #closed = false;
  /** Nodes not settled yet, and nodes whose value is in the store. */
  readonly #live = new Set<NodeRecord>();
  #idle: (() => void)[] = [];
  readonly #counts = { submitted: 0, waiting: 0, fulfilled: 0, rejected: 0 };
  readonly #stored = { results: 0, bytes: 0 };
  #detach: (() => void) | undefined;

  /**
   * @param pool the pool to run on
   * @param options signal, concurrency, minStoredBytes, maxStoreBytes
   * @throws InvalidArgumentError for a bad option
   */
  constructor(pool: Pool, options: TaskGraphOptions = {}) {
    if (typeof (pool as { load?: unknown })?.load !== 'function') throw new InvalidArgumentError('pool', pool, 'a Pool');
    const o = checkOptions('options', options);
    this.pool = pool;
    this.#concurrency = o.concurrency === undefined || o.concurrency === Infinity ? Infinity : checkInteger('options.concurrency', o.concurrency, 1);
    this.#minStoredBytes = o.minStoredBytes === undefined ? DEFAULT_MIN_STORED_BYTES : checkNumber('options.minStoredBytes', o.minStoredBytes, 0, true);
    const maxStore = o.maxStoreBytes === undefined ? 256 * 2 ** 20 : checkInteger('options.maxStoreBytes', o.maxStoreBytes, 1 << 16, 2 ** 32);
    let shared = perPool.get(pool);
    if (shared === undefined) perPool.set(pool, (shared = { store: ObjectStore.create(maxStore), host: undefined, exportIds: new Map() }));
    this.store = shared.store;
    const signal = checkSignal('options.signal', o.signal);
    if (signal !== undefined) {
      const onAbort = () => this.cancel(signal.reason);
      if (signal.aborted) queueMicrotask(onAbort);
      else {
        signal.addEventListener('abort', onAbort, { once: true });
        this.#detach = () => signal.removeEventListener('abort', onAbort);
      }
    }
  }

  /**
   * Loads a task module (in every worker, as `pool.load` does) and returns
   * its exports as node builders: `k.add(a, b)` adds a node that runs
   * `add` with the values of `a` and `b` (refs or plain values). Results of
   * these nodes can stay in the shared object store (see `minStoredBytes`).
   * @param url the module's URL
   * @throws (rejects) ModuleLoadError when a worker cannot import it
   */
  async load<T = Record<string, (...args: any[]) => unknown>>(url: URL | string): Promise<GraphModule<T>> {
    this.#assertOpen();
    const shared = perPool.get(this.pool)!;
    shared.host ??= this.pool.load(new URL('./graph-host.js', import.meta.url)) as unknown as Promise<GraphHost>;
    const [host, remote] = await Promise.all([shared.host, this.pool.load(url)]);
    const href = new URL(String(url)).href;
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(remote)) {
      const key = `${href}#${name}`;
      let id = shared.exportIds.get(key);
      if (id === undefined) shared.exportIds.set(key, (id = shared.exportIds.size + 1));
      const exportId = id;
      const min = this.#minStoredBytes;
      const view = this.store.view;
      const runner: Runner = (args, options) => host.runNode.with(options)(exportId, min, ...args);
      const setup: Runner = (args, options) => host.setupAndRun.with(options)(exportId, href, name, view, min, ...args);
      const build = (options: NodeOptions | undefined) => (...args: unknown[]) => this.#ref(this.#add(runner, setup, args, options, name));
      const fn = build(undefined) as unknown as Record<string, unknown>;
      fn.with = (options: NodeOptions) => build(checkNodeOptions(options));
      Object.defineProperty(fn, 'exportName', { value: name });
      Object.defineProperty(fn, 'name', { value: name });
      out[name] = fn;
    }
    return Object.freeze(out) as GraphModule<T>;
  }

  /**
   * Adds a node running an inline function on the pool (`pool.run(fn, input)`).
   * `input` may be a ref, or an array whose elements may be refs (each is
   * replaced by its value). Dependencies' values are decoded on the main
   * thread for inline nodes.
   * @param options node options plus `context` (as for `pool.run`)
   */
  run<I, R, C = undefined>(fn: (input: I, ctx: TaskContext<C>) => R, input: RefOr<I> | (I extends unknown[] ? RefArgs<I> : never), options?: NodeOptions & { context?: C }): TaskRef<Awaited<R>> {
    checkFunction('fn', fn);
    const context = options?.context;
    const spread = Array.isArray(input);
    const args = spread ? [...(input as unknown[])] : [input];
    const runner: Runner = (vals, o) => this.pool.run(fn, (spread ? vals : vals[0]) as I, { ...o, context: context as C });
    return this.#ref(this.#add(runner, undefined, args, options === undefined ? undefined : checkNodeOptions(options), fn.name || undefined));
  }

  /**
   * Adds a node that calls `fn(...values)` on the main thread once its
   * dependencies are done: any async function (e.g. file I/O), or a
   * task-module function from `pool.load` (which then runs on the pool with
   * the node's signal, timeout and progress). Dependencies' values are decoded
   * on the main thread.
   */
  call<A extends unknown[], R>(fn: (...args: A) => R | PromiseLike<R>, ...args: RefArgs<A>): TaskRef<Awaited<R>> {
    return this.callWith({}, fn, ...args);
  }

  /** {@link TaskGraph.call} with node options. */
  callWith<A extends unknown[], R>(options: NodeOptions, fn: (...args: A) => R | PromiseLike<R>, ...args: RefArgs<A>): TaskRef<Awaited<R>> {
    checkFunction('fn', fn);
    const remote = fn as unknown as Partial<RemoteFunction<A, R>>;
    const runner: Runner =
      typeof remote.with === 'function' && typeof remote.exportName === 'string'
        ? (vals, o) => remote.with!(o)(...(vals as A))
        : async (vals) => fn(...(vals as A));
    return this.#ref<Awaited<R>>(this.#add(runner, undefined, args, checkNodeOptions(options), remote.exportName ?? (fn.name || undefined)));
  }

  /** Listens to `progress` or `settled` events; returns a function that removes the listener. */
  on<K extends keyof TaskGraphEvents>(event: K, listener: (payload: TaskGraphEvents[K]) => void): Unsubscribe {
    return this.#events.on(event, listener);
  }

  /** The outcomes of `refs` in completion order (the free function {@link asCompleted}). */
  asCompleted<R extends TaskRef<unknown>>(refs: Iterable<R>, options?: { signal?: AbortSignal }): AsyncIterableIterator<Completion<R>> {
    return asCompleted(refs, options);
  }

  /** Cancels every node that has not settled (see {@link TaskRef.cancel}). */
  cancel(reason?: unknown): void {
    for (const rec of [...this.#live]) this.cancelNode(rec, reason);
  }

  /** Counters of this graph. */
  stats(): TaskGraphStats {
    const c = this.#counts;
    return {
      submitted: c.submitted, waiting: c.waiting, running: this.#running, fulfilled: c.fulfilled, rejected: c.rejected,
      storedResults: this.#stored.results, storedBytes: this.#stored.bytes,
    };
  }

  /** Resolves once every node submitted so far has settled (never rejects). */
  async idle(): Promise<void> {
    while (this.#counts.waiting + this.#running > 0) await new Promise<void>((r) => this.#idle.push(r));
  }

  /**
   * Stops accepting nodes, waits for every node to settle, then releases
   * every result the graph still holds in the object store (values already
   * read on the main thread stay readable).
   */
  async close(): Promise<void> {
    this.#closed = true;
    await this.idle();
    for (const rec of [...this.#live]) this.releaseNode(rec, false);
    this.#detach?.();
  }

  /** `await using graph = new TaskGraph(pool)` closes it at the end of the scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // ------------------------------------------------------------ internals

  #assertOpen(): void {
    if (this.#closed) throw new GraphClosedError();
  }

  #add(run: Runner, setup: Runner | undefined, args: unknown[], options: NodeOptions | undefined, defaultName: string | undefined): NodeRecord {
    this.#assertOpen();
    const id = this.#nextId++;
    const o = options ?? {};
    const rec = new NodeRecord(id, this, setup !== undefined, run, setup, args, o, defaultName);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (!(a instanceof TaskRef)) continue;
      const dep = recordOf(a);
      if (dep.graph !== this) throw new InvalidArgumentError(`args[${i}]`, a.name, 'a TaskRef of the same graph (refs cannot cross graphs)');
      if (dep.released) throw new ResultReleasedError(dep.name);
    }
    let failedDep: NodeRecord | undefined;
    // A wide fan-in (thousands of refs) must not cost a quadratic duplicate check.
    const seen = args.length > 8 ? new Set<NodeRecord>() : undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (!(a instanceof TaskRef)) continue;
      const dep = recordOf(a);
      (rec.argDeps ??= new Array<NodeRecord | undefined>(args.length))[i] = dep;
      args[i] = undefined;
      if (rec.deps === EMPTY) rec.deps = [];
      else if (seen !== undefined ? seen.has(dep) : rec.deps.includes(dep)) continue;
      seen?.add(dep);
      rec.deps.push(dep);
      dep.users++;
      if (dep.state === REJECTED) failedDep ??= dep;
      else if (dep.state !== FULFILLED) {
        rec.waitingOn++;
        if (dep.dependants === EMPTY) dep.dependants = [rec];
        else dep.dependants.push(rec);
      }
    }
    this.#counts.submitted++;
    this.#counts.waiting++;
    this.#live.add(rec);
    if (failedDep !== undefined) {
      this.#fail(rec, this.#derived(rec, failedDep));
      return rec;
    }
    if (o.signal !== undefined) {
      const signal = o.signal;
      if (signal.aborted) {
        this.#fail(rec, new CancelledError(`Task "${rec.name}" was cancelled`, { cause: signal.reason }));
        return rec;
      }
      rec.onSignal = () => this.cancelNode(rec, signal.reason);
      signal.addEventListener('abort', rec.onSignal, { once: true });
    }
    if (rec.waitingOn === 0) this.#enqueue(rec);
    return rec;
  }

  #enqueue(rec: NodeRecord): void {
    if (this.#running < this.#concurrency) this.#start(rec);
    else this.#ready.push(rec);
  }

  #pump(): void {
    while (this.#running < this.#concurrency && this.#readyHead < this.#ready.length) {
      const rec = this.#ready[this.#readyHead++]!;
      if (rec.state === WAITING) this.#start(rec);
    }
    if (this.#readyHead === this.#ready.length) {
      this.#ready.length = 0;
      this.#readyHead = 0;
    }
  }

  #start(rec: NodeRecord): void {
    rec.state = RUNNING;
    this.#counts.waiting--;
    this.#running++;
    const args = rec.args;
    let vals: unknown[];
    try {
      const argDeps = rec.argDeps;
      for (let i = 0; argDeps !== undefined && i < args.length; i++) {
        const dep = argDeps[i];
        if (dep === undefined) continue;
        args[i] = rec.host && !dep.hasValue && dep.stored !== undefined ? dep.stored : valueOf(dep);
      }
      vals = args;
    } catch (err) {
      this.#settle(rec, false, err);
      return;
    }
    rec.args = EMPTY;
    rec.argDeps = undefined;
    const controller = (rec.controller = new CancelToken());
    const options: TaskOptions = { signal: controller.signal };
    const o = rec.options;
    if (o.timeoutMs !== undefined) options.timeoutMs = o.timeoutMs;
    if (o.retries !== undefined) options.retries = o.retries;
    if (o.onProgress !== undefined || this.#events.has('progress')) {
      const node: NodeInfo = { id: rec.id, name: rec.name };
      options.onProgress = (done, total) => {
        o.onProgress?.(done, total);
        this.#events.emit('progress', { node, done, total });
      };
    }
    const run = rec.run!;
    const setup = rec.setup;
    rec.run = undefined;
    rec.setup = undefined;
    const onValue = (v: unknown) => this.#settle(rec, true, v);
    const onError = (e: unknown) => this.#settle(rec, false, e);
    try {
      run(vals, options).then(onValue, (e: unknown) => {
        // A worker that has not seen this export yet ran nothing: send the node again with its setup.
        if (setup !== undefined && (e as { code?: unknown } | null)?.code === SETUP_NEEDED && rec.state === RUNNING) setup(vals, options).then(onValue, onError);
        else onError(e);
      });
    } catch (err) {
      onError(err);
    }
  }

  /** Settles a running node with its task's outcome (ignored, but cleaned up, if it was cancelled meanwhile). */
  #settle(rec: NodeRecord, ok: boolean, value: unknown): void {
    const stored = rec.host && ok && this.#minStoredBytes !== Infinity && isStoredMarker(value) ? value : undefined;
    if (stored !== undefined) this.store.adopt(stored);
    if (rec.state !== RUNNING) {
      if (stored !== undefined) this.store.free(stored); // a late result of a node that was cancelled
      return;
    }
    if (!ok) {
      this.#fail(rec, value);
    } else {
      this.#running--;
      this.#releaseDeps(rec);
      rec.state = FULFILLED;
      this.#counts.fulfilled++;
      rec.controller = undefined;
      this.#detachSignal(rec);
      if (stored !== undefined) {
        rec.stored = stored;
        this.#stored.results++;
        this.#stored.bytes += stored[STORED_KEY][1];
      } else {
        rec.value = value;
        rec.hasValue = true;
        this.#live.delete(rec);
      }
      // Waiters first: a pending `then` reads the value even if the ref was collected meanwhile.
      this.#notify(rec, 'fulfilled', undefined);
      if (rec.released) this.releaseNode(rec);
      for (const d of rec.dependants) {
        if (d.state === WAITING && --d.waitingOn === 0) this.#enqueue(d);
      }
      rec.dependants = EMPTY as NodeRecord[];
    }
    this.#pump();
    this.#checkIdle();
  }

  /** Fails `first` with `error` and every node that depends on it, transitively (iteratively: chains can be long). */
  #fail(first: NodeRecord, error: unknown): void {
    const work: [NodeRecord, unknown][] = [[first, error]];
    for (let item = work.pop(); item !== undefined; item = work.pop()) {
      const [rec, err] = item;
      if (rec.state >= FULFILLED) continue;
      if (rec.state === RUNNING) {
        this.#running--;
        rec.controller?.abort(err);
      } else {
        this.#counts.waiting--;
      }
      rec.state = REJECTED;
      rec.error = err;
      rec.root ??= { name: rec.name, error: err };
      rec.run = undefined;
      rec.args = EMPTY;
      rec.argDeps = undefined;
      rec.controller = undefined;
      this.#counts.rejected++;
      this.#releaseDeps(rec);
      this.#detachSignal(rec);
      this.#live.delete(rec);
      this.#notify(rec, 'rejected', err);
      for (const d of rec.dependants) {
        if (d.state < FULFILLED) {
          work.push([d, this.#derived(d, rec)]);
        }
      }
      rec.dependants = EMPTY as NodeRecord[];
    }
  }

  /** The error of node `d` when its dependency `failed` failed. */
  #derived(d: NodeRecord, failed: NodeRecord): Error {
    const root = failed.root ?? { name: failed.name, error: failed.error };
    d.root = root;
    if (root.error instanceof CancelledError) {
      return new CancelledError(`Task "${d.name}" was cancelled because its dependency "${root.name}" was cancelled`, { cause: root.error });
    }
    return new DependencyFailedError(d.name, root.name, { cause: root.error });
  }

  /** @internal {@link TaskRef.cancel} */
  cancelNode(rec: NodeRecord, reason: unknown): void {
    if (rec.state >= FULFILLED) return;
    const err = reason instanceof CancelledError ? reason : new CancelledError(`Task "${rec.name}" was cancelled`, { cause: reason });
    this.#fail(rec, err);
    this.#pump();
    this.#checkIdle();
  }

  /**
   * @internal {@link TaskRef.release} and the finalizer (`dropValue`), `close()`
   * (frees store blocks only: values read on the main thread stay readable)
   */
  releaseNode(rec: NodeRecord, dropValue = true): void {
    rec.released = true;
    if (rec.state !== FULFILLED || rec.users > 0) return; // applied when it settles / when the last dependant has read it
    if (rec.stored !== undefined) {
      this.store.free(rec.stored);
      this.#stored.results--;
      this.#stored.bytes -= rec.stored[STORED_KEY][1];
      rec.stored = undefined;
    }
    if (dropValue) {
      rec.value = undefined;
      rec.hasValue = false;
    }
    this.#live.delete(rec);
  }

  #releaseDeps(rec: NodeRecord): void {
    for (const dep of rec.deps) {
      dep.users--;
      if (dep.released) this.releaseNode(dep);
    }
    rec.deps = EMPTY as NodeRecord[];
  }

  #detachSignal(rec: NodeRecord): void {
    if (rec.onSignal !== undefined) {
      rec.options.signal?.removeEventListener('abort', rec.onSignal);
      rec.onSignal = undefined;
    }
  }

  #notify(rec: NodeRecord, status: 'fulfilled' | 'rejected', error: unknown): void {
    const ws = rec.waiters;
    rec.waiters = undefined;
    if (ws !== undefined) for (const w of ws) w();
    if (this.#events.has('settled')) this.#events.emit('settled', status === 'fulfilled' ? { node: { id: rec.id, name: rec.name }, status } : { node: { id: rec.id, name: rec.name }, status, error });
  }

  #checkIdle(): void {
    if (this.#counts.waiting + this.#running === 0 && this.#idle.length > 0) {
      const ws = this.#idle;
      this.#idle = [];
      for (const w of ws) w();
    }
  }

  /** A new ref for `rec`, released when it is garbage-collected. */
  #ref<T>(rec: NodeRecord): TaskRef<T> {
    const ref = new TaskRef<T>(rec);
    releaser.register(ref, rec);
    return ref;
  }
}


function checkNodeOptions(options: NodeOptions): NodeOptions {
  const o = checkOptions('options', options);
  const out: NodeOptions = {};
  if (o.name !== undefined) out.name = checkString('options.name', o.name);
  if (o.signal !== undefined) out.signal = checkSignal('options.signal', o.signal);
  if (o.timeoutMs !== undefined) out.timeoutMs = checkNumber('options.timeoutMs', o.timeoutMs, 0, true);
  if (o.retries !== undefined) out.retries = checkInteger('options.retries', o.retries, 0, 100);
  if (o.onProgress !== undefined) out.onProgress = checkFunction('options.onProgress', o.onProgress) as NodeOptions['onProgress'];
  return out;
}
