import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, InvalidArgumentError, Limiter, Semaphore, TimeoutError, shared } from 'tessera';
import { fixture, rng, sleep, withPool } from '../support.js';

/** Runs `fn` counting how many run at once. */
function tracker(): { run: <T>(fn: () => Promise<T>) => Promise<T>; max: () => number } {
  let now = 0;
  let max = 0;
  return {
    run: async (fn) => {
      max = Math.max(max, ++now);
      try {
        return await fn();
      } finally {
        now--;
      }
    },
    max: () => max,
  };
}

describe('limiter - concurrency', () => {
  it('never runs more than `concurrency` jobs, starting them in FIFO order', async () => {
    const limit = new Limiter({ concurrency: 3 });
    const t = tracker();
    const random = rng(3);
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        limit.run(() =>
          t.run(async () => {
            started.push(i);
            await sleep(Math.floor(random() * 5));
            return i * i;
          }),
        ),
      ),
    );
    assert.deepEqual(results, Array.from({ length: 40 }, (_, i) => i * i));
    assert.equal(t.max(), 3);
    assert.deepEqual(started, Array.from({ length: 40 }, (_, i) => i));
    assert.deepEqual(limit.stats(), { active: 0, queued: 0, fulfilled: 40, rejected: 0, cancelled: 0 });
  });

  it('map pulls an (endless) source only as places free up', async () => {
    const limit = new Limiter(2);
    let pulled = 0;
    function* naturals(): Generator<number> {
      for (;;) yield pulled++;
    }
    // eslint-disable-next-line @typescript-eslint/require-await -- an async source on purpose
    async function* firstHundred(): AsyncGenerator<number> {
      for (const n of naturals()) {
        if (n >= 100) return;
        yield n;
      }
    }
    const t = tracker();
    const out = await limit.map(firstHundred(), (x) => t.run(async () => {
      await sleep(0);
      assert.ok(pulled - x <= 6, `read ${pulled - x} ahead`);
      return x + 1;
    }));
    assert.deepEqual(out, Array.from({ length: 100 }, (_, i) => i + 1));
    assert.equal(t.max(), 2);
  });

  it('map stops at the first failure and cancels the rest', async () => {
    const limit = new Limiter(2);
    const signals: AbortSignal[] = [];
    const err = await limit
      .map([1, 2, 3, 4, 5, 6], async (x, _i, signal) => {
        signals.push(signal);
        if (x === 2) throw new RangeError('two');
        await sleep(30);
        return x;
      })
      .catch((e: unknown) => e);
    assert.ok(err instanceof RangeError);
    assert.ok(signals.length < 6, 'later items never started');
    assert.ok(signals.every((s, i) => i === 1 || s.aborted));
    await limit.onIdle();
  });
});

describe('limiter - cancellation', () => {
  it('a queued job leaves the queue at once; a running one sees its signal and keeps its place until it ends', async () => {
    const limit = new Limiter(1);
    let release!: () => void;
    let runningSignal: AbortSignal | undefined;
    let finished = false;
    const ac1 = new AbortController();
    const first = limit.run(async (signal) => {
      runningSignal = signal;
      await new Promise<void>((r) => (release = r));
      finished = true;
      return 'first';
    }, { signal: ac1.signal });
    const ac2 = new AbortController();
    const second = limit.run(() => 'second', { signal: ac2.signal });
    const third = limit.run(() => 'third');
    await sleep(5);
    assert.equal(limit.queued, 2);
    ac2.abort('no');
    await assert.rejects(second, (e: unknown) => e instanceof CancelledError && (e.cause) === 'no');
    assert.equal(limit.queued, 1);
    ac1.abort();
    await assert.rejects(first, CancelledError);
    assert.equal(runningSignal?.aborted, true);
    assert.equal(limit.active, 1, 'the cancelled job still runs, so it keeps its place');
    release();
    assert.equal(await third, 'third');
    assert.equal(finished, true);
    assert.equal(limit.stats().cancelled, 2);
  });

  it('times out jobs, cancels all, and rejects bad arguments', async () => {
    const limit = new Limiter(2);
    await assert.rejects(limit.run(() => sleep(1000), { timeoutMs: 10 }), TimeoutError);
    const jobs = [limit.run(() => sleep(1000)), limit.run(() => sleep(1000)), limit.run(() => sleep(1000))];
    limit.cancelAll('shutdown');
    for (const j of jobs) await assert.rejects(j, CancelledError);
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(limit.run(() => 1, { signal: ac.signal }), CancelledError);
    assert.throws(() => new Limiter(0), InvalidArgumentError);
    assert.throws(() => new Limiter({ concurrency: Infinity }), InvalidArgumentError);
    assert.throws(() => limit.run(42 as unknown as () => number), InvalidArgumentError);
  });
});

describe('limiter - shared semaphore', () => {
  it('holds a permit of a shared Semaphore per job, so workers count against the same limit', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const sem = new Semaphore(2);
      const limit = new Limiter({ concurrency: Infinity, semaphore: sem });
      const t = tracker();
      const k = await pool.load<typeof import('../fixtures/tasks/semaphore-user.mjs')>(fixture('tasks/semaphore-user.mjs'));
      // A worker holds one of the two permits until told to let go: the limiter may only run one job meanwhile.
      const letGo = shared.int32(1);
      const worker = k.holdPermit(sem.handle, letGo);
      for (let i = 0; i < 500 && sem.available !== 1; i++) await sleep(2);
      assert.equal(sem.available, 1);
      const jobs = Array.from({ length: 6 }, (_, i) => limit.run(() => t.run(async () => {
        await sleep(5);
        return i;
      })));
      assert.deepEqual(await Promise.all(jobs), [0, 1, 2, 3, 4, 5]);
      assert.equal(t.max(), 1, 'one permit left while the worker holds the other');
      Atomics.store(letGo, 0, 1);
      Atomics.notify(letGo, 0);
      await worker;
      assert.equal(sem.available, 2);
    });
  });
});
