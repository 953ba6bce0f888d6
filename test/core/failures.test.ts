import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerCrashedError } from 'tessera';
import { fixture, withPool } from '../support.js';

type Kernels = typeof import('../fixtures/core/kernels.mjs');

describe('failures - task errors', () => {
  it('rejects with the original class name, message, stack and cause', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      const range = await k.throwTyped('range', 'out of range').catch((e: unknown) => e);
      assert.ok(range instanceof RangeError);
      assert.equal(range.message, 'out of range');
      assert.match(range.stack ?? '', /throwTyped/);
      assert.match(range.stack ?? '', /kernels\.mjs/);
      const custom = (await k.throwTyped('custom', 'bad input').catch((e: unknown) => e)) as Error & { line: number };
      assert.equal(custom.name, 'ParseFailure');
      assert.equal(custom.message, 'bad input');
      assert.equal(custom.line, 7);
      assert.ok(custom.cause instanceof TypeError);
      assert.equal(custom.cause.message, 'inner cause');
      const inline = await pool.run(() => {
        throw new SyntaxError('inline');
      }).catch((e: unknown) => e);
      assert.ok(inline instanceof SyntaxError);
    });
  });
});

describe('failures - crashing workers', () => {
  for (const [what, call] of [
    ['process.exit', (k: Awaited<ReturnType<typeof load>>) => k.exitNow(5)],
    ['an uncaught error', (k: Awaited<ReturnType<typeof load>>) => k.throwLater()],
  ] as const) {
    it(`replaces a worker killed by ${what}, rejects its task with WorkerCrashedError and loses nothing else`, async () => {
      await withPool({ threads: 2 }, async (pool) => {
        const k = await load(pool);
        const others = Array.from({ length: 200 }, (_, i) => k.add(i, 1));
        const crashed = await call(k).catch((e: unknown) => e);
        assert.ok(crashed instanceof WorkerCrashedError, String(crashed));
        assert.equal(crashed.code, 'ERR_WORKER_CRASHED');
        const results = await Promise.all(others);
        results.forEach((v, i) => assert.equal(v, i + 1));
        const after = await Promise.all(Array.from({ length: 100 }, (_, i) => k.add1(i)));
        after.forEach((v, i) => assert.equal(v, i + 1));
        const s = pool.stats();
        assert.equal(s.crashes, 1);
        assert.ok(s.workers.some((w) => w.incarnation === 2));
      });
    });
  }

  it('replaces a worker that runs out of memory (resourceLimits)', async () => {
    await withPool({ threads: 1, resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 } }, async (pool) => {
      const k = await load(pool);
      const err = await k.allocateForever().catch((e: unknown) => e);
      assert.ok(err instanceof WorkerCrashedError, String(err));
      assert.equal(await k.add1(1), 2);
    });
  });

  it('retries a task whose worker crashed when retries > 0', async () => {
    await withPool({ threads: 2, retries: 1 }, async (pool) => {
      const k = await load(pool);
      assert.equal(await k.crashOnFirstAttempt('survived'), 'survived');
      assert.equal(pool.stats().crashes, 1);
      const err = await k.exitNow.with({ retries: 2 })(1).catch((e: unknown) => e);
      assert.ok(err instanceof WorkerCrashedError);
      assert.equal(pool.stats().crashes, 4, 'ran three times: first try and two retries');
    });
  });
});

function load(pool: import('tessera').Pool) {
  return pool.load<Kernels>(fixture('core/kernels.mjs'));
}
