import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, Channel, InvalidArgumentError, Pipeline, StageError, pipeline, type StageContext } from 'tessera';
import { fixture, rng, sleep, withPool } from '../support.js';

type Kernels = typeof import('../fixtures/tasks/graph-kernels.mjs');
const KERNELS = fixture('tasks/graph-kernels.mjs');

/** An endless, fast source that counts what was read and notes when it was closed. */
function endless(): { source: AsyncGenerator<number>; pulled: () => number; closed: () => boolean } {
  let n = 0;
  let closed = false;
  // eslint-disable-next-line @typescript-eslint/require-await -- an async source that never waits, on purpose
  async function* gen(): AsyncGenerator<number> {
    try {
      for (;;) yield n++;
    } finally {
      closed = true;
    }
  }
  return { source: gen(), pulled: () => n, closed: () => closed };
}

describe('pipeline - ordering', () => {
  it('keeps the source order through concurrent stages with random delays', async () => {
    const random = rng(42);
    const delays = Array.from({ length: 200 }, () => Math.floor(random() * 4));
    const out = await pipeline(delays.map((_, i) => i))
      .stage(async (x) => {
        await sleep(delays[x]!);
        return x * 2;
      }, { concurrency: 8 })
      .stage((x) => x + 1, { concurrency: 3 })
      .stage(async (x) => {
        await sleep(delays[(x * 7) % 200]!);
        return `#${x}`;
      }, { concurrency: 5, buffer: 2 })
      .collect();
    assert.deepEqual(out, delays.map((_, i) => `#${i * 2 + 1}`));
  });

  it('passes results on as they finish with ordered: false', async () => {
    const out = await pipeline([40, 1, 20, 2, 10, 3])
      .stage(async (ms) => {
        await sleep(ms);
        return ms;
      }, { concurrency: 6, ordered: false })
      .collect();
    assert.deepEqual([...out].sort((a, b) => a - b), [1, 2, 3, 10, 20, 40]);
    assert.equal(out[out.length - 1], 40, 'the slowest comes last');
  });
});

describe('pipeline - backpressure', () => {
  it('a slow final stage bounds how far an endless source is read', async () => {
    const src = endless();
    const p = pipeline(src.source, { buffer: 2 })
      .stage((x) => x + 1, { concurrency: 4, buffer: 8 })
      .stage((x) => Promise.resolve(x * 2), { concurrency: 2 })
      .stage(async (x) => {
        await sleep(3);
        return x;
      }, { concurrency: 1, buffer: 1 });
    // What can be in flight: each stage's queue plus its running calls, the output queue, and the item the source pump holds.
    const bound = 8 + 4 + 2 + 2 + 1 + 1 + 2 + 1;
    let received = 0;
    let maxAhead = 0;
    for await (const v of p) {
      assert.equal(v, (received + 1) * 2);
      received++;
      const s = p.stats();
      maxAhead = Math.max(maxAhead, s.pulled - s.delivered);
      assert.ok(s.pulled - s.delivered <= bound, `read ${s.pulled}, delivered ${s.delivered}`);
      if (received === 60) break;
    }
    await sleep(20);
    assert.ok(src.pulled() <= 60 + bound, `the source was read ${src.pulled()} times`);
    assert.ok(maxAhead >= 4, 'the queues did fill');
    assert.equal(src.closed(), true, 'breaking out closes the source');
    assert.equal(p.stats().state, 'stopped');
  });

  it('memory stays flat over 20,000 items of an endless source', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const src = endless();
    const held: number[][] = [];
    const p = pipeline(src.source)
      .stage((x) => new Array<number>(256).fill(x), { concurrency: 2 })
      .stage(async (a) => {
        await sleep(0);
        return a;
      }, { concurrency: 4 });
    gc();
    const before = process.memoryUsage().heapUsed;
    let n = 0;
    for await (const a of p) {
      assert.equal(a.length, 256);
      if (++n % 5000 === 0) held.push(a); // keep a few, as a sanity check of the measurement
      if (n === 20_000) break;
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    assert.equal(held.length, 4);
    // 20,000 arrays of 256 numbers held at once would be ~40 MB.
    assert.ok(grown < 20 * 2 ** 20, `heap grew by ${grown} bytes`);
    // queues 2 + 4 + 1 (output), running calls 2 + 4, and the item the source pump holds
    assert.ok(src.pulled() <= 20_000 + 14, `read ${src.pulled()}`);
  });
});

