/**
 * Actors: a stateful object living in one worker of a pool. Method calls are
 * messages, processed one at a time in the order they were sent; the state
 * survives between calls. If the worker dies, the actor is restarted from its
 * constructor (and its last snapshot, when the class has `snapshot()` and
 * `restore(snapshot)`) under a supervision policy, and every call pending at
 * the crash rejects with `ActorCrashedError`; none hangs. Design:
 * tasks/README.md ("Actors").
 *
 * @example
 * // counter.js (a task module):  export class Counter { n = 0; add(k) { return (this.n += k); } }
 * const counter = await pool.actor<typeof import('./counter.js'), 'Counter'>(new URL('./counter.js', import.meta.url), 'Counter');
 * await counter.call.add(2);   // 2
 * await counter.call.add(3);   // 5
 * await counter.stop();
 */
import type { Pool } from '../core/pool.js';
import type { TaskOptions } from '../core/pool-options.js';
import type { RemoteFunction } from '../core/remote.js';
import { WorkerCrashedError } from '../core/errors.js';
import { checkFunction, checkInteger, checkNumber, checkOneOf, checkOptions, checkSignal, checkString } from '../shared/check.js';
import { CancelledError, InvalidArgumentError } from '../shared/errors.js';
import type { CreatedActor } from './actor-host.js';
import { Emitter, type Unsubscribe } from './emitter.js';
import { ActorCrashedError, ActorLostError, ActorStoppedError } from './errors.js';

type AnyFn = (...args: any[]) => unknown;

