/**
 * The pool, main-thread side: submission, completion, cancellation, crash
 * recovery and shutdown. The protocol is described in core/README.md.
 */
import { cas, load, store, waitAsync, notify, add } from '../memory/atomics.js';
import { MpmcRing } from '../memory/mpmc-ring.js';
import { SharedHeap } from '../memory/shared-heap.js';
import { platform, type PlatformPort } from '../platform/platform.js';
import { checkFunction, checkInteger, checkNumber, checkOptions, checkSignal } from '../shared/check.js';
import { CancelledError, InvalidArgumentError, TesseraError, TimeoutError } from '../shared/errors.js';
import { BufferRegistry, bufferIdOwner, pullUntil, type CallableDef, type ControlMessage } from './control.js';
import { Deque } from './deque.js';
import { recordToError, type ErrorRecord } from './error-codec.js';
import { PoolClosedError, QueueFullError, WorkerCrashedError } from './errors.js';
import { functionSource } from './inline-function.js';
import {
  GEN_LIMIT, H_CONTROL_EPOCH, H_DONE_EVENT, H_MAIN_WAITING, H_SHUTDOWN, S_ATTEMPT, S_CALLABLE, S_CANCEL, S_OWNER,
  S_RUNNER, S_STATE, SHUTDOWN_DRAIN, SHUTDOWN_NOW, SLOT_BYTES, ST_CANCELLED, ST_DONE, ST_FAILED, ST_QUEUED,
  ST_RUNNING, joinSlotBase, makeRef, offsets, refGen, refSlot, stateWord, type PoolLayout,
  type PoolOffsets,
} from './layout.js';
import { resolvePoolOptions, type InlineTaskOptions, type PoolOptions, type ResolvedPoolOptions, type TaskOptions } from './pool-options.js';
import { makeRemote, type Remote } from './remote.js';
import { wakeAllWorkers, wakeWorkers } from './sleep.js';
import { SlotTable } from './slot-table.js';
import type { TaskContext } from './task-context.js';
import { STATS_WORDS, type WorkerInit } from './worker-init.js';
import { workerStats, type PoolStats } from './pool-stats.js';
import { StartupGuard } from './startup-guard.js';
import { TaskRecord } from './task-record.js';
import { WorkerSet } from './worker-set.js';
import { ModuleLoads } from './module-loads.js';
import { recoverRegion } from './region-recovery.js';
import { BufferReleases } from './buffer-release.js';
import { SettleWatch } from './settle-watch.js';

/**
 * A work-stealing pool of worker threads that dispatches through shared
 * memory. Create it with `new Pool(options)`; the workers start at once and
 * tasks may be submitted immediately.
 *
 * @example
 * const pool = new Pool({ threads: 4 });
 * const y = await pool.run((x: number) => x + 1, 41); // 42
 * const kernels = await pool.load<typeof import('./kernels.js')>(new URL('./kernels.js', import.meta.url));
 * await kernels.integrate(0, 1, 1e6);
 * await pool.close();
 */
