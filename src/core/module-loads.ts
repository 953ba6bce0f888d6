/**
 * Task-module loading on the main thread (`pool.load(url)`): every live worker imports the
 * module and reports its exports; the load resolves once each worker asked has answered
 * (or, if every one of them has gone — idle exit or crash — once a fresh one has). Workers
 * that start later get the list of loaded modules in their start data (`loadedModules`).
 * One load per URL: loading it again gives the same promise.
 */
import type { ControlMessage } from './control.js';
import { recordToError, type ErrorRecord } from './error-codec.js';
import { ModuleLoadError } from './errors.js';

/** What module loading needs from the pool. */
export interface ModuleLoadHost {
  /** Posts `m` to every live worker; returns the indices reached. */
  postAll(m: ControlMessage): number[];
  /** Makes parked workers look at their control port. */
  wakeForControl(): void;
  /** Starts workers that left when idle (none may be live to ask). */
  startStoppedWorkers(): void;
  /** Keeps the process alive while `delta` > 0 loads are outstanding. */
  hold(delta: number): void;
}

interface LoadWaiter {
  /** Workers asked that have not answered. */
  waiting: Set<number>;
  resolve: (exports: string[]) => void;
  reject: (e: unknown) => void;
  exports: string[] | undefined;
}

/** The modules a pool has loaded and the loads in progress. */
export class ModuleLoads {
  private readonly modules: [number, string][] = [];
  private readonly byHref = new Map<string, Promise<unknown>>();
  private readonly waiters = new Map<number, LoadWaiter>();
  private nextModule = 1;

  constructor(private readonly host: ModuleLoadHost) {}

  /** `[module id, href]` of every loaded module, for a starting worker. */
  loadedModules(): [number, string][] {
    return [...this.modules];
  }

  /**
   * Loads `href` on the workers once, then builds its remote object with `make`
   * (given the module id and its export names); later calls share the promise.
   * @throws (rejects) ModuleLoadError when a worker cannot import it
   */
  load<R>(href: string, make: (module: number, exports: string[]) => R): Promise<R> {
    let p = this.byHref.get(href) as Promise<R> | undefined;
    if (p === undefined) {
      p = this.loadOnce(href, make);
      this.byHref.set(href, p);
      p.catch(() => this.byHref.delete(href));
    }
    return p;
  }

  private async loadOnce<R>(href: string, make: (module: number, exports: string[]) => R): Promise<R> {
    const module = this.nextModule++;
    this.modules.push([module, href]);
    this.host.hold(1);
    try {
      const exports = await new Promise<string[]>((resolve, reject) => {
        const reached = this.host.postAll({ t: 'load', module, url: href });
        this.waiters.set(module, { waiting: new Set(reached), resolve, reject, exports: undefined });
        this.host.wakeForControl();
        if (reached.length === 0) this.host.startStoppedWorkers();
        this.checkDone(module);
      });
      return make(module, exports);
    } catch (cause) {
      const i = this.modules.findIndex(([m]) => m === module);
      if (i >= 0) this.modules.splice(i, 1);
      throw new ModuleLoadError(href, { cause });
    } finally {
      this.waiters.delete(module);
      this.host.hold(-1);
    }
  }

  /** Worker `w` answered a load: `loaded` with the exports, or `load-failed` (rejects the load). */
  onReply(w: number, m: Extract<ControlMessage, { t: 'loaded' | 'load-failed' }>): void {
    const waiter = this.waiters.get(m.module);
    if (waiter === undefined) return;
    if (m.t === 'load-failed') {
      waiter.reject(recordToError(m.error as ErrorRecord));
      return;
    }
    waiter.exports ??= m.exports;
    waiter.waiting.delete(w);
    this.checkDone(m.module);
  }

  /** Worker `w` exited: loads stop waiting for it. */
  workerGone(w: number): void {
    for (const [module, waiter] of this.waiters) {
      if (waiter.waiting.delete(w)) queueMicrotask(() => this.checkDone(module));
    }
  }

  /** Rejects every load in progress with `error`. */
  rejectAll(error: Error): void {
    for (const waiter of this.waiters.values()) waiter.reject(error);
  }

  private checkDone(module: number): void {
    const w = this.waiters.get(module);
    if (w === undefined || w.waiting.size > 0) return;
    if (w.exports !== undefined) w.resolve(w.exports);
    else {
      // Every worker that was asked has gone (idle exit or crash): ask a fresh one.
      const reached = this.host.postAll({ t: 'load', module, url: this.modules.find(([m]) => m === module)?.[1] ?? '' });
      for (const r of reached) w.waiting.add(r);
      this.host.wakeForControl();
    }
  }
}
