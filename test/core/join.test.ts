import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join, call } from 'tessera';
import { fixture, rng, withPool } from '../support.js';

type Kernels = typeof import('../fixtures/core/kernels.mjs');

function fibSeq(n: number): number {
  return n < 2 ? n : fibSeq(n - 1) + fibSeq(n - 2);
}

describe('join - fork-join inside workers', () => {
  it('computes fib(30) recursively with join, equal to the sequential result', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      assert.equal(await k.fib(30, 12), fibSeq(30));
      assert.equal(await k.fib(5, 0), 5);
      const s = pool.stats();
      // 2 * fib-tree nodes above the cutoff ran as join halves somewhere.
      assert.ok(s.workers.reduce((n, w) => n + w.tasksRun, 0) >= 3, JSON.stringify(s.workers));
    });
  });

  it('sums a shared array recursively and keeps both workers busy', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      const n = 1 << 20;
      const leaf = 1 << 13;
      const a = new Float64Array(new SharedArrayBuffer(n * 8));
      const r = rng(7);
      for (let i = 0; i < n; i++) a[i] = Math.floor(r() * 1000);
      let expected = 0;
      for (let i = 0; i < n; i++) expected += a[i]!;
      const who = new Int32Array(new SharedArrayBuffer((n / leaf) * 4));
      const got = await k.sumRange(a, 0, n, leaf, who);
      assert.equal(got, expected); // integers: exact in any order
      assert.ok(who.every((w) => w > 0), 'every leaf ran');
      const workers = new Set(who);
      assert.equal(workers.size, 2, `leaves ran on workers ${[...workers].join(',')}`);
      const stolen = pool.stats().workers.reduce((s, w) => s + w.tasksStolen, 0);
      assert.ok(stolen > 0, 'some halves were stolen');
    });
  });

  it('runs both halves in order on the main thread', () => {
    const order: string[] = [];
    const double = (x: number) => {
      order.push(`b${x}`);
      return x * 2;
    };
    const [a, b] = join(() => {
      order.push('a');
      return 1;
    }, call(double, 4));
    assert.deepEqual([a, b, order], [1, 8, ['a', 'b4']]);
  });

  it('propagates an error from either half', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const url = fixture('core/join-errors.mjs');
      const k = await pool.load<typeof import('../fixtures/core/join-errors.mjs')>(url);
      await assert.rejects(k.failRight(20), { name: 'RangeError', message: 'right 0' });
      await assert.rejects(k.failLeft(20), { name: 'TypeError', message: 'left 0' });
      await assert.rejects(k.joinNotExported(), { code: 'ERR_JOIN_NOT_EXPORTED' });
      // The pool still works afterwards, with every join slot released.
      const kk = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      for (let i = 0; i < 3; i++) assert.equal(await kk.fib(22, 4), fibSeq(22));
    });
  });
});
