import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelledError, DependencyFailedError, GraphClosedError, InvalidArgumentError, ResultReleasedError, TaskGraph, TimeoutError,
  WorkerCrashedError, asCompleted, shared, type TaskRef,
} from 'tessera';
import { fixture, rng, withPool } from '../support.js';

type Kernels = typeof import('../fixtures/tasks/graph-kernels.mjs');
const KERNELS = fixture('tasks/graph-kernels.mjs');

/** A shared event log for `tracked` tasks: [cursor, events…, running, maxRunning]. */
function eventLog(events: number): Int32Array {
  return shared.int32(events + 3);
}

function events(log: Int32Array): number[] {
  return Array.from(log.subarray(1, 1 + log[0]!));
}

describe('graph - dependencies and parallelism', () => {
  it('runs independent nodes at once and a node only after all its dependencies', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const g = new TaskGraph(pool);
      const k = await g.load<Kernels>(KERNELS);
      const log = eventLog(16);
      const a = k.tracked(log, 1, 5);
      const b = k.tracked.with({ name: 'left' })(log, 2, 80, a);
      const c = k.tracked(log, 3, 80, a);
      const d = k.tracked(log, 4, 5, b, c);
      assert.equal(await d, 4);
      const ev = events(log);
      const at = (e: number) => ev.indexOf(e);
      assert.ok(at(2 * 2) > at(1 * 2 + 1) && at(3 * 2) > at(1 * 2 + 1), 'b and c start after a ends');
      assert.ok(at(2 * 2) < at(3 * 2 + 1) && at(3 * 2) < at(2 * 2 + 1), 'b and c overlap');
      assert.ok(at(4 * 2) > at(2 * 2 + 1) && at(4 * 2) > at(3 * 2 + 1), 'd starts after b and c end');
      assert.equal(log[log.length - 1], 2, 'two nodes ran at once');
      assert.equal(b.name, 'left');
      assert.deepEqual([a.status, b.status, d.status], ['fulfilled', 'fulfilled', 'fulfilled']);
      await g.close();
    });
  });

  it('a 12x12 lattice of diamonds gives the sequential answer', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const g = pool.graph();
      const k = await g.load<Kernels>(KERNELS);
      const random = rng(7);
      const W = 12;
      const seeds = Array.from({ length: W }, () => Math.floor(random() * 1000));
      let refs: TaskRef<number>[] = seeds.map((s) => k.inc(s));
      let vals = seeds.map((s) => s + 1);
      for (let layer = 1; layer < 12; layer++) {
        refs = refs.map((_, i) => k.add(refs[i]!, refs[(i + 1) % W]!));
        vals = vals.map((_, i) => vals[i]! + vals[(i + 1) % W]!);
      }
      assert.deepEqual(await Promise.all(refs), vals);
      assert.equal(g.stats().fulfilled, 12 * W);
      await g.close();
    });
  });

  it('fans out from one node to 500 and back into one', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const g = new TaskGraph(pool);
      const k = await g.load<Kernels>(KERNELS);
      const root = k.inc(0);
      const mids = Array.from({ length: 500 }, (_, i) => k.add(root, i));
      const sink = k.sum(...mids, root, mids[0]!);
      assert.equal(await sink, (500 * 499) / 2 + 500 + 1 + 1);
      assert.equal(g.stats().fulfilled, 502);
      await g.close();
    });
  });

  it('limits running nodes to `concurrency`', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const g = new TaskGraph(pool, { concurrency: 1 });
      const k = await g.load<Kernels>(KERNELS);
      const log = eventLog(16);
      const refs = [1, 2, 3, 4].map((id) => k.tracked(log, id, 10));
      assert.equal(g.stats().running, 1);
      assert.equal(g.stats().waiting, 3);
      await Promise.all(refs);
      assert.equal(log[log.length - 1], 1);
      await g.close();
    });
  });

  it('inline nodes and main-thread calls take refs as arguments', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const g = new TaskGraph(pool);
      const k = await g.load<Kernels>(KERNELS);
      const remote = await pool.load<Kernels>(KERNELS);
      const a = k.inc(4);
      const single = g.run((x: number) => x * 2, a);
      const spread = g.run((xs: [number, number], ctx) => xs[0] * xs[1] + (ctx.context), [a, 3], { context: 1 });
      const onMain = g.call((x: number, y: number) => Promise.resolve(x - y), a, single);
      const viaPool = g.call(remote.add, a, onMain);
      assert.deepEqual(await Promise.all([single, spread, onMain, viaPool]), [10, 16, -5, 0]);
      assert.match(viaPool.name, /^add#/);
      await g.close();
    });
  });
});

