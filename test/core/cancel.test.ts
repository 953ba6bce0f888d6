import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, PoolClosedError, QueueFullError, TimeoutError } from 'tessera';
import { fixture, sleep, withPool } from '../support.js';

type Kernels = typeof import('../fixtures/core/kernels.mjs');

describe('cancel - AbortSignal and timeouts', () => {
  it('removes a queued task at once and never runs it', async () => {
    await withPool({ threads: 1 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      const flag = new Int32Array(new SharedArrayBuffer(4));
      const blocker = k.waitForFlag(flag); // occupies the only worker
      const ac = new AbortController();
      const runs = new Int32Array(new SharedArrayBuffer(4));
      const queued = pool.run((a: Int32Array) => Atomics.add(a, 0, 1), runs, { signal: ac.signal });
      const t0 = performance.now();
      ac.abort(new Error('changed my mind'));
      const err = await queued.catch((e: unknown) => e);
      assert.ok(performance.now() - t0 < 200, 'rejected at once');
      assert.ok(err instanceof CancelledError);
      assert.equal((err.cause as Error).message, 'changed my mind');
      Atomics.store(flag, 0, 1);
      assert.equal(await blocker, 0);
      await pool.run(() => 0); // everything queued before has been handled
      assert.equal(Atomics.load(runs, 0), 0, 'the cancelled task never ran');
    });
  });

  it('rejects at once for a signal aborted before submission', async () => {
    await withPool({ threads: 1 }, async (pool) => {
      await assert.rejects(pool.run(() => 1, undefined, { signal: AbortSignal.abort() }), CancelledError);
    });
  });

  it('lets a running task see the cancellation and stop', async () => {
    await withPool({ threads: 1 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      const ac = new AbortController();
      const p = k.spinUntilCancelled.with({ signal: ac.signal })(10_000);
      await sleep(100);
      ac.abort();
      await assert.rejects(p, CancelledError);
      // The worker was not killed: it noticed and returned.
      await sleep(50);
      assert.equal(await k.add1(1), 2);
      assert.equal(pool.stats().crashes, 0);
      assert.equal(pool.stats().workers[0]!.incarnation, 1);
    });
  });

  it('fires ctx.signal inside an asynchronous task', async () => {
    await withPool({ threads: 1, cancelGraceMs: 5000 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      const ac = new AbortController();
      const p = k.awaitAbort.with({ signal: ac.signal })();
      await sleep(50);
      ac.abort();
      await assert.rejects(p, CancelledError);
      // The task saw the signal and returned, so its worker was not replaced and takes new work.
      assert.equal(await k.add1(1), 2);
      assert.equal(pool.stats().workers[0]!.incarnation, 1);
    });
  });

  it('terminates a running task that ignores cancellation after the grace period', async () => {
    await withPool({ threads: 1, cancelGraceMs: 100 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      const ac = new AbortController();
      const p = k.spinBlind.with({ signal: ac.signal })(60_000);
      await sleep(100);
      const t0 = performance.now();
      ac.abort();
      await assert.rejects(p, CancelledError);
      assert.equal(await k.add1(1), 2, 'a new worker took over');
      assert.ok(performance.now() - t0 < 30_000);
      assert.equal(pool.stats().workers[0]!.incarnation, 2);
    });
  });

  it('times out per task and per pool', async () => {
    await withPool({ threads: 2, cancelGraceMs: 50 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      const err = await k.spinBlind.with({ timeoutMs: 100 })(60_000).catch((e: unknown) => e);
      assert.ok(err instanceof TimeoutError);
      assert.equal(err.timeoutMs, 100);
      assert.equal(await k.delay.with({ timeoutMs: 5000 })(10, 'in time'), 'in time');
    });
    await withPool({ threads: 1, timeoutMs: 1000, cancelGraceMs: 50 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      await assert.rejects(k.delay(10_000, 'late'), TimeoutError);
      assert.equal(await k.add1(1), 2);
    });
  });
});

describe('cancel - backpressure', () => {
  it('rejects with QueueFullError beyond maxQueue when queueFull is "reject"', async () => {
    await withPool({ threads: 1, maxQueue: 3, queueFull: 'reject' }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      const flag = new Int32Array(new SharedArrayBuffer(4));
      const tasks = [k.waitForFlag(flag), k.add1(1), k.add1(2), k.add1(3)];
      await assert.rejects(k.add1(4), QueueFullError);
      Atomics.store(flag, 0, 1);
      assert.deepEqual(await Promise.all(tasks), [0, 2, 3, 4]);
      assert.equal(await k.add1(5), 6, 'room again');
    });
  });

  it('holds tasks beyond maxQueue on the main thread when queueFull is "wait"', async () => {
    await withPool({ threads: 1, maxQueue: 2, queueFull: 'wait', slots: 2 }, async (pool) => {
      const inc = (x: number) => x + 1;
      const all = await Promise.all(Array.from({ length: 500 }, (_, i) => pool.run(inc, i)));
      all.forEach((v, i) => assert.equal(v, i + 1));
    });
  });
});

describe('cancel - shutdown', () => {
  it('close() lets accepted tasks finish, then refuses new ones', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      const tasks = Array.from({ length: 50 }, (_, i) => k.delay(5, i));
      const closed = pool.close();
      await assert.rejects(k.add1(1), PoolClosedError);
      await closed;
      assert.deepEqual(await Promise.all(tasks), Array.from({ length: 50 }, (_, i) => i));
    });
  });

  it('terminate() rejects pending tasks with PoolClosedError and settles', async () => {
    await withPool({ threads: 1 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      const tasks = [k.spinBlind(60_000), ...Array.from({ length: 20 }, (_, i) => k.add1(i))];
      const settling = Promise.allSettled(tasks);
      await sleep(50);
      await pool.terminate();
      const settled = await settling;
      for (const s of settled) {
        assert.equal(s.status, 'rejected');
        assert.ok(s.reason instanceof PoolClosedError);
      }
      await pool.close(); // closing a terminated pool settles too
    });
  });
});