describe('pipeline - errors and cancellation', () => {
  it('"stop" stops everything and throws StageError with the original cause', async () => {
    const src = endless();
    const signals: AbortSignal[] = [];
    const p = pipeline(src.source)
      .stage(async (x: number, ctx: StageContext) => {
        signals[x] = ctx.signal;
        if (x === 5) throw new RangeError('bad item');
        await sleep(x < 3 ? 1 : 200);
        return x;
      }, { concurrency: 3, name: 'parse' })
      .stage((x) => x);
    const got: number[] = [];
    const err = await (async () => {
      for await (const v of p) got.push(v);
    })().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof StageError, String(err));
    assert.equal(err.code, 'ERR_PIPELINE_STAGE');
    assert.equal(err.stage, 'parse');
    assert.equal(err.stageIndex, 0);
    assert.equal(err.itemIndex, 5);
    assert.ok(err.cause instanceof RangeError);
    assert.deepEqual(got, got.map((_, i) => i), 'what came out before the failure is in order');
    assert.ok(got.length <= 5);
    await sleep(10);
    assert.equal(src.closed(), true);
    assert.ok(signals[3]!.aborted && signals[4]!.aborted, 'calls in flight are aborted');
    assert.ok(!signals[0]!.aborted, 'finished calls are left alone');
    assert.equal(p.stats().state, 'failed');
  });

  it('"skip" drops failing items, reports them and goes on', async () => {
    const reported: [string, number, number][] = [];
    const events: number[] = [];
    const p = pipeline([1, 2, 3, 4, 5, 6, 7, 8])
      .stage((x) => {
        if (x % 3 === 0) throw new Error(`no ${x}`);
        return x;
      }, { concurrency: 2, errors: 'skip', onError: (e, item, index) => reported.push([(e as Error).message, item, index]) })
      .stage((x) => (x === 8 ? Pipeline.DROP : x * 10), { name: 'times ten' });
    p.on('skip', (e) => events.push(e.index));
    assert.deepEqual(await p.collect(), [10, 20, 40, 50, 70]);
    assert.deepEqual(reported, [['no 3', 3, 2], ['no 6', 6, 5]]);
    assert.deepEqual(events, [2, 5]);
    const s = p.stats();
    assert.equal(s.state, 'done');
    assert.equal(s.pulled, 8);
    assert.equal(s.delivered, 5);
    assert.deepEqual(s.stages.map((x) => [x.name, x.in, x.out, x.errors, x.dropped]), [['stage 1', 8, 6, 2, 0], ['times ten', 6, 5, 0, 1]]);
    assert.deepEqual(s.skipped.map((x) => x.index), [2, 5]);
    assert.ok(s.stages.every((x) => x.busyMs >= 0 && x.active === 0 && x.queued === 0));
  });

  it('a signal cancels a running pipeline with CancelledError', async () => {
    const ac = new AbortController();
    const src = endless();
    let seen: AbortSignal | undefined;
    const p = pipeline(src.source, { signal: ac.signal }).stage(async (x: number, ctx: StageContext) => {
      seen = ctx.signal;
      await sleep(1);
      return x;
    });
    setTimeout(() => ac.abort('enough'), 30);
    await assert.rejects(p.drain(), (e: unknown) => e instanceof CancelledError && (e.cause) === 'enough');
    assert.equal(seen?.aborted, true);
    assert.equal(p.stats().state, 'cancelled');
  });

  it('a failing source stops the pipeline with its error', async () => {
    // eslint-disable-next-line @typescript-eslint/require-await -- an async source on purpose
    async function* broken(): AsyncGenerator<number> {
      yield 1;
      throw new SyntaxError('bad input file');
    }
    await assert.rejects(pipeline(broken()).stage((x) => x).collect(), SyntaxError);
  });

  it('rejects bad options and a second run', async () => {
    assert.throws(() => pipeline(42 as unknown as number[]), InvalidArgumentError);
    assert.throws(() => pipeline([1]).stage((x) => x, { concurrency: 0 }), InvalidArgumentError);
    assert.throws(() => pipeline([1]).stage((x) => x, { errors: 'retry' as 'stop' }), InvalidArgumentError);
    assert.throws(() => pipeline([1]).stage((x) => x, { ordered: 'yes' as unknown as boolean }), InvalidArgumentError);
    const p = pipeline([1, 2]).stage((x) => x);
    assert.deepEqual(await p.collect(), [1, 2]);
    assert.throws(() => p[Symbol.asyncIterator](), InvalidArgumentError);
    assert.throws(() => p.stage((x) => x), InvalidArgumentError);
  });
});

