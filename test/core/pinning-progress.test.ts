import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from 'tessera';
import { fixture, withPool } from '../support.js';

type Kernels = typeof import('../fixtures/core/kernels.mjs');

describe('pool - pinned tasks and progress', () => {
  it('runs tasks pinned to one worker there, in submission order, with its module state', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      const on1 = k.appendToLog.with({ worker: 1 });
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => on1(i)));
      for (const r of results) assert.equal(r.worker, 1);
      assert.deepEqual(results[49]!.log, Array.from({ length: 50 }, (_, i) => i), 'FIFO, state kept');
      const on0 = await k.appendToLog.with({ worker: 0 })('other');
      assert.deepEqual(on0, { worker: 0, log: ['other'] }, 'worker 0 has its own module state');
      assert.throws(() => k.add1.with({ worker: 2 })(1), (e: unknown) => e instanceof InvalidArgumentError && e.field === 'options.worker');
    });
  });

  it('delivers ctx.progress events in order, all before the result', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      for (let rep = 0; rep < 5; rep++) {
        const seen: [number, number][] = [];
        const r = await k.withProgress.with({ onProgress: (d, t) => seen.push([d, t]) })(20);
        assert.equal(r, 20);
        assert.deepEqual(seen, Array.from({ length: 20 }, (_, i) => [i + 1, 20]));
      }
      const inline: number[] = [];
      await pool.run((n: number, ctx) => {
        for (let i = 0; i < n; i++) ctx.progress(i, n);
      }, 5, { onProgress: (d) => inline.push(d) });
      assert.deepEqual(inline, [0, 1, 2, 3, 4]);
    });
  });
});