export class Pool implements AsyncDisposable {
  /** The validated options in force. */
  readonly options: Readonly<ResolvedPoolOptions>;
  private readonly layout: PoolLayout;
  private readonly off: PoolOffsets;
  private readonly ctl: Int32Array;
  private readonly slots: SlotTable;
  private readonly heap: SharedHeap;
  private readonly statsBuf: SharedArrayBuffer;
  private readonly injector: MpmcRing;
  private readonly completions: MpmcRing;
  private readonly inboxes: MpmcRing[] = [];
  private readonly buffers: BufferRegistry;
  private readonly workers: WorkerSet;
  private readonly records: (TaskRecord | undefined)[];
  /** Generation of each main slot (only the main thread changes it: no atomic read needed). */
  private readonly gens: Uint16Array;
  private readonly freeSlots: number[] = [];
  /** Refs a ring could not take yet (see dispatch), with the ring. */
  private readonly unpublished: { ring: MpmcRing; ref: number }[] = [];
  private readonly pending: TaskRecord[] = [];
  private pendingHead = 0;
  private readonly inlineIds = new WeakMap<object, number>();
  private readonly sourceIds = new Map<string, number>();
  private readonly defs: [number, CallableDef][] = [];
  private nextCallable = 1;
  private readonly modules: ModuleLoads;
  private readonly releases: BufferReleases;
  /** Tasks someone waits to see settled (buffer releases); none open almost always. */
  private readonly settleWatch = new SettleWatch<TaskRecord>();
  /** Tasks accepted and not yet settled. */
  private unsettled = 0;
  /** Main slots in use (dispatched, not yet collected). */
  private dispatched = 0;
  private completed = 0;
  private crashes = 0;
  /** Consecutive workers that died while starting: 2 per thread before queued tasks are rejected. */
  private readonly startup: StartupGuard;
  /** Worker indexes whose thread left after its idle timeout. */
  private stopped = 0;
  private looping = false;
  private closing = false;
  private terminated = false;
  private keepAlive = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly deques: Deque[] = [];
  private wakeScheduled = false;
  /** Submissions that found no free slot (drives the opportunistic drain in submit). */
  private queuedInBurst = 0;
  /** Tasks dispatched by run() since the burst's first wake-up. */
  private burst = 0;
  private readonly flushWake = (): void => {
    this.wakeScheduled = false;
    if (this.burst > 1) wakeWorkers(this.ctl, Math.min(this.burst - 1, this.layout.threads));
  };

  /**
   * Creates the pool and starts its workers.
   * @throws InvalidArgumentError for a bad option, naming it.
   */
  constructor(options: PoolOptions = {}) {
    const o = resolvePoolOptions(options);
    this.options = Object.freeze(o);
    this.startup = new StartupGuard(2 * o.threads);
    this.releases = new BufferReleases({
      postAll: (m) => this.workers.postAll(m),
      wakeForControl: () => this.wakeForControl(),
      drain: () => void this.drain(),
      unsettledNowSettled: () => this.settleWatch.watch(this.unsettledTasks()),
      registry: () => this.buffers,
    });
    this.modules = new ModuleLoads({
      postAll: (m) => this.workers.postAll(m),
      wakeForControl: () => this.wakeForControl(),
      startStoppedWorkers: () => this.startStoppedWorkers(true),
      hold: (delta) => this.hold(delta),
    });
    const mainSlots = o.slots;
    let ring = 2;
    while (ring < mainSlots * 2) ring *= 2;
    this.layout = { threads: o.threads, mainSlots, joinSlots: 64, dequeCapacity: 256, ringCapacity: ring, inboxCapacity: 1024 };
    this.off = offsets(this.layout);
    this.ctl = new Int32Array(new SharedArrayBuffer(this.off.controlWords * 4));
    this.heap = SharedHeap.create({ maxBytes: o.maxHeapBytes });
    this.statsBuf = new SharedArrayBuffer(o.threads * STATS_WORDS * 8);
    this.buffers = new BufferRegistry(
      1,
      (id, sab) => this.workers.postAll({ t: 'buffer', id, sab }),
      (id, found, what) => {
        // A worker announces a buffer it created before it publishes the result that holds it.
        const w = bufferIdOwner(id);
        const port = this.workers.slots[w]?.port;
        if (port === undefined) throw new TesseraError('ERR_PROTOCOL', `Tessera internal error: ${what} belongs to worker ${w}, which is gone`);
        pullUntil(port, (m) => this.onMessage(w, m), found, what);
      },
    );
    this.slots = new SlotTable(new SharedArrayBuffer(this.off.totalSlots * SLOT_BYTES), this.heap, this.buffers);
    // The rings live in the fresh (all-zero) control buffer, which already is empty rings (see
    // MpmcRing): no init(). Every write to shared memory happens before the threads start; what
    // follows them is main-thread state only (a thread boots for ~20 ms, so starting them first
    // takes this off the critical path).
    this.injector = new MpmcRing(this.ctl, this.off.injectorBase, ring);
    this.completions = new MpmcRing(this.ctl, this.off.completionBase, ring);
    for (let w = 0; w < o.threads; w++) {
      this.inboxes.push(new MpmcRing(this.ctl, this.off.inboxBase + w * this.off.inboxWords, this.layout.inboxCapacity));
    }
    this.workers = new WorkerSet(new URL('./worker-entry.cjs', import.meta.url), o.name, this.ctl, (w) => this.regionOf(w), o.resourceLimits, {
      initFor: (w, port) => this.initFor(w, port),
      onMessage: (w, m) => this.onMessage(w, m),
      onExit: (w, clean, code, err, started) => this.onExit(w, clean, code, err, started),
    });
    for (let w = 0; w < o.threads; w++) this.workers.start(w);
    this.records = new Array<TaskRecord | undefined>(mainSlots).fill(undefined);
    this.gens = new Uint16Array(mainSlots);
    for (let s = mainSlots - 1; s >= 0; s--) this.freeSlots.push(s);
    for (let w = 0; w < o.threads; w++) this.deques.push(new Deque(this.ctl, this.regionOf(w), this.layout.dequeCapacity));
  }

