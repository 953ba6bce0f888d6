/**
 * The worker side of the pool: the scheduling loop each worker thread runs.
 *
 * Loop: take a task ref from (1) the bottom of its own deque, (2) the top of
 * another worker's deque (a steal), (3) the injector ring fed by the main
 * thread; claim the slot with a CAS from QUEUED to RUNNING (a ref whose slot
 * has moved on — cancelled, or reused with a newer generation — fails the CAS
 * and is skipped); run it; write the result into the slot; then hand the slot
 * back: through the completion ring to the main thread, or by notifying the
 * slot's state word for a `join` child owned by a worker. With nothing to do
 * it spins, yields and parks (`sleep.ts`). Details: core/README.md.
 */
import { add, cas, load, notify, spinHint, store, wait } from '../memory/atomics.js';
import { MpmcRing } from '../memory/mpmc-ring.js';
import { SharedHeap } from '../memory/shared-heap.js';
import { platform } from '../platform/platform.js';
import { BufferRegistry, WORKER_BUFFER_ID_STRIDE, pullUntil, type CallableDef, type ControlMessage } from './control.js';
import { ABORT, Deque, EMPTY } from './deque.js';
import { errorToRecord } from './error-codec.js';
import { compileInline, explainInlineError } from './inline-function.js';
import {
  H_CONTROL_EPOCH, H_DONE_EVENT, H_JOBS_EVENT, H_MAIN_WAITING, H_SHUTDOWN, H_SLEEPERS, H_SPINNERS, S_ATTEMPT,
  S_CALLABLE, S_CANCEL, S_OWNER, S_RUNNER, S_STATE, SHUTDOWN_DRAIN, SHUTDOWN_NOW, ST_DONE, ST_FAILED, ST_QUEUED,
  ST_RUNNING, W_STATE, W_TASKS_RUN, W_TASKS_STOLEN, WS_ACTIVE, WS_EXITED, WS_SLEEPING, makeRef, offsets, refGen,
  refSlot, stateWord, type PoolLayout, type PoolOffsets,
} from './layout.js';
import { wakeWorkers, type ResolvedIdleStrategy } from './sleep.js';
import { SlotTable } from './slot-table.js';
import { RunningTask, enterTask, leaveTask } from './task-context.js';
import { STAT_BUSY_MS, STAT_IDLE_MS, STATS_WORDS, type WorkerInit } from './worker-init.js';
import { JoinRuntime } from './join-runtime.js';

type Fn = (...args: any[]) => unknown;

/** Result of executing a ref: nothing to wait for, or a promise for an async task. */
type Execution = Promise<void> | undefined;

export class WorkerRuntime {
  readonly index: number;
  readonly layout: PoolLayout;
  readonly off: PoolOffsets;
  readonly ctl: Int32Array;
  readonly slots: SlotTable;
  readonly deques: Deque[];
  readonly own: Deque;
  private readonly injector: MpmcRing;
  private readonly completions: MpmcRing;
  /** Tasks pinned to this worker (actors, `worker` option), FIFO. */
  private readonly inbox: MpmcRing;
  private readonly stats: Float64Array;
  private readonly region: number;
  private readonly port: WorkerInit['port'];
  private readonly idle: ResolvedIdleStrategy;
  private readonly idleTimeoutMs: number;
  private readonly defs = new Map<number, CallableDef>();
  private readonly fns = new Map<number, Fn>();
  private readonly modules = new Map<number, Record<string, unknown>>();
  /** Exported function → callable id, for `join`. */
  private readonly exportIds = new WeakMap<Fn, number>();
  private readonly buffers: BufferRegistry;
  private controlEpoch = 0;
  /** Posts a task's progress to the main thread (main-owned slots only). */
  private readonly progressSink = (slot: number, gen: number, done: number, total: number): void => {
    if (this.slots.get(slot, S_OWNER) < 0) this.port.postMessage({ t: 'progress', slot, gen, done, total } satisfies ControlMessage);
  };
  private victim = 0;
  readonly join: JoinRuntime;

