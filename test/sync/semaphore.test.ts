import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Semaphore, SyncMisuseError, TimeoutError, CancelledError } from 'tessera';
import { flags, runAll, sleep, start, until } from '../support/workers.js';

function stateArray(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(64 * 4));
}

test('semaphore - never more than `permits` holders (4 workers x 5000)', { timeout: 60_000 }, async () => {
  const sem = new Semaphore(2);
  const state = stateArray();
  await runAll('semaphore-worker.mjs', [0, 1, 2, 3].map(() => ({ scenario: 'bound', sem: sem.handle, state, iters: 5_000 })));
  assert.ok((state[1] as number) <= 2, `max inside ${state[1]}`);
  assert.ok((state[1] as number) >= 1);
  assert.equal(sem.available, 2);
  assert.equal(sem.queued, 0);
});

/** Starts queue workers one by one, each only once the previous is queued. */
async function queueInOrder(sem: Semaphore, state: Int32Array, specs: Array<{ me: number; n?: number; timeoutMs?: number }>) {
  const f = flags(32);
  const runs = [];
  for (const [k, spec] of specs.entries()) {
    runs.push(start<{ ok: boolean; error?: { code: string } }>('semaphore-worker.mjs', { scenario: 'queue', sem: sem.handle, state, flags: f, ...spec }));
    await until(() => sem.queued === k + 1, 10_000, `waiter ${spec.me} queued`);
  }
  return runs;
}

test('semaphore - FIFO: waiters get permits in arrival order (steered)', { timeout: 30_000 }, async () => {
  const sem = new Semaphore(0);
  const state = stateArray();
  const runs = await queueInOrder(sem, state, [{ me: 1 }, { me: 2 }, { me: 3 }]);
  for (let k = 1; k <= 3; k++) {
    sem.release();
    await until(() => state[4] === k, 10_000, `grant ${k}`);
  }
  for (const r of runs) assert.deepEqual(await r.done, { ok: true });
  assert.deepEqual([...state.subarray(5, 8)], [1, 2, 3]);
});

test('semaphore - no barging: a large request at the front holds back smaller ones and tryAcquire', { timeout: 30_000 }, async () => {
  const sem = new Semaphore(0);
  const state = stateArray();
  const runs = await queueInOrder(sem, state, [{ me: 1, n: 2 }, { me: 2, n: 1 }]);
  sem.release(1);
  await sleep(50);
  assert.equal(state[4], 0, 'waiter 2 must not overtake waiter 1');
  assert.equal(sem.tryAcquire(1), undefined, 'tryAcquire must not overtake the queue');
  sem.release(1);
  await until(() => state[4] === 1, 10_000, 'waiter 1 granted');
  sem.release(1);
  await until(() => state[4] === 2, 10_000, 'waiter 2 granted');
  for (const r of runs) assert.deepEqual(await r.done, { ok: true });
  assert.deepEqual([...state.subarray(5, 7)], [1, 2]);
});

test('semaphore - a waiter that times out or aborts leaves the queue without blocking it', { timeout: 30_000 }, async () => {
  const sem = new Semaphore(0);
  const state = stateArray();
  const runs = await queueInOrder(sem, state, [{ me: 1, timeoutMs: 3000 }]);
  const ac = new AbortController();
  const aborted = sem.acquireAsync(1, { signal: ac.signal });
  await until(() => sem.queued === 2, 10_000, 'async waiter queued');
  const last = start<{ ok: boolean }>('semaphore-worker.mjs', { scenario: 'queue', sem: sem.handle, state, flags: flags(), me: 3, timeoutMs: 10_000 });
  await until(() => sem.queued === 3, 10_000, 'waiter 3 queued');
  ac.abort();
  await assert.rejects(aborted, CancelledError);
  const first = await runs[0]!.done;
  assert.equal(first.ok, false);
  assert.equal(first.error?.code, 'ERR_TIMEOUT');
  sem.release();
  assert.deepEqual(await last.done, { ok: true });
  assert.deepEqual([...state.subarray(5, 6)], [3]);
  assert.equal(sem.queued, 0);
});

test('semaphore - more async waiters than queue slots all get through', { timeout: 30_000 }, async () => {
  const sem = new Semaphore(0);
  const n = 300; // more than the 256 ticket slots
  let done = 0;
  const all = Array.from({ length: n }, () => sem.acquireAsync(1, { timeoutMs: 20_000 }).then((p) => { done++; return p; }));
  await sleep(10);
  for (let i = 0; i < n; i++) {
    sem.release();
    await until(() => done === i + 1, 10_000, `grant ${i + 1}`);
  }
  const permits = await Promise.all(all);
  assert.equal(permits.length, n);
  assert.equal(sem.available, 0);
});

test('semaphore - permits, timeouts and misuse', async () => {
  const sem = new Semaphore(3, { name: 'pool' });
  const p = sem.acquire(2);
  assert.equal(p.permits, 2);
  assert.equal(sem.available, 1);
  assert.throws(() => sem.acquire(2, 10), TimeoutError);
  await assert.rejects(sem.acquireAsync(2, { timeoutMs: 10 }), TimeoutError);
  p.release();
  assert.throws(() => p.release(), SyncMisuseError);
  {
    using _q = sem.acquire(3);
    assert.equal(sem.available, 0);
  }
  assert.equal(sem.available, 3);
  assert.throws(() => new Semaphore(2 ** 31 - 1).release(), SyncMisuseError);
  assert.equal(Semaphore.fromHandle(structuredClone(sem.handle)).available, 3);
});