  /** Number of worker threads. */
  get threads(): number {
    return this.layout.threads;
  }

  private regionOf(w: number): number {
    return this.off.workersBase + w * this.off.workerWords;
  }

  private initFor(index: number, _port: PlatformPort): Omit<WorkerInit, 'port'> {
    return {
      index,
      layout: this.layout,
      ctl: this.ctl.buffer as SharedArrayBuffer,
      slots: this.slots.buffer,
      heap: this.heap.buffer,
      stats: this.statsBuf,
      callables: [...this.defs],
      buffers: this.buffers.entries(),
      releasing: this.releases.releasing(),
      modules: this.modules.loadedModules(),
      preloads: platform().workerPreloads(),
      idle: this.options.idle,
      idleTimeoutMs: this.options.idleTimeoutMs,
      threadId: nextThreadId++,
    };
  }

  // ---------------------------------------------------------------- submit

  /**
   * Runs an inline function on a worker: `fn(input, ctx)`. The function's
   * source travels to the workers (compiled once per worker, cached), so it
   * must not use variables from its surroundings: pass them as
   * `options.context` (read `ctx.context`), or use a task module.
   *
   * @param fn a self-contained function of `(input, ctx)`
   * @param input its first argument (serialized; numbers take a fast path)
   * @param options signal, timeoutMs, retries, context
   * @returns the function's (awaited) result
   * @throws (rejects) the task's own error, `FreeVariableError`, `CancelledError`,
   *   `TimeoutError`, `WorkerCrashedError`, `QueueFullError` or `PoolClosedError`
   * @example await pool.run((x: number, ctx) => x * ctx.context.k, 21, { context: { k: 2 } })
   */
  run<I, R, C = undefined>(fn: (input: I, ctx: TaskContext<C>) => R, input?: I, options?: InlineTaskOptions<C>): Promise<Awaited<R>> {
    let id = this.inlineIds.get(fn);
    if (id === undefined) {
      checkFunction('fn', fn);
      const source = functionSource(fn);
      id = this.sourceIds.get(source);
      if (id === undefined) {
        id = this.define({ kind: 'inline', source });
        this.sourceIds.set(source, id);
      }
      this.inlineIds.set(fn, id);
    }
    if (options?.context === undefined) return this.submit(id, undefined, input, options) as Promise<Awaited<R>>;
    return this.submit(id, [input, options.context], undefined, options) as Promise<Awaited<R>>;
  }

  /**
   * Loads a task module in every worker and returns an object whose methods
   * run its exported functions on the pool, typed after the module:
   * `const k = await pool.load<typeof import('./kernels.js')>(url); await k.add1(41)`.
   * Modules written in TypeScript load when the program runs under a loader
   * such as `tsx` (workers inherit it); `.js` modules always load.
   * Loading the same URL twice returns the same object.
   * @param url the module's URL (e.g. `new URL('./kernels.js', import.meta.url)`)
   * @throws (rejects) ModuleLoadError when a worker cannot import it
   */
  load<T = Record<string, (...args: any[]) => unknown>>(url: URL | string): Promise<Remote<T>> {
    this.assertOpen();
    let href: string;
    try {
      href = new URL(String(url)).href;
    } catch {
      throw new InvalidArgumentError('url', url, 'a module URL such as new URL("./kernels.js", import.meta.url)');
    }
    return this.modules.load(href, (module, exports) => {
      const ids = new Map<string, number>();
      for (const name of exports) ids.set(name, this.define({ kind: 'export', module, name }));
      return makeRemote<T>(ids, (id, args, options) => this.submit(id, args, undefined, options));
    });
  }