describe('graph - where results live', () => {
  it('keeps large results in the object store; dependants read them there', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const g = new TaskGraph(pool);
      const k = await g.load<Kernels>(KERNELS);
      const big = k.range(2000);
      const small = k.inc(1);
      const t1 = k.total(big);
      const t2 = k.total(k.concat(big, k.range(10, 5)));
      assert.equal(await t1, 1999 * 1000);
      assert.equal(await t2, 1999 * 1000 + 95);
      assert.equal(big.location, 'store', 'never decoded on the main thread');
      assert.equal(small.location, 'main');
      const s = g.stats();
      assert.equal(s.storedResults, 2, 'range(2000) and the concatenation');
      assert.equal(big.location, 'store');
      assert.ok(s.storedBytes > 2000);
      const fl = k.floats(1000);
      assert.equal(await k.total(fl), (999 * 1000) / 4);
      assert.equal(fl.location, 'store');
      const f = await fl;
      assert.ok(f instanceof Float64Array && f.length === 1000 && f[999] === 499.5);
      const values = await big;
      assert.equal(values.length, 2000);
      assert.equal(big.location, 'main', 'decoded once asked for');
      await g.close();
      assert.equal(g.stats().storedResults, 0, 'close() frees the store');
      assert.equal((await big).length, 2000, 'a value already read stays readable');
    });
  });

  it('sends shared typed arrays as handles and everything to main with minStoredBytes: Infinity', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const g = new TaskGraph(pool, { minStoredBytes: Infinity });
      const k = await g.load<Kernels>(KERNELS);
      const arr = k.sharedRange(1000);
      const big = k.range(2000);
      assert.equal(await k.total(arr), 999 * 500);
      await k.total(big);
      assert.equal(arr.location, 'main');
      assert.equal(big.location, 'main');
      const a = await arr;
      assert.ok(a.buffer instanceof SharedArrayBuffer, 'zero copy');
      assert.equal(g.stats().storedResults, 0);
      await g.close();
    });
  });

  it('release() frees a stored result once its dependants have read it', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const g = new TaskGraph(pool);
      const k = await g.load<Kernels>(KERNELS);
      const big = k.range(3000);
      const t = k.totalWhen(k.delay(50, 0), big);
      const t2 = k.total(big);
      await big.settled();
      big.release();
      assert.equal(g.stats().storedResults, 1, 'kept while t still needs it');
      assert.throws(() => k.total(big), ResultReleasedError);
      await t;
      await t2;
      assert.equal(g.stats().storedResults, 0);
      assert.equal(big.location, 'released');
      await assert.rejects(Promise.resolve(big), ResultReleasedError);
      await g.close();
    });
  });

  it('frees the result of a collected ref', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    await withPool({ threads: 2 }, async (pool) => {
      const g = new TaskGraph(pool);
      const k = await g.load<Kernels>(KERNELS);
      await (async () => {
        const big = k.range(3000);
        await big.settled();
      })();
      assert.equal(g.stats().storedResults, 1);
      for (let i = 0; i < 100 && g.stats().storedResults > 0; i++) {
        gc();
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.equal(g.stats().storedResults, 0);
      await g.close();
    });
  });
});

