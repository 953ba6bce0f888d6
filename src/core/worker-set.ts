/**
 * The pool's worker threads seen from the main thread: starting them (again,
 * after a crash or an idle exit), their control ports, keeping the process
 * alive only while work is outstanding, and telling the pool when one exits.
 */
import { load, store } from '../memory/atomics.js';
import { platform, type CreateWorkerOptions, type PlatformPort, type PlatformWorker } from '../platform/platform.js';
import type { ControlMessage } from './control.js';
import { W_STATE, WS_EXITED, WS_STARTING } from './layout.js';
import type { WorkerInit } from './worker-init.js';

/** Lifecycle of one worker index as the main thread sees it. */
export type WorkerPhase = 'running' | 'stopped' | 'recovering' | 'terminated';

/** One worker index (a thread, or the place of one while it is being replaced). */
export interface WorkerSlot {
  index: number;
  phase: WorkerPhase;
  worker: PlatformWorker | undefined;
  port: PlatformPort | undefined;
  /** Resolves when the current thread has exited. */
  exited: Promise<void>;
  /** Threads started at this index so far. */
  incarnation: number;
}

/** What the pool supplies to the worker set. */
export interface WorkerSetHost {
  /** Builds the start data of worker `index` (everything defined so far). */
  initFor(index: number, port: PlatformPort): Omit<WorkerInit, 'port'>;
  /** A control message from worker `index`. */
  onMessage(index: number, message: ControlMessage): void;
  /**
   * Worker `index` exited; `clean` when it left its loop normally (idle timeout or shutdown);
   * `started` when it got as far as its scheduling loop (false: it failed while starting).
   */
  onExit(index: number, clean: boolean, exitCode: number, error: Error | undefined, started: boolean): void;
}

export class WorkerSet {
  readonly slots: WorkerSlot[] = [];
  private referenced = false;

  constructor(
    private readonly entry: URL,
    private readonly name: string,
    private readonly ctl: Int32Array,
    private readonly regionOf: (index: number) => number,
    private readonly resourceLimits: CreateWorkerOptions['resourceLimits'],
    private readonly host: WorkerSetHost,
  ) {}

  /** Starts a thread at `index` (a new index, or one whose thread is gone). */
  start(index: number): void {
    const p = platform();
    const channel = new MessageChannel();
    const mainPort = channel.port1 as unknown as PlatformPort;
    const workerPort = channel.port2 as unknown as PlatformPort;
    const init: WorkerInit = { ...this.host.initFor(index, workerPort), port: workerPort };
    store(this.ctl, this.regionOf(index) + W_STATE, WS_STARTING);
    const worker = p.createWorker(this.entry, {
      name: `${this.name}#${index}`,
      workerData: init,
      transferList: [workerPort],
      resourceLimits: this.resourceLimits,
    });
    let slot = this.slots[index];
    if (slot === undefined) {
      slot = { index, phase: 'running', worker, port: mainPort, exited: Promise.resolve(), incarnation: 0 };
      this.slots[index] = slot;
    }
    slot.phase = 'running';
    slot.worker = worker;
    slot.port = mainPort;
    slot.incarnation++;
    let lastError: Error | undefined;
    mainPort.on('message', (m) => this.host.onMessage(index, m as ControlMessage));
    mainPort.unref?.();
    worker.on('error', (err) => {
      lastError = err;
    });
    slot.exited = new Promise<void>((resolve) => {
      worker.on('exit', (code) => {
        mainPort.close();
        if (slot.worker === worker) {
          slot.worker = undefined;
          slot.port = undefined;
        }
        const state = load(this.ctl, this.regionOf(index) + W_STATE);
        const clean = code === 0 && lastError === undefined && state === WS_EXITED;
        this.host.onExit(index, clean, code, lastError, state !== WS_STARTING);
        resolve();
      });
    });
    if (this.referenced) worker.ref();
    else worker.unref();
  }

  /** True if some thread is past its start-up (running its loop, or idle-parked). */
  anyStarted(): boolean {
    for (const s of this.slots) {
      if (s.phase === 'running' && s.worker !== undefined && load(this.ctl, this.regionOf(s.index) + W_STATE) !== WS_STARTING) return true;
    }
    return false;
  }

  /** Posts `m` to every live worker; returns the indexes it reached. */
  postAll(m: ControlMessage): number[] {
    const reached: number[] = [];
    for (const s of this.slots) {
      if (s.port !== undefined && s.phase === 'running') {
        s.port.postMessage(m);
        reached.push(s.index);
      }
    }
    return reached;
  }

  /** Posts `m` to every live worker except `except`. */
  postOthers(except: number, m: ControlMessage): void {
    for (const s of this.slots) if (s.index !== except && s.port !== undefined && s.phase === 'running') s.port.postMessage(m);
  }

  /** Keeps the process alive (true) while work is outstanding; lets it exit (false) when idle. */
  setReferenced(on: boolean): void {
    if (on === this.referenced) return;
    this.referenced = on;
    for (const s of this.slots) {
      if (s.worker === undefined) continue;
      if (on) s.worker.ref();
      else s.worker.unref();
    }
  }

  /** Terminates the thread at `index` now (it is replaced through onExit). */
  kill(index: number): void {
    void this.slots[index]?.worker?.terminate();
  }

  /** Terminates every thread and resolves when all have exited. */
  async terminateAll(): Promise<void> {
    for (const s of this.slots) {
      s.phase = 'terminated';
      void s.worker?.terminate();
    }
    await Promise.all(this.slots.map((s) => s.exited));
  }

  /** Resolves when every thread has exited. */
  async allExited(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.exited));
  }
}