  /** Registers a callable and tells the live workers. */
  private define(def: CallableDef): number {
    const id = this.nextCallable++;
    this.defs.push([id, def]);
    this.workers.postAll({ t: 'callable', id, def });
    return id;
  }

  private assertOpen(): void {
    if (this.closing) throw new PoolClosedError(this.terminated ? 'The pool was terminated' : 'The pool is closing');
  }

  /**
   * Submits a call of callable `id` with `args`, or with the single argument `arg` when
   * `args` is undefined (saves an array per task); the hot path of every task.
   */
  private submit(id: number, args: unknown[] | undefined, arg: unknown, options: TaskOptions | undefined): Promise<unknown> {
    if (this.closing) return Promise.reject(new PoolClosedError(this.terminated ? 'The pool was terminated' : 'The pool is closing'));
    let signal: AbortSignal | undefined;
    let timeoutMs = this.options.timeoutMs;
    let retries = this.options.retries;
    let worker = -1;
    let onProgress: ((done: number, total: number) => void) | undefined;
    if (options !== undefined) {
      checkOptions('options', options);
      signal = checkSignal('options.signal', options.signal);
      if (options.timeoutMs !== undefined) timeoutMs = checkNumber('options.timeoutMs', options.timeoutMs, 0, true);
      if (options.retries !== undefined) retries = checkInteger('options.retries', options.retries, 0, 100);
      if (options.worker !== undefined) worker = checkInteger('options.worker', options.worker, 0, this.layout.threads - 1);
      if (options.onProgress !== undefined) onProgress = checkFunction('options.onProgress', options.onProgress) as (done: number, total: number) => void;
      if (signal?.aborted) return Promise.reject(new CancelledError('The task was cancelled before it started', { cause: signal.reason }));
    }
    if (this.unsettled - this.layout.threads >= this.options.maxQueue && this.options.queueFull === 'reject') {
      return Promise.reject(new QueueFullError(this.options.maxQueue));
    }
    const promise = new Promise<unknown>(capture);
    const rec = new TaskRecord(id, args, arg, capturedResolve, capturedReject, retries, worker);
    this.unsettled++;
    if (signal !== undefined) {
      const x = rec.extras();
      x.signal = signal;
      x.onAbort = () => this.cancel(rec, new CancelledError('The task was cancelled', { cause: signal.reason }));
      signal.addEventListener('abort', x.onAbort, { once: true });
    }
    if (timeoutMs !== Infinity) {
      rec.extras().timer = setTimeout(() => this.cancel(rec, new TimeoutError(`The task did not finish within ${timeoutMs} ms`, timeoutMs)), timeoutMs);
    }
    if (onProgress !== undefined) rec.extras().onProgress = onProgress;
    if (this.freeSlots.length > 0 && this.pendingHead === this.pending.length) {
      this.dispatch(rec);
      // One wake-up per synchronous burst of submissions, plus one at its end
      // (woken workers wake more when they see more work): notifying on every
      // run() while a sleeper is still on its way up would cost a syscall each.
      if (!this.wakeScheduled) {
        this.wakeScheduled = true;
        this.burst = 0;
        wakeWorkers(this.ctl, 1);
        queueMicrotask(this.flushWake);
      }
      this.burst++;
    } else {
      this.pending.push(rec);
      // During a long synchronous burst of run() calls the completion loop cannot run:
      // collect finished tasks here now and then, so the workers keep getting work.
      if ((++this.queuedInBurst & 63) === 0) this.drain();
    }
    return promise;
  }