  constructor(init: WorkerInit) {
    this.index = init.index;
    this.layout = init.layout;
    this.off = offsets(init.layout);
    this.ctl = new Int32Array(init.ctl);
    this.port = init.port;
    this.idle = init.idle;
    this.idleTimeoutMs = init.idleTimeoutMs;
    this.stats = new Float64Array(init.stats);
    this.region = this.off.workersBase + this.index * this.off.workerWords;
    this.buffers = new BufferRegistry(
      (this.index + 1) * WORKER_BUFFER_ID_STRIDE,
      (id, sab) => this.port.postMessage({ t: 'buffer', id, sab } satisfies ControlMessage),
      (_id, found, what) => pullUntil(this.port, (m) => this.handleSync(m), found, what),
    );
    const releasing = new Set(init.releasing);
    for (const [id, sab] of init.buffers) this.buffers.add(id, sab, !releasing.has(id));
    this.slots = new SlotTable(init.slots, SharedHeap.attach(init.heap), this.buffers);
    this.deques = [];
    for (let w = 0; w < this.layout.threads; w++) {
      this.deques.push(new Deque(this.ctl, this.off.workersBase + w * this.off.workerWords, this.layout.dequeCapacity));
    }
    this.own = this.deques[this.index]!;
    this.injector = new MpmcRing(this.ctl, this.off.injectorBase, this.layout.ringCapacity);
    this.completions = new MpmcRing(this.ctl, this.off.completionBase, this.layout.ringCapacity);
    this.inbox = new MpmcRing(this.ctl, this.off.inboxBase + this.index * this.off.inboxWords, this.layout.inboxCapacity);
    for (const [id, def] of init.callables) this.defs.set(id, def);
    this.join = new JoinRuntime(this);
  }

  /** Loads the modules known at start, then runs the scheduling loop until shutdown or idle timeout. */
  async start(modules: [number, string][]): Promise<void> {
    for (const [id, url] of modules) this.modules.set(id, (await import(url)) as Record<string, unknown>);
    for (const [id, def] of this.defs) this.indexExport(id, def);
    store(this.ctl, this.region + W_STATE, WS_ACTIVE);
    await this.drainControl(); // messages posted while this thread was starting
    this.port.postMessage({ t: 'ready' } satisfies ControlMessage);
    await this.loop();
    store(this.ctl, this.region + W_STATE, WS_EXITED);
  }

  private async loop(): Promise<void> {
    let t0 = platform().now();
    let woke = false;
    for (;;) {
      const shutdown = load(this.ctl, H_SHUTDOWN);
      if (shutdown === SHUTDOWN_NOW) return;
      if (load(this.ctl, H_CONTROL_EPOCH) !== this.controlEpoch) await this.drainControl();
      const ref = this.findWork(true);
      if (ref >= 0) {
        if (woke) {
          // Just woken and there is more: wake the next sleeper (wake-ups cascade).
          woke = false;
          if (this.anyWork()) wakeWorkers(this.ctl, 1);
        }
        const running = this.execute(ref, true);
        if (running !== undefined) await running;
        continue;
      }
      if (shutdown === SHUTDOWN_DRAIN) return;
      const t1 = platform().now();
      this.stats[this.index * STATS_WORDS + STAT_BUSY_MS]! += t1 - t0;
      const idleFor = this.waitForWork();
      woke = true;
      t0 = platform().now();
      this.stats[this.index * STATS_WORDS + STAT_IDLE_MS]! += t0 - t1;
      if (idleFor >= this.idleTimeoutMs && !this.anyWork()) return;
    }
  }

  /**
   * Finds a task ref: own deque, then (when `topLevel`) the inbox of pinned
   * tasks, then steal, then (when `topLevel`) the injector. Returns -1 when
   * there is none. Inside `join` only join halves are taken (`topLevel` false).
   */
  findWork(topLevel: boolean): number {
    const mine = this.own.pop();
    if (mine !== EMPTY) return mine;
    if (topLevel) {
      const pinned = this.inbox.pop(-1);
      if (pinned !== -1) return pinned;
    }
    const stolen = this.steal();
    if (stolen >= 0) return stolen;
    return topLevel ? this.injector.pop(-1) : -1;
  }

  /** Tries each other worker's deque once, starting from a rotating victim. */
  steal(): number {
    const n = this.deques.length;
    for (let k = 1; k < n; k++) {
      this.victim = (this.victim + 1) % n;
      if (this.victim === this.index) continue;
      let ref = this.deques[this.victim]!.steal();
      while (ref === ABORT) ref = this.deques[this.victim]!.steal();
      if (ref !== EMPTY) {
        add(this.ctl, this.region + W_TASKS_STOLEN, 1);
        return ref;
      }
    }
    return -1;
  }

  /** True if some queue this worker may take from is non-empty. */
  anyWork(): boolean {
    if (this.injector.size() > 0 || this.inbox.size() > 0) return true;
    for (const d of this.deques) if (d.size() > 0) return true;
    return false;
  }

