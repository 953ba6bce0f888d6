import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, FreeVariableError, InvalidArgumentError, Pool, kernels, shared, type Schedule } from 'tessera';
import { fixture } from '../support.js';

type K = typeof import('../fixtures/iter/kernels.mjs');
const SCHEDULES: Schedule[] = ['static', 'dynamic', 'guided', 'adaptive'];

let pool: Pool;
before(() => {
  pool = new Pool({ threads: 2 });
});
after(async () => {
  await pool.terminate();
});

describe('iter errors - the first error by index wins, the rest is cancelled', () => {
  it('rejects with the error of the lowest failing index, not the first in time', async () => {
    for (const schedule of SCHEDULES) {
      for (let rep = 0; rep < 3; rep++) {
        // Leaves near the end fail fast; the lowest failure is slow to reach.
        const p = pool
          .range(0, 4000)
          .map((i) => {
            if (i === 1500) {
              let x = 0;
              for (let k = 0; k < 3e5; k++) x += Math.sqrt(k);
              throw new RangeError(`fail ${i} ${x > 0}`);
            }
            if (i >= 3000) throw new TypeError(`fail ${i}`);
            return i;
          })
          .sum({ schedule, maxChunk: 50 });
        await assert.rejects(p, (e: Error) => e instanceof RangeError && e.message === 'fail 1500 true');
      }
    }
  });

  it('skips the leaves after a failure', async () => {
    const ran = shared.int32(10_000);
    await assert.rejects(
      pool
        .range(0, 10_000)
        .inspect((i, c) => {
          Atomics.store(c.ran, i, 1);
          if (i === 10) throw new Error('early');
        }, { context: { ran } })
        .count({ schedule: 'static', maxChunk: 10 }),
      { message: 'early' },
    );
    // Static blocks: runner 0 owns leaves 0-499 and fails in leaf 1, so it skips the other 498 of its
    // leaves whatever the timing (runner 1 stops as soon as it sees the stop word).
    const done = ran.reduce((a, b) => a + b, 0);
    assert.ok(done <= 10_000 - 498 * 10 - 9, `${done} items ran after an early failure`);
    for (let i = 20; i < 5000; i++) assert.equal(ran[i], 0, `item ${i} ran`);
  });

  it('a failure before a hit wins in any/find; a hit before a failure wins', async () => {
    const thrower = (i: number, c: { bad: number; hit: number }) => {
      if (i === c.bad) throw new Error(`bad ${i}`);
      return i === c.hit;
    };
    await assert.rejects(pool.range(0, 5000).any(thrower, { context: { bad: 100, hit: 4000 }, maxChunk: 16 }), { message: 'bad 100' });
    assert.equal(await pool.range(0, 5000).any(thrower, { context: { bad: 4000, hit: 100 }, maxChunk: 16 }), true);
    assert.equal(await pool.range(0, 5000).find(thrower, { context: { bad: 4000, hit: 100 }, maxChunk: 16 }), 100);
    await assert.rejects(pool.range(0, 5000).find(thrower, { context: { bad: 10, hit: 11 }, maxChunk: 16 }), { message: 'bad 10' });
  });

  it('task-module kernels fail the same way', async () => {
    const k = kernels<K>(fixture('iter/kernels.mjs'));
    await assert.rejects(pool.range(0, 1000).map(k.failAt, { context: { at: 321 } }).collect(), (e: Error) => e instanceof RangeError && e.message === 'failed at 321');
  });

  it('a free variable becomes a FreeVariableError naming it', async () => {
    const scale = 3;
    const err = await pool.range(0, 10).map((i) => i * scale).sum().catch((e: unknown) => e);
    assert.ok(err instanceof FreeVariableError);
    assert.equal(err.variable, 'scale');
  });

  it('the pool keeps working after failures', async () => {
    assert.equal(await pool.range(0, 100).sum(), 4950);
  });

  it('cancels with an AbortSignal', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(pool.range(0, 10).sum({ signal: ac.signal }), CancelledError);
    const ac2 = new AbortController();
    const p = pool
      .range(0, 2000)
      .map((i) => {
        let x = 0;
        for (let k = 0; k < 2e4; k++) x += Math.sqrt(k + i);
        return x;
      })
      .sum({ signal: ac2.signal, maxChunk: 1 });
    setTimeout(() => ac2.abort(), 20);
    await assert.rejects(p, CancelledError);
  });

  it('checks its arguments', () => {
    assert.throws(() => pool.range(0.5, 3), InvalidArgumentError);
    assert.throws(() => pool.iter(42 as unknown as number[]), InvalidArgumentError);
    assert.throws(() => pool.range(0, 10).chunks(0), InvalidArgumentError);
    assert.throws(() => pool.range(0, 10).map(42 as unknown as (x: number) => number), InvalidArgumentError);
    assert.throws(() => pool.range(0, 10).with({ schedule: 'fastest' as Schedule }), InvalidArgumentError);
    assert.throws(() => pool.range(0, 10).with({ minChunk: 0 }), InvalidArgumentError);
    assert.throws(() => pool.configureIter({ maxChunk: 2, minChunk: 3 }), InvalidArgumentError);
    assert.throws(() => pool.range(0, 10).map(Math.max), InvalidArgumentError);
  });

  it('rejects a maxChunk that would make too many leaves', async () => {
    await assert.rejects(pool.range(0, 1e6).sum({ maxChunk: 1 }), InvalidArgumentError);
  });

  it('pool-wide options apply unless overridden', async () => {
    const p = new Pool({ threads: 2 });
    try {
      p.configureIter({ schedule: 'static', minChunk: 10 });
      assert.equal(await p.range(0, 1000).sum(), 499500);
      assert.equal(await p.range(0, 1000).with({ schedule: 'guided' }).sum({ maxChunk: 10 }), 499500);
    } finally {
      await p.terminate();
    }
  });
});