  /** Writes `rec` into a free slot and publishes it on the injector. */
  private dispatch(rec: TaskRecord): void {
    const slot = this.freeSlots.pop()!;
    const gen = (this.gens[slot]! + 1) % GEN_LIMIT;
    this.gens[slot] = gen;
    const i32 = this.slots.i32;
    const w = this.slots.word(slot, 0);
    i32[w + S_CALLABLE] = rec.callable;
    i32[w + S_OWNER] = -1;
    i32[w + S_RUNNER] = -1;
    i32[w + S_CANCEL] = 0;
    i32[w + S_ATTEMPT] = rec.attempt;
    try {
      if (rec.args === undefined) this.slots.writeArg(slot, rec.arg);
      else this.slots.writeArgs(slot, rec.args);
    } catch (err) {
      this.freeSlots.push(slot);
      this.settle(rec, false, err);
      return;
    }
    store(i32, w + S_STATE, stateWord(gen, ST_QUEUED));
    rec.slot = slot;
    rec.gen = gen;
    this.records[slot] = rec;
    if (++this.dispatched === 1) {
      this.hold(1);
      this.ensureLoop();
    }
    // A push can fail while a consumer that was descheduled in the middle of its pop still holds the
    // cell one lap behind; keep the ref and publish it on the next drain.
    const ring = rec.worker < 0 ? this.injector : this.inboxes[rec.worker]!;
    const ref = makeRef(slot, gen);
    if (this.unpublished.length > 0 || !ring.push(ref)) this.unpublished.push({ ring, ref });
    // A pinned task must wake its own worker: wake them all (pinning is for actors, not hot loops).
    if (rec.worker >= 0) wakeAllWorkers(this.ctl);
    if (this.stopped > 0) this.startStoppedWorkers(false);
  }

  /** Moves tasks waiting on the main thread into free slots. */
  private dispatchPending(): void {
    let n = 0;
    while (this.freeSlots.length > 0 && this.pendingHead < this.pending.length) {
      const rec = this.pending[this.pendingHead]!;
      this.pending[this.pendingHead++] = undefined as unknown as TaskRecord;
      if (!rec.settled) {
        this.dispatch(rec);
        n++;
      }
    }
    if (n > 0) wakeWorkers(this.ctl, Math.min(n, this.layout.threads));
    if (this.pendingHead === this.pending.length) {
      this.pending.length = 0;
      this.pendingHead = 0;
    } else if (this.pendingHead > 4096 && this.pendingHead * 2 > this.pending.length) {
      this.pending.splice(0, this.pendingHead);
      this.pendingHead = 0;
    }
  }

  // ------------------------------------------------------------ complete

  private ensureLoop(): void {
    if (!this.looping) {
      this.looping = true;
      void this.completionLoop();
    }
  }

  /** Collects completions in batches, waiting with Atomics.waitAsync so the event loop never blocks. */
  private async completionLoop(): Promise<void> {
    try {
      while (this.dispatched > 0 && !this.terminated) {
        if (this.drain() > 0) continue;
        const event = load(this.ctl, H_DONE_EVENT);
        store(this.ctl, H_MAIN_WAITING, 1);
        if (this.completions.size() === 0) await waitAsync(this.ctl, H_DONE_EVENT, event, this.unpublished.length > 0 ? 1 : Infinity);
        store(this.ctl, H_MAIN_WAITING, 0);
      }
    } finally {
      this.looping = false;
    }
    if (this.dispatched > 0 && !this.terminated) this.ensureLoop();
  }

  /** Takes every completion from the ring; returns how many. */
  private drain(): number {
    while (this.unpublished.length > 0 && this.unpublished[0]!.ring.push(this.unpublished[0]!.ref)) this.unpublished.shift();
    let n = 0;
    for (let ref = this.completions.pop(-1); ref !== -1; ref = this.completions.pop(-1)) {
      n++;
      this.complete(refSlot(ref), refGen(ref));
    }
    if (n > 0) this.dispatchPending();
    return n;
  }

  /** Reads the outcome of a finished slot, frees it and settles its task. */
  private complete(slot: number, gen: number): void {
    const rec = this.records[slot];
    if (rec === undefined || rec.gen !== gen) return;
    if (rec.ext?.onProgress !== undefined) this.deliverProgress(this.slots.get(slot, S_RUNNER));
    const state = this.slots.state(slot);
    let value: unknown;
    let ok = state === ST_DONE;
    try {
      value = this.slots.readResult(slot);
    } catch (err) {
      ok = false;
      value = err;
    }
    this.freeSlot(slot);
    if (!ok && value !== null && typeof value === 'object' && 'message' in value && !(value instanceof Error)) value = recordToError(value as ErrorRecord);
    this.settle(rec, ok, value);
  }

