import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Mutex, MutexGuard, LockNotHeldError, DeadlockError, TimeoutError, InvalidArgumentError, CancelledError } from 'tessera';
import { flags, runAll, signal, sleep, start, until } from '../support/workers.js';

test('mutex - no lost updates over 1M increments by 4 workers plus async main-thread lockers', { timeout: 60_000 }, async () => {
  const mutex = new Mutex({ name: 'counter', stats: true });
  const counter = new Int32Array(new SharedArrayBuffer(8));
  const workers = 4;
  const iters = 250_000;
  const running = runAll<{ torn: number }>('mutex-worker.mjs', Array.from({ length: workers }, () => ({ scenario: 'increment', mutex: mutex.handle, counter, iters })));
  // The main thread joins in with lockAsync while the workers contend.
  const mainIters = 2_000;
  for (let i = 0; i < mainIters; i++) {
    const g = await mutex.lockAsync({ timeoutMs: 30_000 });
    const v = counter[0] as number;
    counter[0] = v + 1;
    counter[1] = v + 1;
    g.unlock();
  }
  const results = await running;
  assert.equal(counter[0], workers * iters + mainIters);
  assert.equal(counter[1], workers * iters + mainIters);
  assert.deepEqual(results.map((r) => r.torn), [0, 0, 0, 0]);
  const stats = mutex.stats();
  assert.ok(stats !== undefined);
  assert.equal(stats.acquisitions, workers * iters + mainIters);
  assert.ok(stats.contended > 0 && stats.contended <= stats.acquisitions);
  assert.equal(mutex.isLocked(), false);
});

test('mutex - tryLock, timeouts and foreign unlock from another thread', { timeout: 20_000 }, async () => {
  const mutex = new Mutex({ name: 'm' });
  const g = mutex.lock();
  const r = await start<{ tryLock: string; timeout: { code: string; name: string }; foreignUnlock: { code: string } }>('mutex-worker.mjs', { scenario: 'misuse', mutex: mutex.handle }).done;
  assert.equal(r.tryLock, 'undefined');
  assert.equal(r.timeout.code, 'ERR_TIMEOUT');
  assert.equal(r.timeout.name, 'TimeoutError');
  assert.equal(r.foreignUnlock.code, 'ERR_LOCK_NOT_HELD');
  assert.equal(mutex.isLocked(), true, 'a foreign unlock must not release the lock');
  g.unlock();
  await assert.rejects(async () => {
    const g1 = await mutex.lockAsync();
    try {
      await mutex.lockAsync({ timeoutMs: 20 });
    } finally {
      g1.unlock();
    }
  }, TimeoutError);
});

test('mutex - contention statistics count a steered contended wait and a timeout', { timeout: 20_000 }, async () => {
  const mutex = new Mutex({ stats: true });
  const f = flags();
  const g = mutex.lock();
  const w = start<{ ok: boolean }>('mutex-worker.mjs', { scenario: 'lock', mutex: mutex.handle, flags: f, me: 0 });
  await until(() => Atomics.load(f, 0) === 1, 10_000, 'worker about to lock');
  await sleep(30); // the worker is now spinning or asleep in lock()
  g.unlock();
  assert.deepEqual(await w.done, { ok: true });
  const g2 = mutex.lock();
  await assert.rejects(mutex.lockAsync({ timeoutMs: 10 }), TimeoutError);
  g2.unlock();
  const s = mutex.stats();
  assert.ok(s !== undefined);
  assert.equal(s.acquisitions, 3);
  assert.equal(s.contended, 1);
  assert.equal(s.timeouts, 1);
  assert.ok(s.maxWaitMs >= 5, `max wait ${s.maxWaitMs} ms`);
  assert.ok(s.totalWaitMs >= s.maxWaitMs);
  mutex.resetStats();
  assert.deepEqual(mutex.stats(), { acquisitions: 0, contended: 0, timeouts: 0, totalWaitMs: 0, maxWaitMs: 0 });
  assert.equal(new Mutex().stats(), undefined);
});