  /**
   * Spins, yields, then parks until work or a control message arrives.
   * Returns how long it waited without finding work, in ms.
   */
  private waitForWork(): number {
    const p = platform();
    const start = p.now();
    const { spinMicros, yieldMicros, maxSpinners } = this.idle;
    let yieldFrom = start;
    if (spinMicros > 0 && add(this.ctl, H_SPINNERS, 1) < maxSpinners) {
      const until = start + spinMicros / 1000;
      let k = 0;
      while (!this.anyWork() && ((++k & 63) !== 0 || p.now() < until)) spinHint(32);
      sub1(this.ctl, H_SPINNERS);
      if (this.anyWork()) return 0;
      yieldFrom = p.now();
    } else if (spinMicros > 0) {
      sub1(this.ctl, H_SPINNERS);
    }
    const yieldUntil = yieldFrom + yieldMicros / 1000;
    // Yield: short timed waits, announced like a park (SLEEPERS) so that a submitter's
    // notify cuts them short — an unannounced 50 µs wait really lasts 60–120 µs (timer slack).
    while (p.now() < yieldUntil) {
      if (this.anyWork() || this.interrupted()) return p.now() - start;
      const event = load(this.ctl, H_JOBS_EVENT);
      add(this.ctl, H_SLEEPERS, 1);
      if (!this.anyWork() && !this.interrupted()) wait(this.ctl, H_JOBS_EVENT, event, 0.05);
      sub1(this.ctl, H_SLEEPERS);
    }
    const event = load(this.ctl, H_JOBS_EVENT);
    add(this.ctl, H_SLEEPERS, 1);
    store(this.ctl, this.region + W_STATE, WS_SLEEPING);
    if (!this.anyWork() && !this.interrupted()) {
      const waited = p.now() - start;
      const park = Number.isFinite(this.idleTimeoutMs) ? Math.max(1, this.idleTimeoutMs - waited) : Infinity;
      wait(this.ctl, H_JOBS_EVENT, event, park);
    }
    sub1(this.ctl, H_SLEEPERS);
    store(this.ctl, this.region + W_STATE, WS_ACTIVE);
    return p.now() - start;
  }

  private interrupted(): boolean {
    return load(this.ctl, H_SHUTDOWN) !== 0 || load(this.ctl, H_CONTROL_EPOCH) !== this.controlEpoch;
  }

  /**
   * Claims and runs the task behind `ref`. Returns a promise when the task is
   * asynchronous and `allowAsync` (the caller must await it before taking
   * other work); with `allowAsync` false (inside `join`), an async task fails.
   */
  execute(ref: number, allowAsync: boolean): Execution {
    const slot = refSlot(ref);
    const gen = refGen(ref);
    if (cas(this.slots.i32, this.slots.word(slot, S_STATE), stateWord(gen, ST_QUEUED), stateWord(gen, ST_RUNNING)) !== stateWord(gen, ST_QUEUED)) {
      return undefined; // cancelled or already taken: a stale ref
    }
    this.slots.set(slot, S_RUNNER, this.index);
    const callable = this.slots.get(slot, S_CALLABLE);
    let task: RunningTask | undefined;
    let inline = false;
    try {
      const fn = this.resolve(callable);
      inline = this.defs.get(callable)?.kind === 'inline';
      const args = this.slots.readArgs(slot);
      task = new RunningTask(inline ? args[1] : undefined, this.index, this.slots.get(slot, S_ATTEMPT), this.slots.i32, this.slots.word(slot, S_CANCEL), slot, gen, this.progressSink);
      enterTask(task);
      let result: unknown;
      try {
        result = inline ? fn(args[0], task) : fn(...args);
      } finally {
        leaveTask();
      }
      if (isThenable(result)) {
        if (!allowAsync) throw new TypeError('A task run through join() must be synchronous, but it returned a promise');
        return this.settleAsync(slot, gen, result, task, inline);
      }
      this.finish(slot, gen, ST_DONE, result);
    } catch (err) {
      this.finish(slot, gen, ST_FAILED, errorToRecord(inline ? explainInlineError(err) : err));
    }
    return undefined;
  }

  private async settleAsync(slot: number, gen: number, pending: PromiseLike<unknown>, task: RunningTask, inline: boolean): Promise<void> {
    const poll = setInterval(() => task.poll(), 2);
    try {
      this.finish(slot, gen, ST_DONE, await pending);
    } catch (err) {
      this.finish(slot, gen, ST_FAILED, errorToRecord(inline ? explainInlineError(err) : err));
    } finally {
      clearInterval(poll);
    }
  }