describe('pipeline - channels and the pool', () => {
  it('reads a Channel until it is closed and writes into a Channel', async () => {
    const input = Channel.numbers(4);
    const output = Channel.numbers(4);
    const producing = (async () => {
      for (let i = 0; i < 100; i++) await input.sendAsync(i);
      input.close();
    })();
    const received: number[] = [];
    const consuming = (async () => {
      for await (const v of output) received.push(v);
    })();
    const stats = await pipeline(input).stage((x) => Promise.resolve(x * 3), { concurrency: 4 }).into(output);
    await Promise.all([producing, consuming]);
    assert.deepEqual(received, Array.from({ length: 100 }, (_, i) => i * 3));
    assert.equal(stats.state, 'done');
    assert.equal(output.closed, true);
  });

  it('runs task-module stages on the pool, with progress events', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const k = await pool.load<Kernels>(KERNELS);
      const progress: string[] = [];
      const p = pipeline([3, 1, 2]).stage(k.withProgress, { concurrency: 2 }).stage(k.inc, { concurrency: 2 });
      p.on('progress', (e) => progress.push(`${e.stage}:${e.index}:${e.done}/${e.total}`));
      assert.deepEqual(await p.collect(), [4, 2, 3]);
      assert.deepEqual(progress.filter((s) => s.startsWith('withProgress:0:')), ['withProgress:0:1/3', 'withProgress:0:2/3', 'withProgress:0:3/3']);
      assert.equal(progress.length, 6);
      assert.deepEqual(p.stats().stages.map((s) => s.name), ['withProgress', 'inc']);
    });
  });

  it('stopping cancels the pool tasks of a stage', async () => {
    await withPool({ threads: 2, cancelGraceMs: 2000 }, async (pool) => {
      const k = await pool.load<Kernels>(KERNELS);
      const p = pipeline([1, 2, 3]).stage(k.spinUntilCancelled as unknown as (x: number) => Promise<number>, { concurrency: 2 });
      const it = p[Symbol.asyncIterator]();
      const first = it.next();
      for (let i = 0; i < 200 && p.stats().stages[0]!.active < 2; i++) await sleep(10);
      assert.equal(p.stats().stages[0]!.active, 2, JSON.stringify(p.stats()));
      await it.return!();
      assert.deepEqual(await first, { done: true, value: undefined });
      for (let i = 0; i < 200 && pool.stats().pending > 0; i++) await sleep(10);
      assert.equal(pool.stats().pending, 0, 'both tasks were cancelled');
      assert.equal(pool.stats().crashes, 0, 'and stopped by themselves');
    });
  });
});
