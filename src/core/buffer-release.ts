/**
 * Releasing shared buffers (`pool.release`). Every thread of a pool keeps an id → buffer
 * table so that handles resolve without a message; a buffer stays in memory while any
 * table holds it. Releasing must not break a handle still in flight — in a queued task's
 * arguments, a result not collected yet, or a join half inside a running task — nor one
 * that a worker writes later from a buffer it kept (in module state, say). The protocol:
 *
 * 1. The main thread unmaps the buffers (sharing one again gives it a new id) and posts
 *    `forget` to every live worker; a worker unmaps them too and answers `forgot`. After
 *    its answer a worker never writes the old ids again (it would share anew), and a
 *    worker starting meanwhile gets them as already unmapped (`WorkerInit.releasing`).
 * 2. Once every worker asked has answered (or exited), the main thread collects the
 *    completions published before the answers, takes the set of unsettled tasks — the
 *    only places an old id can still be in flight, join halves included, since they end
 *    before their task — and waits until all of them have settled.
 * 3. It posts `forget-done` (workers drop the buffers) and drops them itself.
 *
 * Long-running tasks delay step 2; nothing else blocks.
 *
 * Not automatic: the main thread cannot tell when a buffer is dead everywhere — its own
 * table must hold the buffer strongly to resolve handles that workers send back, so a
 * FinalizationRegistry on it never fires. An automatic scheme would need leases (workers
 * report buffers unused for a while, the main thread then holds them weakly and starts
 * this protocol when they are collected, re-announcing to workers that need one again).
 */
import { InvalidArgumentError } from '../shared/errors.js';
import type { BufferRegistry, ControlMessage } from './control.js';

/** What the release protocol needs from the pool. */
export interface BufferReleaseHost {
  /** Posts `m` to every live worker; returns the indices reached. */
  postAll(m: ControlMessage): number[];
  /** Makes parked workers read their control port. */
  wakeForControl(): void;
  /** Collects published completions now. */
  drain(): void;
  /** Resolves once every task unsettled now has settled. */
  unsettledNowSettled(): Promise<void>;
  /** The main thread's buffer table. */
  registry(): BufferRegistry;
}

interface Release {
  ids: number[];
  /** Workers that have not answered `forgot`. */
  waiting: Set<number>;
  answered: () => void;
}

/** The releases in progress of one pool. */
export class BufferReleases {
  private readonly inProgress = new Set<Release>();
  /** The release under way for a buffer, so that releasing it again waits for that one. */
  private readonly ofBuffer = new WeakMap<SharedArrayBuffer, Promise<void>>();

  constructor(private readonly host: BufferReleaseHost) {}

  /** Ids being released (for the start data of a worker starting now). */
  releasing(): number[] {
    const out: number[] = [];
    for (const r of this.inProgress) out.push(...r.ids);
    return out;
  }

  /**
   * `pool.release(...buffers)`: runs the protocol for the registered ones (buffers the pool
   * never saw are ignored) and resolves once they, and any release of them already under
   * way, are done; with `skip` (a terminated pool) only checks the arguments.
   * @throws InvalidArgumentError (rejects) for anything but a SharedArrayBuffer or a view over one
   */
  async releaseBuffers(buffers: readonly (SharedArrayBuffer | ArrayBufferView)[], skip: boolean): Promise<void> {
    const ids: number[] = [];
    const sabs: SharedArrayBuffer[] = [];
    const earlier: Promise<void>[] = [];
    const registry = this.host.registry();
    buffers.forEach((b, i) => {
      const sab = ArrayBuffer.isView(b) ? b.buffer : b;
      if (!(sab instanceof SharedArrayBuffer)) throw new InvalidArgumentError(`buffers[${i}]`, b, 'a SharedArrayBuffer or a view over one');
      const id = registry.idOf(sab);
      if (id !== undefined && !ids.includes(id)) {
        ids.push(id);
        sabs.push(sab);
      }
      // Released already and not finished: this call resolves with that release too.
      const under = this.ofBuffer.get(sab);
      if (under !== undefined) earlier.push(under);
    });
    if (skip) return;
    await Promise.all([...earlier, this.release(ids, sabs)]);
  }

  /** Runs the protocol for `ids` (registered ids of the main thread's table), the ids of `buffers`. */
  private release(ids: number[], buffers: readonly SharedArrayBuffer[]): Promise<void> {
    const p = this.run(ids);
    for (const sab of buffers) this.ofBuffer.set(sab, p);
    const forget = () => {
      for (const sab of buffers) if (this.ofBuffer.get(sab) === p) this.ofBuffer.delete(sab);
    };
    p.then(forget, forget);
    return p;
  }

  private async run(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    const registry = this.host.registry();
    for (const id of ids) registry.unmap(id);
    let answered!: () => void;
    const allAnswered = new Promise<void>((resolve) => (answered = resolve));
    const r: Release = { ids, waiting: new Set(this.host.postAll({ t: 'forget', ids })), answered };
    this.inProgress.add(r);
    try {
      this.host.wakeForControl();
      if (r.waiting.size === 0) answered();
      await allAnswered;
      this.host.drain();
      await this.host.unsettledNowSettled();
      this.host.postAll({ t: 'forget-done', ids });
      for (const id of ids) registry.remove(id);
    } finally {
      this.inProgress.delete(r);
    }
  }

  /** Worker `w` answered `forget`. */
  onForgot(w: number, ids: readonly number[]): void {
    for (const r of this.inProgress) if (r.ids[0] === ids[0] && r.waiting.delete(w) && r.waiting.size === 0) r.answered();
  }

  /** Worker `w` exited: releases stop waiting for it. */
  workerGone(w: number): void {
    for (const r of this.inProgress) if (r.waiting.delete(w) && r.waiting.size === 0) r.answered();
  }
}