/** The methods of instance type `I`, each returning a promise of its (awaited) result. */
export type ActorMethods<I> = {
  readonly [K in keyof I as I[K] extends AnyFn ? K : never]: I[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** The instance type an actor export makes: a class's instances, or what a factory resolves to. */
export type ActorInstance<E> = E extends abstract new (...args: any[]) => infer I ? I : E extends (...args: any[]) => infer R ? Awaited<R> : Record<string, AnyFn>;

/** The constructor (or factory) arguments of an actor export. */
export type ActorArgs<E> = E extends abstract new (...args: infer A) => unknown ? A : E extends (...args: infer A) => unknown ? A : unknown[];

/** When an actor restarts, how many crashes are tolerated. */
export interface SupervisionOptions {
  /** Most restarts within `withinMs`; one more crash stops the actor (`ActorStoppedError`). @default 3 */
  maxRestarts?: number;
  /** The sliding window in ms. @default 60000 */
  withinMs?: number;
}

/** Options of {@link spawnActor}. */
export interface ActorOptions<M = Record<string, unknown>, K extends keyof M & string = keyof M & string> {
  /** URL of the task module that exports the actor's class or factory. */
  module: URL | string;
  /** The export: a class (`new`) or a factory function (called; may be async). */
  exportName: K;
  /** Constructor / factory arguments (also used on every restart). */
  args?: ActorArgs<M[K]>;
  /** The restart policy. */
  supervision?: SupervisionOptions;
  /**
   * When to take snapshots, for classes with `snapshot()` and
   * `restore(snapshot)`: `"after-call"` after every successful call (the
   * snapshot travels back with the result), `"manual"` only on
   * `actor.snapshot()`, `"none"` never (restarts begin from the constructor
   * alone). @default "after-call"
   */
  snapshots?: 'after-call' | 'manual' | 'none';
  /** Worker index the actor lives on. @default the next worker, round robin */
  worker?: number;
}

/** Per-call options (`actor.with(options).method(…)`). */
export interface ActorCallOptions {
  /** Cancels the call: a queued call is dropped; a running one sees `currentTask().cancelled` (and its worker is replaced after the pool's grace period if it does not stop, which restarts the actors living there). */
  signal?: AbortSignal;
  /** Time limit of the call in ms (`TimeoutError`), cancelled as by `signal`. */
  timeoutMs?: number;
  /** Receives the method's `currentTask().progress(done, total)` reports. */
  onProgress?: (done: number, total: number) => void;
}

/** The lifecycle of an actor. */
export type ActorState = 'running' | 'restarting' | 'stopping' | 'stopped';

/** Events of an actor (`actor.on(name, listener)`). */
export interface ActorEvents {
  /** Its worker died; `willRestart` tells whether the policy allows a restart. */
  crash: { error: unknown; willRestart: boolean };
  /** It was restarted (`restarts` so far; `fromSnapshot` when a snapshot was restored). */
  restart: { restarts: number; fromSnapshot: boolean };
  /** It stopped (`error` when the policy stopped it, or a restart failed). */
  stop: { error?: unknown };
}

/** Counters of an actor. */
export interface ActorStats {
  state: ActorState;
  /** Calls completed successfully / with an error. */
  calls: number;
  failed: number;
  /** Calls sent and not yet settled, and calls held on the main thread during a restart. */
  pending: number;
  held: number;
  restarts: number;
  workerIndex: number;
}

type Host = {
  actorCreate: RemoteFunction<[string, string, string, unknown[], [unknown] | undefined], CreatedActor>;
  actorCall: RemoteFunction<[string, string, unknown[]], unknown>;
  actorCallSnap: RemoteFunction<[string, string, unknown[]], unknown>;
  actorSnapshot: RemoteFunction<[string], unknown>;
  actorDestroy: RemoteFunction<[string], void>;
};

/** The actors of one pool, by worker: a crash seen by one of them is a crash for all on that worker. */
interface ActorSystem {
  host: Promise<Host>;
  next: number;
  nextId: number;
  byWorker: Map<number, Set<ActorRef<unknown>>>;
}

const systems = new WeakMap<Pool, ActorSystem>();

function systemOf(pool: Pool): ActorSystem {
  let s = systems.get(pool);
  if (s === undefined) {
    const host = pool.load(new URL('./actor-host.js', import.meta.url)) as unknown as Promise<Host>;
    systems.set(pool, (s = { host, next: 0, nextId: 1, byWorker: new Map() }));
  }
  return s;
}

interface HeldCall {
  method: string;
  args: unknown[];
  options: ActorCallOptions | undefined;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Creates an actor with every option (see {@link ActorOptions}); resolves
 * once its instance exists.
 * @throws (rejects) the constructor's error, `ModuleLoadError`, or `InvalidArgumentError`
 */
export async function spawnActor<M = Record<string, unknown>, K extends keyof M & string = keyof M & string>(pool: Pool, options: ActorOptions<M, K>): Promise<ActorRef<ActorInstance<M[K]>>> {
  const o = checkOptions('options', options);
  let href: string;
  try {
    href = new URL(String(o.module)).href;
  } catch {
    throw new InvalidArgumentError('options.module', o.module, 'a module URL such as new URL("./counter.js", import.meta.url)');
  }
  const exportName = checkString('options.exportName', o.exportName);
  const args = o.args === undefined ? [] : o.args;
  if (!Array.isArray(args)) throw new InvalidArgumentError('options.args', args, 'an array of constructor arguments');
  const sup = checkOptions('options.supervision', o.supervision);
  const maxRestarts = sup.maxRestarts === undefined ? 3 : checkInteger('options.supervision.maxRestarts', sup.maxRestarts, 0);
  const withinMs = sup.withinMs === undefined ? 60_000 : checkNumber('options.supervision.withinMs', sup.withinMs, 0, true);
  const snapshots = o.snapshots === undefined ? 'after-call' : checkOneOf('options.snapshots', o.snapshots, ['after-call', 'manual', 'none'] as const);
  const system = systemOf(pool);
  const worker = o.worker === undefined ? system.next++ % pool.threads : checkInteger('options.worker', o.worker, 0, pool.threads - 1);
  // Loading the module through the pool first makes a bad URL a ModuleLoadError and preloads it everywhere.
  const [host] = await Promise.all([system.host, pool.load(href)]);
  const ref = new ActorRef<ActorInstance<M[K]>>(system, host, `${exportName}#${system.nextId++}`, worker, href, exportName, args as unknown[], maxRestarts, withinMs, snapshots);
  await ref.init();
  return ref;
}

/**
 * Creates an actor from export `exportName` of task module `url` with
 * default options (see {@link spawnActor} for supervision, snapshots and
 * placement). Also available as `pool.actor(url, exportName, ...args)`.
 * @example const counter = await actor<typeof import('./counter.js'), 'Counter'>(pool, url, 'Counter', 10);
 */
export function actor<M = Record<string, unknown>, K extends keyof M & string = keyof M & string>(pool: Pool, url: URL | string, exportName: K, ...args: ActorArgs<M[K]>): Promise<ActorRef<ActorInstance<M[K]>>> {
  return spawnActor<M, K>(pool, { module: url, exportName, args });
}

/**
 * A handle to an actor: `actor.call.method(...args)` sends a call and
 * resolves with the method's result. Calls from this handle are processed in
 * the order they are made, one at a time.
 */
export class ActorRef<I> {
  /** The actor's id (`Export#n`), used in errors. */
  readonly id: string;
  readonly #system: ActorSystem;
  readonly #host: Host;
  readonly #worker: number;
  readonly #url: string;
  readonly #exportName: string;
  readonly #args: unknown[];
  readonly #maxRestarts: number;
  readonly #withinMs: number;
  readonly #snapshotPolicy: 'after-call' | 'manual' | 'none';
  readonly #events = new Emitter<ActorEvents>();
  #state: ActorState = 'restarting';
  #incarnation = 0;
  #restarts = 0;
  readonly #crashTimes: number[] = [];
  #methods: string[] = [];
  #call: ActorMethods<I> | undefined;
  /** Token of the worker thread holding the current instance. */
  #thread = '';
  #snapshots = false;
  #snapshot: [unknown] | undefined;
  #pending = 0;
  #calls = 0;
  #failed = 0;
  #held: HeldCall[] = [];
  #stopError: ActorStoppedError | undefined;
  #drained: (() => void)[] = [];

  /** @internal use {@link spawnActor}, {@link actor} or `pool.actor` */
  constructor(system: ActorSystem, host: Host, id: string, worker: number, url: string, exportName: string, args: unknown[], maxRestarts: number, withinMs: number, snapshots: 'after-call' | 'manual' | 'none') {
    this.#system = system;
    this.#host = host;
    this.id = id;
    this.#worker = worker;
    this.#url = url;
    this.#exportName = exportName;
    this.#args = args;
    this.#maxRestarts = maxRestarts;
    this.#withinMs = withinMs;
    this.#snapshotPolicy = snapshots;
  }

  /** @internal creates the first instance */
  async init(): Promise<void> {
    const created = await this.#host.actorCreate.with({ worker: this.#worker })(this.#key(), this.#url, this.#exportName, this.#args, undefined);
    this.#adopt(created);
    let set = this.#system.byWorker.get(this.#worker);
    if (set === undefined) this.#system.byWorker.set(this.#worker, (set = new Set()));
    set.add(this);
    this.#state = 'running';
  }

  /** `running`, `restarting` (calls are held until it is back), `stopping` or `stopped`. */
  get state(): ActorState {
    return this.#state;
  }

  /** Restarts so far (counted when a restart begins). */
  get restarts(): number {
    return this.#restarts;
  }

  /** The worker the actor lives on. */
  get workerIndex(): number {
    return this.#worker;
  }

  /** The methods of the actor's instance, each sending a call. */
  get call(): ActorMethods<I> {
    return (this.#call ??= this.with(undefined));
  }

  /** The methods, sending calls with per-call options (signal, timeout, progress). */
  with(options: ActorCallOptions | undefined): ActorMethods<I> {
    const o = options === undefined ? undefined : checkCallOptions(options);
    const out: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const name of this.#methods) out[name] = (...args: unknown[]) => this.#invoke(name, args, o);
    return Object.freeze(out) as unknown as ActorMethods<I>;
  }

  /** Sends a call of `method` by name (the typed form is {@link ActorRef.call}). */
  ask(method: string, ...args: unknown[]): Promise<unknown> {
    return this.#invoke(checkString('method', method), args, undefined);
  }

  /** Listens to `crash`, `restart` or `stop` events; returns a function that removes the listener. */
  on<K extends keyof ActorEvents>(event: K, listener: (payload: ActorEvents[K]) => void): Unsubscribe {
    return this.#events.on(event, listener);
  }

  /** Counters. */
  stats(): ActorStats {
    return { state: this.#state, calls: this.#calls, failed: this.#failed, pending: this.#pending, held: this.#held.length, restarts: this.#restarts, workerIndex: this.#worker };
  }

  /**
   * Takes a snapshot now (in order with the calls sent before it) and keeps
   * it for restarts.
   * @throws (rejects) TypeError when the instance has no `snapshot()`/`restore()` pair
   */
  async snapshot(): Promise<unknown> {
    if (!this.#snapshots) throw new TypeError(`Actor ${this.id} has no snapshot() and restore(snapshot) methods`);
    const s = await this.#invoke('snapshot', [], undefined);
    if (this.#snapshotPolicy !== 'none') this.#snapshot = [s];
    return s;
  }

  /**
   * Stops the actor after the calls already sent: later calls reject with
   * `ActorStoppedError`; then the instance is disposed (its
   * `[Symbol.asyncDispose]`, `[Symbol.dispose]` or `dispose()` is called).
   */
  async stop(): Promise<void> {
    if (this.#state === 'stopped' || this.#state === 'stopping') return;
    this.#state = 'stopping';
    this.#stopError = new ActorStoppedError(this.id, 'stop() was called');
    this.#rejectHeld(this.#stopError);
    while (this.#pending > 0) await new Promise<void>((r) => this.#drained.push(r));
    try {
      await this.#host.actorDestroy.with({ worker: this.#worker })(this.#key());
    } finally {
      this.#finalStop(undefined);
    }
  }

  // ------------------------------------------------------------ internals

  #key(): string {
    return `${this.id}:${this.#incarnation}`;
  }

  #adopt(created: CreatedActor): void {
    this.#methods = created.methods;
    this.#snapshots = created.snapshots;
    this.#thread = created.thread;
    this.#call = undefined;
  }

  #invoke(method: string, args: unknown[], options: ActorCallOptions | undefined): Promise<unknown> {
    if (this.#state === 'stopped' || this.#state === 'stopping') return Promise.reject(this.#stopError ?? new ActorStoppedError(this.id, 'stopped'));
    if (options?.signal?.aborted) return Promise.reject(new CancelledError('The call was cancelled before it was sent', { cause: options.signal.reason }));
    return new Promise((resolve, reject) => {
      const call: HeldCall = { method, args, options, resolve, reject };
      if (this.#state === 'restarting') this.#held.push(call);
      else this.#send(call);
    });
  }

  #send(call: HeldCall): void {
    const incarnation = this.#incarnation;
    const opts: TaskOptions = { worker: this.#worker };
    const o = call.options;
    if (o !== undefined) {
      if (o.signal !== undefined) opts.signal = o.signal;
      if (o.timeoutMs !== undefined) opts.timeoutMs = o.timeoutMs;
      if (o.onProgress !== undefined) opts.onProgress = o.onProgress;
    }
    const snap = this.#snapshots && this.#snapshotPolicy === 'after-call' && call.method !== 'snapshot';
    const fn = snap ? this.#host.actorCallSnap : this.#host.actorCall;
    this.#pending++;
    fn.with(opts)(this.#key(), call.method, call.args).then(
      (v) => {
        this.#calls++;
        if (snap) {
          const [result, s] = v as [unknown, unknown];
          if (incarnation === this.#incarnation) this.#snapshot = [s];
          call.resolve(result);
        } else call.resolve(v);
        this.#callDone();
      },
      (e: unknown) => {
        this.#failed++;
        if (e instanceof WorkerCrashedError || e instanceof ActorLostError) {
          call.reject(new ActorCrashedError(this.id, { cause: e }));
          this.#workerLost(e);
        } else call.reject(e);
        this.#callDone();
      },
    );
  }

  #callDone(): void {
    if (--this.#pending === 0 && this.#drained.length > 0) {
      const ws = this.#drained;
      this.#drained = [];
      for (const w of ws) w();
    }
  }

  /**
   * The worker thread that held an instance is gone. A crash of a running
   * call means this actor's thread died: every actor living on that thread
   * lost its state. A missing instance (`ActorLostError`, which names the
   * thread that ran the call) means every actor created before that thread
   * started lost its state.
   */
  #workerLost(e: WorkerCrashedError | ActorLostError): void {
    const dead = this.#thread;
    const current = e instanceof ActorLostError ? e.thread : undefined;
    for (const other of [...(this.#system.byWorker.get(this.#worker) ?? [])]) {
      const lost = current === undefined ? other.#thread === dead : other.#thread !== current;
      if (lost) other.#crashed(other.#incarnation, e);
    }
  }

  /** Handles the loss of incarnation `incarnation` (once): restart under the policy, or stop. */
  #crashed(incarnation: number, error: unknown): void {
    if (incarnation !== this.#incarnation || this.#state !== 'running') return;
    const now = performance.now();
    while (this.#crashTimes.length > 0 && now - this.#crashTimes[0]! > this.#withinMs) this.#crashTimes.shift();
    const willRestart = this.#crashTimes.length < this.#maxRestarts;
    this.#events.emit('crash', { error, willRestart });
    if (!willRestart) {
      const err = new ActorStoppedError(this.id, `it crashed ${this.#crashTimes.length + 1} times within ${this.#withinMs} ms, more than supervision.maxRestarts = ${this.#maxRestarts} allows`, { cause: error });
      this.#stopError = err;
      this.#rejectHeld(err);
      this.#finalStop(err);
      return;
    }
    this.#crashTimes.push(now);
    this.#restarts++;
    this.#state = 'restarting';
    void this.#restart();
  }

  async #restart(): Promise<void> {
    const oldKey = this.#key();
    this.#incarnation++;
    const restoreFrom = this.#snapshotPolicy === 'none' ? undefined : this.#snapshot;
    try {
      // Pinned tasks run in order: stale calls still queued there fail first, then the old instance (if any) goes.
      void this.#host.actorDestroy.with({ worker: this.#worker })(oldKey).catch(() => undefined);
      const created = await this.#host.actorCreate.with({ worker: this.#worker })(this.#key(), this.#url, this.#exportName, this.#args, restoreFrom);
      this.#adopt(created);
    } catch (cause) {
      if (cause instanceof WorkerCrashedError && this.#state === 'restarting') {
        // The worker died again while restarting: count it as another crash.
        this.#state = 'running';
        this.#crashed(this.#incarnation, cause);
        return;
      }
      const err = new ActorStoppedError(this.id, 'it could not be restarted', { cause });
      this.#stopError = err;
      this.#rejectHeld(err);
      this.#finalStop(err);
      return;
    }
    if (this.#state !== 'restarting') return;
    this.#state = 'running';
    this.#events.emit('restart', { restarts: this.#restarts, fromSnapshot: restoreFrom !== undefined });
    const held = this.#held;
    this.#held = [];
    for (const call of held) this.#send(call);
  }

  #rejectHeld(err: Error): void {
    const held = this.#held;
    this.#held = [];
    for (const call of held) call.reject(err);
  }

  #finalStop(error: unknown): void {
    this.#state = 'stopped';
    this.#system.byWorker.get(this.#worker)?.delete(this);
    this.#events.emit('stop', error === undefined ? {} : { error });
  }
}

function checkCallOptions(options: ActorCallOptions): ActorCallOptions {
  const o = checkOptions('options', options);
  const out: ActorCallOptions = {};
  if (o.signal !== undefined) out.signal = checkSignal('options.signal', o.signal);
  if (o.timeoutMs !== undefined) out.timeoutMs = checkNumber('options.timeoutMs', o.timeoutMs, 0, true);
  if (o.onProgress !== undefined) out.onProgress = checkFunction('options.onProgress', o.onProgress) as ActorCallOptions['onProgress'];
  return out;
}