test('mutex - unlock misuse throws LockNotHeldError with a stable code', () => {
  const mutex = new Mutex({ name: 'jobs' });
  assert.throws(() => mutex.unlock(), (e: unknown) => e instanceof LockNotHeldError && e.code === 'ERR_LOCK_NOT_HELD' && e.lock === 'Mutex "jobs"');
  const g = mutex.lock();
  g.unlock();
  assert.equal(g.released, true);
  assert.throws(() => g.unlock(), LockNotHeldError);
  g[Symbol.dispose](); // disposing a released guard is a no-op
  assert.equal(mutex.isLocked(), false);
});

test('mutex - a blocking relock by the holder throws DeadlockError instead of hanging', () => {
  const mutex = new Mutex({ name: 'once-only' });
  using _g = mutex.lock();
  assert.throws(() => mutex.lock(), (e: unknown) => e instanceof DeadlockError && e.locks[0] === 'once-only');
});

test('mutex - using releases at scope exit, withLock releases on throw', async () => {
  const mutex = new Mutex();
  {
    using g = mutex.lock();
    assert.ok(g instanceof MutexGuard);
    assert.equal(mutex.isLocked(), true);
  }
  assert.equal(mutex.isLocked(), false);
  assert.throws(() => mutex.withLock(() => { throw new Error('boom'); }), /boom/);
  assert.equal(mutex.isLocked(), false);
  await assert.rejects(mutex.withLockAsync(async () => { await sleep(1); throw new Error('later'); }), /later/);
  assert.equal(mutex.isLocked(), false);
  assert.equal(mutex.withLock(() => 7), 7);
  assert.equal(mutex.tryLock()?.unlock(), undefined);
});

test('mutex - an aborted async waiter passes its wake-up on to the next waiter', { timeout: 20_000 }, async () => {
  // Steered: holder H takes the lock; the main thread queues an async waiter A
  // first, worker B queues behind it; A aborts; H unlocks. The wake-up goes to
  // A's abandoned wait (first in line) and must be forwarded to B.
  const mutex = new Mutex();
  const f = flags();
  const h = start('mutex-worker.mjs', { scenario: 'hold', mutex: mutex.handle, flags: f, me: 0 });
  await until(() => Atomics.load(f, 0) === 1, 10_000, 'holder');
  const ac = new AbortController();
  const a = mutex.lockAsync({ signal: ac.signal });
  // B's own timeout is long; had its wake-up been swallowed it would only get the
  // lock by retrying at that deadline, long after the 3 s we allow below.
  const b = start<{ ok: boolean }>('mutex-worker.mjs', { scenario: 'lock', mutex: mutex.handle, flags: f, me: 4, timeoutMs: 8_000 });
  await until(() => Atomics.load(f, 4) === 1, 10_000, 'B about to lock');
  await sleep(50); // B is asleep in Atomics.wait behind A
  ac.abort(new Error('no longer needed'));
  await assert.rejects(a, (e: unknown) => e instanceof CancelledError && (e.cause as Error).message === 'no longer needed');
  signal(f, 1); // H unlocks
  await h.done;
  let timer: NodeJS.Timeout | undefined;
  const verdict = await Promise.race([
    b.done.then(() => 'woken'),
    new Promise<string>((r) => { timer = setTimeout(() => r('not woken'), 3_000); }),
  ]);
  clearTimeout(timer);
  assert.equal(verdict, 'woken', 'the wake-up was swallowed by the aborted waiter');
  assert.deepEqual(await b.done, { ok: true });
});

test('mutex - handles survive structuredClone; bad handles are rejected', () => {
  const m = new Mutex({ name: 'x', stats: true });
  const copy = Mutex.fromHandle(structuredClone(m.handle));
  const g = copy.lock();
  assert.equal(m.isLocked(), true);
  g.unlock();
  assert.equal(copy.name, 'x');
  assert.equal(m.stats()?.acquisitions, 1);
  assert.throws(() => Mutex.fromHandle({ kind: 'tessera.RwLock' } as never), InvalidArgumentError);
  assert.throws(() => new Mutex({ name: 3 } as never), InvalidArgumentError);
  assert.throws(() => m.lock(-1), InvalidArgumentError);
});
