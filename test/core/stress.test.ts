import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, WorkerCrashedError } from 'tessera';
import { fixture, rng, sleep, withPool } from '../support.js';

type Kernels = typeof import('../fixtures/core/kernels.mjs');

/**
 * Thousands of mixed tasks — plain, async, throwing, cancelled while queued or
 * running, and a worker killed midway — and every task must settle exactly
 * once with the value (or error) it deserves. Seeds vary the interleaving.
 */
describe('stress - mixed tasks settle exactly once', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: 3,000 tasks with failures, cancellations and a killed worker`, async () => {
      await withPool({ threads: 2, slots: 256, cancelGraceMs: 200 }, async (pool) => {
        const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
        const r = rng(seed);
        const n = 3000;
        const runs = new Int32Array(new SharedArrayBuffer(n * 4));
        const countRun = (i: number, ctx: { context: Int32Array }) => Atomics.add(ctx.context, i, 1) + i * 0 + i * 2;
        const kinds: string[] = [];
        const promises: Promise<unknown>[] = [];
        const controllers: (AbortController | undefined)[] = [];
        const killAt = Math.floor(n / 2);
        for (let i = 0; i < n; i++) {
          const x = r();
          let kind: string;
          let p: Promise<unknown>;
          let ac: AbortController | undefined;
          if (i === killAt) {
            kind = 'crash';
            p = k.exitNow(9);
          } else if (x < 0.55) {
            kind = 'ok';
            p = pool.run(countRun, i, { context: runs });
          } else if (x < 0.7) {
            kind = 'async';
            p = k.delay(Math.floor(r() * 3), i);
          } else if (x < 0.85) {
            kind = 'throw';
            p = k.throwTyped('range', `t${i}`);
          } else {
            kind = 'cancel';
            ac = new AbortController();
            p = pool.run(countRun, i, { context: runs, signal: ac.signal });
          }
          kinds.push(kind);
          controllers.push(ac);
          p.catch(() => undefined); // inspected below with allSettled
          promises.push(p);
          if (i % 97 === 0) await sleep(0);
        }
        // Abort every "cancel" task at a random moment: some are queued, some running, some done.
        for (let i = 0; i < n; i++) {
          if (controllers[i] !== undefined && r() < 0.9) controllers[i]!.abort();
          if (i % 211 === 0) await sleep(0);
        }
        const settled = await Promise.allSettled(promises);
        let crashes = 0;
        for (let i = 0; i < n; i++) {
          const s = settled[i]!;
          const kind = kinds[i]!;
          if (kind === 'ok') {
            assert.equal(s.status, 'fulfilled', `task ${i} ${kind}: ${String((s as PromiseRejectedResult).reason)}`);
            assert.equal((s as PromiseFulfilledResult<number>).value, i * 2);
            assert.equal(Atomics.load(runs, i), 1, `task ${i} ran exactly once`);
          } else if (kind === 'async') {
            assert.deepEqual(s, { status: 'fulfilled', value: i });
          } else if (kind === 'throw') {
            assert.equal(s.status, 'rejected');
            assert.equal((s).reason.message, `t${i}`);
          } else if (kind === 'crash') {
            assert.equal(s.status, 'rejected');
            assert.ok((s).reason instanceof WorkerCrashedError);
            crashes++;
          } else if (s.status === 'fulfilled') {
            // Finished before the abort arrived (or was never aborted).
            assert.equal(s.value, i * 2);
            assert.equal(Atomics.load(runs, i), 1);
          } else {
            assert.ok(s.reason instanceof CancelledError, String(s.reason));
            assert.ok(Atomics.load(runs, i) <= 1, `cancelled task ${i} ran at most once`);
          }
        }
        assert.equal(crashes, 1);
        const stats = pool.stats();
        assert.equal(stats.pending, 0);
        assert.equal(stats.queuedOnMain, 0);
        assert.equal(stats.crashes, 1);
        // The pool is healthy afterwards.
        const after = await Promise.all(Array.from({ length: 200 }, (_, i) => k.add(i, i)));
        after.forEach((v, i) => assert.equal(v, 2 * i));
      });
    });
  }
});