  /** Delivers the progress messages worker `w` posted before it finished a task, so they precede its result. */
  private deliverProgress(w: number): void {
    const port = this.workers.slots[w]?.port;
    if (port === undefined) return;
    const p = platform();
    for (let got = p.receiveSync(port); got !== undefined; got = p.receiveSync(port)) this.onMessage(w, got.message as ControlMessage);
  }

  private freeSlot(slot: number): void {
    this.slots.releaseArgs(slot);
    this.records[slot] = undefined;
    this.freeSlots.push(slot);
    if (--this.dispatched === 0) this.hold(-1);
  }

  private settle(rec: TaskRecord, ok: boolean, value: unknown): void {
    if (rec.settled) return;
    rec.settled = true;
    this.unsettled--;
    this.completed++;
    rec.release();
    const aborted = rec.abortReason;
    if (aborted !== undefined) rec.reject(aborted);
    else if (ok) rec.resolve(value);
    else rec.reject(value);
    if (this.settleWatch.active) this.settleWatch.settled(rec);
    if (this.unsettled === 0 && this.idleWaiters.length > 0) {
      const ws = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of ws) w();
    }
  }

  /** The tasks unsettled now: queued on the main thread, dispatched, running or waiting to be collected. */
  private *unsettledTasks(): Iterable<TaskRecord> {
    for (const rec of this.records) if (rec !== undefined && !rec.settled) yield rec;
    for (let i = this.pendingHead; i < this.pending.length; i++) {
      const rec = this.pending[i];
      if (rec !== undefined && !rec.settled) yield rec;
    }
  }

  /** Makes parked workers read their control port (module loads, buffer releases). */
  private wakeForControl(): void {
    add(this.ctl, H_CONTROL_EPOCH, 1);
    wakeAllWorkers(this.ctl);
  }

  // -------------------------------------------------------------- cancel

  /** Cancels `rec` with `reason`: dequeue it if it has not started, else flag it and arm the grace timer. */
  private cancel(rec: TaskRecord, reason: Error): void {
    if (rec.settled) return;
    if (rec.slot < 0) {
      this.settle(rec, false, reason); // still on the main queue; dispatchPending skips settled records
      return;
    }
    const slot = rec.slot;
    if (this.unqueue(rec)) {
      this.settle(rec, false, reason);
      this.dispatchPending();
      return;
    }
    // Running (or finished and not yet collected): ask it to stop, reject now, kill after the grace period.
    this.slots.set(slot, S_CANCEL, 1);
    rec.extras().abortReason = reason;
    this.settle(rec, false, reason);
    const gen = rec.gen;
    const grace = setTimeout(() => {
      if (this.records[slot] === rec && rec.gen === gen && this.slots.state(slot) === ST_RUNNING) {
        const runner = this.slots.get(slot, S_RUNNER);
        if (runner >= 0) this.workers.kill(runner);
      }
    }, this.options.cancelGraceMs);
    grace.unref?.();
  }

  // --------------------------------------------------------------- workers

  private startStoppedWorkers(all: boolean): void {
    for (const s of this.workers.slots) {
      if (s.phase === 'stopped' && !this.closing) {
        this.stopped--;
        this.workers.start(s.index);
        if (!all) return;
      }
    }
  }

  private onMessage(w: number, m: ControlMessage): void {
    switch (m.t) {
      case 'buffer':
        this.buffers.add(m.id, m.sab);
        this.workers.postOthers(w, m);
        break;
      case 'ready':
        this.startup.started();
        break;
      case 'progress': {
        const rec = this.records[m.slot];
        if (rec !== undefined && rec.gen === m.gen && !rec.settled) rec.ext?.onProgress?.(m.done, m.total);
        break;
      }
      case 'forgot':
        this.releases.onForgot(w, m.ids);
        break;
      case 'loaded':
      case 'load-failed':
        this.modules.onReply(w, m);
        break;
      default:
        break;
    }
  }

  private onExit(w: number, clean: boolean, code: number, err: Error | undefined, started: boolean): void {
    const slotInfo = this.workers.slots[w]!;
    this.modules.workerGone(w);
    this.releases.workerGone(w);
    if (this.terminated || slotInfo.phase === 'terminated') {
      slotInfo.phase = 'terminated';
      return;
    }
    if (clean) {
      slotInfo.phase = this.closing ? 'terminated' : 'stopped';
      if (slotInfo.phase === 'stopped') this.stopped++;
      // Work may have arrived while it was leaving.
      if (!this.closing && (this.dispatched > 0 || this.injector.size() > 0)) this.startStoppedWorkers(false);
      return;
    }
    this.crashes++;
    slotInfo.phase = 'recovering';
    if (!started) {
      this.onStartFailure(w, code, err);
      return;
    }
    this.drain();
    const crash = () => new WorkerCrashedError(w, code, err === undefined ? undefined : { cause: err });
    for (let slot = 0; slot < this.layout.mainSlots; slot++) {
      const rec = this.records[slot];
      if (rec === undefined) continue;
      const state = this.slots.state(slot);
      if (this.slots.get(slot, S_RUNNER) !== w) continue;
      if (state === ST_DONE || state === ST_FAILED) {
        this.complete(slot, rec.gen); // it finished but died before handing it back
      } else if (state === ST_RUNNING) {
        this.freeSlot(slot);
        if (!rec.settled && rec.abortReason === undefined && rec.attempt < rec.retries) {
          rec.attempt++;
          rec.slot = -1;
          this.pending.splice(this.pendingHead, 0, rec);
        } else {
          this.settle(rec, false, crash());
        }
      }
    }
    this.recoverRegion(w);
  }

  /**
   * Worker `w` died before reaching its loop (it ran nothing, so its deque and join
   * slots are untouched): restart it after a back-off, or, when starting keeps failing
   * and no worker is running, reject the queued tasks (see startup-guard.ts).
   */
  private onStartFailure(w: number, code: number, err: Error | undefined): void {
    const slotInfo = this.workers.slots[w]!;
    const { delayMs, error } = this.startup.failed(w, code, err);
    if (error !== undefined && !this.workers.anyStarted()) {
      slotInfo.phase = 'stopped';
      this.stopped++;
      this.failQueued(error);
      return;
    }
    const timer = setTimeout(() => {
      if (this.terminated || slotInfo.phase !== 'recovering') return;
      if (this.closing && this.dispatched === 0) slotInfo.phase = 'terminated';
      else this.workers.start(w);
    }, delayMs);
    // Outstanding tasks keep the process alive while their worker is being restarted.
    if (this.unsettled === 0) timer.unref?.();
  }

  /** Rejects every task that no worker has taken yet, and pending module loads, with `error`. */
  private failQueued(error: Error): void {
    for (const rec of this.records) if (rec !== undefined && !rec.settled && this.unqueue(rec)) this.settle(rec, false, error);
    this.rejectMainQueue(error);
  }

  /**
   * Takes dispatched task `rec` back if no worker has claimed it (CAS QUEUED → CANCELLED,
   * so a worker that pops its ref skips it) and frees its slot; false when it already runs.
   */
  private unqueue(rec: TaskRecord): boolean {
    const queued = stateWord(rec.gen, ST_QUEUED);
    if (cas(this.slots.i32, this.slots.word(rec.slot, S_STATE), queued, stateWord(rec.gen, ST_CANCELLED)) !== queued) return false;
    this.freeSlot(rec.slot);
    return true;
  }

  /** Rejects every task still on the main-thread queue, and pending module loads, with `error`. */
  private rejectMainQueue(error: Error): void {
    for (let i = this.pendingHead; i < this.pending.length; i++) {
      const rec = this.pending[i];
      if (rec !== undefined) this.settle(rec, false, error);
    }
    this.pending.length = 0;
    this.pendingHead = 0;
    this.modules.rejectAll(error);
  }

  /**
   * Makes worker `w`'s deque and join slots safe to reuse (region-recovery.ts), then
   * starts a new thread at `w` — unless the pool is closing with nothing left to run.
   */
  private recoverRegion(w: number): void {
    recoverRegion(this.deques[w]!, this.slots, joinSlotBase(this.layout, w), this.layout.joinSlots, {
      stopped: () => this.terminated,
      busy: () => this.unsettled > 0,
      restart: () => {
        if (this.closing && this.dispatched === 0) {
          this.workers.slots[w]!.phase = 'terminated';
          return;
        }
        this.workers.start(w);
        this.dispatchPending();
        wakeAllWorkers(this.ctl);
      },
    });
  }

  /** Keeps the process alive while `n > 0` units of work are outstanding. */
  private hold(delta: number): void {
    this.keepAlive += delta;
    this.workers.setReferenced(this.keepAlive > 0);
  }

  // ------------------------------------------------------------ buffers

  /**
   * Releases shared buffers: every thread of the pool forgets them once no handle to
   * them can still be in flight (the tasks unsettled when the workers have acknowledged
   * have settled), so that they are garbage-collected when your code drops them. Passing
   * one to a task again afterwards simply shares it again. Buffers the pool never saw are
   * ignored. Without it, a buffer that travelled to the pool stays registered (and in
   * memory) until the pool is closed. Protocol: core/buffer-release.ts.
   * @param buffers SharedArrayBuffers, or views over them (typed arrays, DataViews)
   * @returns resolves when every thread has forgotten them
   * @throws InvalidArgumentError for anything else
   * @example const a = shared.float64(1e6); await k.fill(a, 1); … ; await pool.release(a);
   */
  async release(...buffers: (SharedArrayBuffer | ArrayBufferView)[]): Promise<void> {
    if (this.terminated) return this.releases.releaseBuffers(buffers, true);
    // The answers arrive as port messages: keep the process alive for them.
    this.hold(1);
    try {
      await this.releases.releaseBuffers(buffers, false);
    } finally {
      this.hold(-1);
    }
  }

  // ------------------------------------------------------------ shutdown

  /**
   * Stops accepting tasks, lets every accepted task finish, then stops the
   * workers. Always resolves (tasks that fail still settle their own promises).
   */
  async close(): Promise<void> {
    if (!this.closing) this.closing = true;
    while (this.unsettled > 0 || this.dispatched > 0) {
      if (this.unsettled > 0) await new Promise<void>((r) => this.idleWaiters.push(r));
      else await new Promise<void>((r) => setTimeout(r, 1));
      if (this.terminated) break;
    }
    store(this.ctl, H_SHUTDOWN, SHUTDOWN_DRAIN);
    wakeAllWorkers(this.ctl);
    this.hold(1);
    for (const s of this.workers.slots) if (s.phase !== 'running') s.phase = 'terminated';
    await this.workers.allExited();
    this.buffers.clear();
    this.hold(-1);
  }

  /**
   * Stops now: rejects every unsettled task with `PoolClosedError` and
   * terminates the workers. Resolves when every thread has exited.
   */
  async terminate(): Promise<void> {
    this.closing = true;
    this.terminated = true;
    store(this.ctl, H_SHUTDOWN, SHUTDOWN_NOW);
    wakeAllWorkers(this.ctl);
    add(this.ctl, H_DONE_EVENT, 1);
    notify(this.ctl, H_DONE_EVENT);
    const err = new PoolClosedError('The pool was terminated');
    for (const rec of this.records) if (rec !== undefined) this.settle(rec, false, err);
    this.rejectMainQueue(err);
    await this.workers.terminateAll();
    this.buffers.clear();
    this.workers.setReferenced(false);
  }

  /** `await using pool = new Pool()` closes the pool at the end of the scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // --------------------------------------------------------------- stats

  /** A snapshot of the pool's and each worker's counters. */
  stats(): PoolStats {
    return {
      threads: this.layout.threads,
      pending: this.unsettled,
      queuedOnMain: this.pending.length - this.pendingHead,
      queuedShared: this.injector.size(),
      completed: this.completed,
      crashes: this.crashes,
      workers: workerStats(this.ctl, this.statsBuf, this.layout.threads, (w) => this.regionOf(w), this.deques, this.workers.slots),
    };
  }
}


// One executor for every task promise: no closure allocated per task.
let capturedResolve!: (v: unknown) => void;
let capturedReject!: (e: unknown) => void;
function capture(resolve: (v: unknown) => void, reject: (e: unknown) => void): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

/** Sync-layer thread ids of pool workers: a range random ids (see sync/thread-id.ts) rarely meet. */
let nextThreadId = 0x40000000;
