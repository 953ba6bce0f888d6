import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FreeVariableError, InvalidArgumentError, ModuleLoadError, Pool } from 'tessera';
import { fixture, withPool } from '../support.js';

type Kernels = typeof import('../fixtures/core/kernels.mjs');

describe('pool - inline functions', () => {
  it('runs a function with an input and returns its result', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      assert.equal(await pool.run((x: number) => x + 1, 41), 42);
      assert.equal(await pool.run(() => 'no input'), 'no input');
      assert.deepEqual(await pool.run((o: { a: number[] }) => ({ sum: o.a.reduce((s, v) => s + v, 0) }), { a: [1, 2, 3] }), { sum: 6 });
    });
  });

  it('passes the context option as ctx.context', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const r = await pool.run((x: number, ctx) => x * ctx.context.k, 21, { context: { k: 2 } });
      assert.equal(r, 42);
    });
  });

  it('accepts method shorthand and async functions', async () => {
    await withPool({ threads: 1 }, async (pool) => {
      const o = {
        double(this: void, x: number) {
          return x * 2;
        },
      };
      assert.equal(await pool.run(o.double, 4), 8);
      assert.equal(await pool.run(async (x: number) => Promise.resolve(x - 1), 4), 3);
    });
  });

  it('rejects a free variable with a FreeVariableError naming it', async () => {
    await withPool({ threads: 1 }, async (pool) => {
      const offset = 10;
      const err = await pool.run((x: number) => x + offset, 1).then(
        () => assert.fail('should reject'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof FreeVariableError);
      assert.equal(err.code, 'ERR_FREE_VARIABLE');
      assert.equal(err.variable, 'offset');
      assert.match(err.message, /context/);
    });
  });

  it('rejects bad arguments with InvalidArgumentError naming the field', async () => {
    await withPool({ threads: 1 }, (pool) => {
      assert.throws(() => pool.run(42 as never), (e: unknown) => e instanceof InvalidArgumentError && e.field === 'fn');
      assert.throws(() => pool.run(Math.max as never, 1), (e: unknown) => e instanceof InvalidArgumentError && /native/.test(e.message));
      assert.throws(() => pool.run((x: number) => x, 1, { timeoutMs: -1 }), (e: unknown) => e instanceof InvalidArgumentError && e.field === 'options.timeoutMs');
      return Promise.resolve();
    });
  });

  it('runs 10,000 tasks and returns each result to its caller', async () => {
    await withPool({ threads: 2, slots: 64 }, async (pool) => {
      const inc = (x: number) => x * 3 + 1;
      const results = await Promise.all(Array.from({ length: 10_000 }, (_, i) => pool.run(inc, i)));
      results.forEach((v, i) => assert.equal(v, i * 3 + 1));
      const s = pool.stats();
      assert.equal(s.workers.reduce((n, w) => n + w.tasksRun, 0), 10_000);
      assert.equal(s.pending, 0);
    });
  });
});

describe('pool - task modules', () => {
  it('loads a .js module and runs its exports, typed', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      assert.equal(await k.add1(41), 42);
      assert.equal(await k.add(40, 2), 42);
      assert.deepEqual(await k.echo({ m: new Map([[1, 'a']]), d: new Date(0), big: 10n }), { m: new Map([[1, 'a']]), d: new Date(0), big: 10n });
      assert.equal(await k.delay(5, 'late'), 'late');
      assert.equal(k.add1.exportName, 'add1');
      assert.strictEqual(await pool.load<Kernels>(fixture('core/kernels.mjs')), k);
    });
  });

  it('reports a module that cannot load with ModuleLoadError', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      await assert.rejects(pool.load(fixture('core/missing.mjs')), (e: unknown) => e instanceof ModuleLoadError && e.code === 'ERR_MODULE_LOAD');
      assert.throws(() => pool.load('not a url'), InvalidArgumentError);
    });
  });

  it('keeps a module loaded in workers started later (idle timeout restart)', async () => {
    await withPool({ threads: 2, idleTimeoutMs: 30 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(pool.stats().workers.every((w) => w.phase === 'stopped'), JSON.stringify(pool.stats().workers));
      assert.equal(await k.add(1, 2), 3);
      assert.ok(pool.stats().workers.some((w) => w.incarnation === 2));
      const all = await Promise.all(Array.from({ length: 100 }, (_, i) => k.add1(i)));
      all.forEach((v, i) => assert.equal(v, i + 1));
    });
  });
});

describe('pool - options', () => {
  it('rejects bad options with the field, value and expected form', () => {
    assert.throws(() => new Pool({ threads: 0 }), /Expected `threads` to be an integer in \[1, 1024\], got `0` \(number\)/);
    assert.throws(() => new Pool({ threads: 1.5 }), (e: unknown) => e instanceof InvalidArgumentError && e.field === 'threads');
    assert.throws(() => new Pool({ queueFull: 'drop' as never }), (e: unknown) => e instanceof InvalidArgumentError && e.field === 'queueFull');
    assert.throws(() => new Pool({ idle: { spin: 1 } as never }), (e: unknown) => e instanceof InvalidArgumentError && e.field === 'idle.spin');
    assert.throws(() => new Pool({ thread: 2 } as never), (e: unknown) => e instanceof InvalidArgumentError && e.field === 'options.thread');
  });

  it('defaults threads to the available parallelism', async () => {
    const { availableParallelism } = await import('node:os');
    const pool = new Pool();
    try {
      assert.equal(pool.threads, availableParallelism());
    } finally {
      await pool.terminate();
    }
  });
});