  /** Writes the outcome into the slot and hands it to its owner. */
  private finish(slot: number, gen: number, state: number, value: unknown): void {
    try {
      this.slots.writeResult(slot, value);
    } catch (err) {
      state = ST_FAILED;
      this.slots.writeResult(slot, errorToRecord(err));
    }
    const owner = this.slots.get(slot, S_OWNER);
    store(this.slots.i32, this.slots.word(slot, S_STATE), stateWord(gen, state));
    add(this.ctl, this.region + W_TASKS_RUN, 1);
    if (owner < 0) {
      while (!this.completions.push(makeRef(slot, gen))) spinHint(64);
      // The main thread sets MAIN_WAITING before it re-checks the ring, so if it is
      // not set here, that re-check sees this push: no event bump needed. The worker
      // that clears it wakes the main thread, once per wait: a burst of completions
      // costs one notify, not one each (core/README.md, "Main thread, completions").
      if (load(this.ctl, H_MAIN_WAITING) !== 0 && cas(this.ctl, H_MAIN_WAITING, 1, 0) === 1) {
        add(this.ctl, H_DONE_EVENT, 1);
        notify(this.ctl, H_DONE_EVENT, 1);
      }
    } else {
      notify(this.slots.i32, this.slots.word(slot, S_STATE), 1);
    }
  }

  /** Publishes `ref` on this worker's deque and wakes a sleeper; false when the deque is full. */
  publish(ref: number): boolean {
    if (!this.own.push(ref)) return false;
    wakeWorkers(this.ctl, 1);
    return true;
  }

  /** The function behind a callable id, compiling or pulling its definition on first use. */
  resolve(id: number): Fn {
    const cached = this.fns.get(id);
    if (cached !== undefined) return cached;
    if (!this.defs.has(id)) pullUntil(this.port, (m) => this.handleSync(m), () => this.defs.has(id), `callable #${id}`);
    const def = this.defs.get(id)!;
    let fn: Fn;
    if (def.kind === 'inline') {
      fn = compileInline(def.source);
    } else {
      const mod = this.modules.get(def.module);
      const f = mod?.[def.name];
      if (typeof f !== 'function') throw new TypeError(`Task module export "${def.name}" is not a function`);
      fn = f as Fn;
    }
    this.fns.set(id, fn);
    return fn;
  }

  /** The callable id of an exported function, reading pending definitions if needed; undefined if it is no export. */
  exportId(fn: Fn): number | undefined {
    let id = this.exportIds.get(fn);
    if (id === undefined) {
      const p = platform();
      for (let got = p.receiveSync(this.port); got !== undefined; got = p.receiveSync(this.port)) this.handleSync(got.message as ControlMessage);
      id = this.exportIds.get(fn);
    }
    return id;
  }

  private indexExport(id: number, def: CallableDef): void {
    if (def.kind !== 'export') return;
    const f = this.modules.get(def.module)?.[def.name];
    if (typeof f === 'function') this.exportIds.set(f as Fn, id);
  }

  /** Handles a control message that needs no await. */
  private handleSync(m: ControlMessage): void {
    switch (m.t) {
      case 'buffer':
        this.buffers.add(m.id, m.sab);
        break;
      case 'forget':
        for (const id of m.ids) this.buffers.unmap(id);
        this.port.postMessage({ t: 'forgot', ids: m.ids } satisfies ControlMessage);
        break;
      case 'forget-done':
        for (const id of m.ids) this.buffers.remove(id);
        break;
      case 'callable':
        this.defs.set(m.id, m.def);
        this.indexExport(m.id, m.def);
        break;
      case 'load':
        this.pendingLoads.push(m);
        break;
      default:
        break;
    }
  }

  private readonly pendingLoads: { module: number; url: string }[] = [];

  /** Drains the control port, loading requested modules (the only awaits). */
  private async drainControl(): Promise<void> {
    this.controlEpoch = load(this.ctl, H_CONTROL_EPOCH);
    const p = platform();
    for (let got = p.receiveSync(this.port); got !== undefined; got = p.receiveSync(this.port)) this.handleSync(got.message as ControlMessage);
    while (this.pendingLoads.length > 0) {
      const { module, url } = this.pendingLoads.shift()!;
      try {
        const mod = (await import(url)) as Record<string, unknown>;
        this.modules.set(module, mod);
        const exports = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
        this.port.postMessage({ t: 'loaded', module, exports } satisfies ControlMessage);
      } catch (error) {
        this.port.postMessage({ t: 'load-failed', module, error: errorToRecord(error) } satisfies ControlMessage);
      }
    }
  }
}

function sub1(ctl: Int32Array, i: number): void {
  add(ctl, i, -1);
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