describe('graph - failures and cancellation', () => {
  it('fails dependants with DependencyFailedError whose cause is the original error', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const g = new TaskGraph(pool);
      const k = await g.load<Kernels>(KERNELS);
      const seen: string[] = [];
      g.on('settled', (e) => seen.push(`${e.node.name}:${e.status}`));
      const bad = k.fail.with({ name: 'bad' })('boom');
      const ok = k.inc(1);
      const mid = k.add.with({ name: 'mid' })(bad, ok);
      const sink = k.add.with({ name: 'sink' })(mid, ok);
      const err = await sink.then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof DependencyFailedError);
      assert.equal(err.code, 'ERR_DEPENDENCY_FAILED');
      assert.equal(err.dependency, 'bad');
      assert.ok(err.cause instanceof RangeError);
      assert.equal(err.cause.message, 'boom');
      assert.ok(bad.error instanceof RangeError);
      assert.ok((mid.error as DependencyFailedError).cause === err.cause, 'the same original error, not a chain');
      assert.equal(await ok, 2);
      const late = k.inc(mid);
      assert.equal(late.status, 'rejected', 'a node added after its dependency failed fails at once');
      assert.ok(seen.includes('bad:rejected') && seen.includes('sink:rejected') && seen.includes(`${ok.name}:fulfilled`));
      const st = g.stats();
      assert.equal(st.rejected, 4);
      await g.close();
    });
  });

  it('propagates timeouts and worker crashes as causes', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const g = new TaskGraph(pool);
      const k = await g.load<Kernels>(KERNELS);
      const slow = k.delay.with({ timeoutMs: 20 })(5000, 1);
      const crash = k.exit(1);
      const e1 = await k.inc(slow).then(() => undefined, (e: unknown) => e);
      const e2 = await k.inc(crash).then(() => undefined, (e: unknown) => e);
      assert.ok(e1 instanceof DependencyFailedError && e1.cause instanceof TimeoutError);
      assert.ok(e2 instanceof DependencyFailedError && e2.cause instanceof WorkerCrashedError);
      assert.equal(await k.inc(1), 2, 'the graph goes on');
      await g.close();
    });
  });

  it('cancelling a waiting node cancels what depends on it', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const g = new TaskGraph(pool);
      const k = await g.load<Kernels>(KERNELS);
      const gate = k.delay(100, 1);
      const waiting = k.inc(gate);
      const after = k.inc(waiting);
      const other = k.inc(gate);
      waiting.cancel('not needed');
      const e = await after.then(() => undefined, (x: unknown) => x);
      assert.ok(waiting.error instanceof CancelledError);
      assert.equal((waiting.error as Error).cause, 'not needed');
      assert.ok(e instanceof CancelledError, String(e));
      assert.equal(e.cause, waiting.error);
      assert.equal(await other, 2, 'siblings are not affected');
      await g.close();
    });
  });

  it('cancelling a running node stops its task and its dependants; a graph signal cancels everything', async () => {
    await withPool({ threads: 2, cancelGraceMs: 2000 }, async (pool) => {
      const g = new TaskGraph(pool);
      const k = await g.load<Kernels>(KERNELS);
      const spin = k.spinUntilCancelled();
      const dep = k.inc(spin);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(spin.status, 'running');
      spin.cancel();
      await assert.rejects(Promise.resolve(dep), CancelledError);
      assert.equal(pool.stats().crashes, 0, 'the task stopped by itself');
      await g.close();

      const ac = new AbortController();
      const g2 = new TaskGraph(pool, { signal: ac.signal });
      const k2 = await g2.load<Kernels>(KERNELS);
      const refs = [k2.delay(5000, 1), k2.delay(5000, 2)];
      const chained = k2.inc(refs[0]!);
      ac.abort(new Error('shutdown'));
      for (const r of [...refs, chained]) await assert.rejects(Promise.resolve(r), CancelledError);
      await g2.close();
    });
  });

  it('rejects bad arguments and use after close', async () => {
    await withPool({ threads: 1 }, async (pool) => {
      const g1 = new TaskGraph(pool);
      const g2 = new TaskGraph(pool);
      const k1 = await g1.load<Kernels>(KERNELS);
      const k2 = await g2.load<Kernels>(KERNELS);
      const a = k1.inc(1);
      assert.throws(() => k2.inc(a), (e: unknown) => e instanceof InvalidArgumentError && e.field === 'args[0]');
      assert.throws(() => new TaskGraph(pool, { concurrency: 0 }), InvalidArgumentError);
      assert.throws(() => k1.inc.with({ timeoutMs: -1 }), InvalidArgumentError);
      await g1.close();
      assert.throws(() => k1.inc(1), GraphClosedError);
      await g2.close();
    });
  });
});

describe('graph - completion order and progress', () => {
  it('asCompleted yields outcomes in completion order', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const g = new TaskGraph(pool);
      const k = await g.load<Kernels>(KERNELS);
      const refs = [k.delay(150, 'slow'), k.delay(10, 'fast'), k.fail('bad'), k.range(2000)];
      const order: string[] = [];
      for await (const done of g.asCompleted(refs)) {
        if (done.status === 'rejected') order.push(`failed:${done.index}`);
        else order.push(Array.isArray(done.value) ? `array:${done.index}` : `${done.value as string}:${done.index}`);
        assert.equal(done.item, refs[done.index]);
      }
      assert.equal(order.length, 4);
      assert.equal(order[3], 'slow:0');
      assert.ok(order.indexOf('fast:1') < order.indexOf('slow:0'));
      assert.ok(order.includes('failed:2') && order.includes('array:3'));
      const mixed: unknown[] = [];
      for await (const p of asCompleted([new Promise((r) => setTimeout(() => r('timer'), 30)), Promise.resolve('now')])) mixed.push(p.status === 'fulfilled' ? p.value : p.reason);
      assert.deepEqual(mixed, ['now', 'timer']);
      await g.close();
    });
  });

  it('delivers ctx.progress as node and graph events, before the result', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const g = new TaskGraph(pool);
      const k = await g.load<Kernels>(KERNELS);
      const own: number[] = [];
      const all: string[] = [];
      g.on('progress', (e) => all.push(`${e.node.name}:${e.done}/${e.total}`));
      const a = k.withProgress.with({ name: 'p', onProgress: (d) => own.push(d) })(4);
      const b = k.withProgress(2);
      let settledAt = -1;
      void a.then(() => (settledAt = own.length));
      await Promise.all([a, b]);
      assert.deepEqual(own, [1, 2, 3, 4]);
      assert.equal(settledAt, 4);
      assert.deepEqual(all.filter((s) => s.startsWith('p:')), ['p:1/4', 'p:2/4', 'p:3/4', 'p:4/4']);
      assert.equal(all.filter((s) => s.startsWith(`${b.name}:`)).length, 2);
      await g.close();
    });
  });
});
