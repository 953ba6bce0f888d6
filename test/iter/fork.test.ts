import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Pool, call, kernels, scope } from 'tessera';
import { fixture, sleep } from '../support.js';

type F = typeof import('../fixtures/iter/fork.mjs');

let pool: Pool;
before(() => {
  pool = new Pool({ threads: 2 });
});
after(async () => {
  await pool.terminate();
});

describe('iter fork-join - join and scope on the main thread and in tasks', () => {
  it('pool.join runs remote calls and functions concurrently', async () => {
    const f = await pool.load<F>(fixture('iter/fork.mjs'));
    const [a, b] = await pool.join(call(f.square, 7), (signal) => pool.run((x: number) => x + 1, 41, { signal }));
    assert.deepEqual([a, b], [49, 42]);
  });

  it('pool.join: a failure cancels the other half and a\'s error wins', async () => {
    const f = await pool.load<F>(fixture('iter/fork.mjs'));
    let seen: unknown;
    const err = await pool
      .join(call(f.boom, 'left'), async (signal) => {
        try {
          return await f.spin.with({ signal })(5000);
        } catch (e) {
          seen = e;
          throw e;
        }
      })
      .catch((e: unknown) => e);
    assert.ok(err instanceof TypeError && err.message === 'left');
    assert.equal((seen as Error | undefined)?.name, 'CancelledError');
    await assert.rejects(pool.join(() => 1, call(f.boom, 'right')), { message: 'right' });
    // Both fail: a's error, whichever finishes first (b often does; it must not cancel a).
    for (let i = 0; i < 40; i++) {
      await assert.rejects(pool.join(call(f.boom, 'a'), call(f.boom, 'b')), { message: 'a' });
      await assert.rejects(pool.join(async () => { await sleep(i % 3); throw new Error('a'); }, call(f.boom, 'b')), { message: 'a' });
    }
  });

  it('pool.scope waits for every spawned job, including jobs spawned later', async () => {
    const f = await pool.load<F>(fixture('iter/fork.mjs'));
    const results: number[] = [];
    const v = await pool.scope(async (s) => {
      for (let i = 0; i < 10; i++) void s.spawn(call(f.square, i)).then((x) => results.push(x));
      void s.spawn(async () => {
        await new Promise((r) => setTimeout(r, 10));
        void s.spawn(() => results.push(-1));
      });
      await s.run((x: number) => x * 2, 4);
      return 'body';
    });
    assert.equal(v, 'body');
    assert.deepEqual(results.slice().sort((a, b) => a - b), [-1, 0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
  });

  it('pool.scope rejects with the lowest spawn\'s error and cancels the rest', async () => {
    const f = await pool.load<F>(fixture('iter/fork.mjs'));
    const t0 = Date.now();
    let spinner: unknown;
    let late: unknown;
    const err = await pool
      .scope((s) => {
        // Job 0 fails last in time but first by index: it must win, so job 1's failure must not cancel it.
        void s.spawn(async () => {
          await new Promise((r) => setTimeout(r, 80));
          throw new Error('first');
        });
        void s.spawn(call(f.boom, 'second'));
        void s.spawn(async (signal) => {
          spinner = await f.spin.with({ signal })(10_000).catch((e: unknown) => e);
          throw spinner;
        });
        setTimeout(() => {
          // Spawned after a failure: starts cancelled.
          void s.spawn((signal) => { late = signal.aborted; });
        }, 40);
      })
      .catch((e: unknown) => e);
    assert.ok(err instanceof Error);
    assert.equal(err.message, 'first');
    assert.equal((spinner as Error | undefined)?.name, 'CancelledError');
    assert.equal(late, true);
    assert.ok(Date.now() - t0 < 5000);
    // A body that awaits its jobs rethrows whichever failed first in time; the ranking still goes by spawn order.
    for (let i = 0; i < 10; i++) {
      const e = await pool
        .scope((s) => Promise.all([s.spawn(async () => { await sleep(5); throw new Error('x'); }), s.spawn(call(f.boom, 'y'))]))
        .catch((x: unknown) => x);
      assert.equal((e as Error).message, 'x');
    }
    await assert.rejects(pool.scope(() => { throw new Error('body'); }), { message: 'body' });
  });

  it('scope inside a task spawns stealable calls and returns results in order', async () => {
    const f = await pool.load<F>(fixture('iter/fork.mjs'));
    assert.deepEqual(await f.fanOut(50, []), Array.from({ length: 50 }, (_, i) => i * i));
    assert.deepEqual(await f.fanOut(0, []), []);
    await assert.rejects(f.fanOut(30, [20, 7, 25]), { name: 'RangeError', message: 'spawned 7 failed' });
  });

  it('scope on the main thread runs the calls here, in order', () => {
    const order: number[] = [];
    const log = (x: number) => {
      order.push(x);
      return x * 10;
    };
    assert.deepEqual(scope<number>((s) => { for (let i = 0; i < 4; i++) s.spawn(call(log, i)); }), [0, 10, 20, 30]);
    assert.deepEqual(order, [0, 1, 2, 3]);
  });

  it('concurrent operations of the same chain, with kernels that wait in join, each keep their own data', async () => {
    const k = kernels<F>(fixture('iter/fork.mjs'));
    const n = 3000;
    const expect = (start: number) => {
      let s = 0;
      for (let i = start; i < start + n; i++) s += i * i + 1;
      return s;
    };
    for (let round = 0; round < 5; round++) {
      const starts = [0, 1000, 5000, 20000];
      const sums = await Promise.all(starts.map((s) => pool.range(s, s + n).map(k.squarePlusOneViaJoin).sum({ minChunk: 50, schedule: 'dynamic' })));
      assert.deepEqual(sums, starts.map(expect));
    }
  });
});
