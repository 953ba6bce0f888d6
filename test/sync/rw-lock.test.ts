import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RwLock, LockNotHeldError, TimeoutError, DeadlockError } from 'tessera';
import { flags, runAll, sleep, start, until } from '../support/workers.js';

const READERS = 0, WRITERS = 1, A = 2, B = 3, CURSOR = 4, LOG = 5;
function stateArray(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(64 * 4));
}

test('rw-lock - readers hold the lock concurrently', { timeout: 30_000 }, async () => {
  const lock = new RwLock();
  const state = stateArray();
  const n = 3;
  const results = await runAll<{ maxSeen: number }>('rwlock-worker.mjs', Array.from({ length: n }, () => ({ scenario: 'readers-overlap', lock: lock.handle, state, n })));
  // Each reader saw all n readers inside the read lock at once.
  assert.deepEqual(results.map((r) => r.maxSeen), [n, n, n]);
  assert.equal(lock.readers, 0);
});

test('rw-lock - writers are exclusive against writers and readers (stress, 2 writers + 2 readers + async main)', { timeout: 60_000 }, async () => {
  const lock = new RwLock({ stats: true });
  const state = stateArray();
  const iters = 40_000;
  const roles = ['writer', 'reader', 'writer', 'reader'];
  const running = runAll<{ violations: number }>('rwlock-worker.mjs', roles.map((role) => ({ scenario: 'mixed', lock: lock.handle, state, iters, role })));
  let mainViolations = 0;
  for (let i = 0; i < 300; i++) {
    if (i % 2 === 0) {
      const g = await lock.writeAsync({ timeoutMs: 30_000 });
      if (Atomics.add(state, WRITERS, 1) !== 0 || Atomics.load(state, READERS) !== 0) mainViolations++;
      state[A] = (state[A] as number) + 1;
      state[B] = (state[B] as number) + 1;
      Atomics.sub(state, WRITERS, 1);
      g.unlock();
    } else {
      const g = await lock.readAsync({ timeoutMs: 30_000 });
      if (Atomics.load(state, WRITERS) !== 0 || state[A] !== state[B]) mainViolations++;
      g.unlock();
    }
  }
  const results = await running;
  assert.deepEqual(results.map((r) => r.violations), [0, 0, 0, 0]);
  assert.equal(mainViolations, 0);
  assert.equal(state[A], 2 * iters + 150);
  assert.equal(state[B], 2 * iters + 150);
  assert.equal(lock.stats()?.acquisitions, 4 * iters + 300);
});

test('rw-lock - writer preference: a waiting writer goes before a reader that arrives later (steered)', { timeout: 30_000 }, async () => {
  const lock = new RwLock();
  const state = stateArray();
  const f = flags();
  const held = lock.read(); // the main thread holds a read lock
  const w = start<{ ok: boolean }>('rwlock-worker.mjs', { scenario: 'write', lock: lock.handle, state, flags: f, me: 0, timeoutMs: 10_000 });
  // Wait until the writer is queued: from then on tryRead fails although only readers hold the lock.
  await until(() => {
    const g = lock.tryRead();
    g?.unlock();
    return g === undefined;
  }, 10_000, 'writer queued');
  assert.equal(lock.readers, 1);
  const r = start<{ ok: boolean }>('rwlock-worker.mjs', { scenario: 'read', lock: lock.handle, state, flags: f, me: 2, timeoutMs: 10_000 });
  await until(() => Atomics.load(f, 2) === 1, 10_000, 'late reader started');
  await sleep(50);
  assert.equal(Atomics.load(state, CURSOR), 0, 'nobody may enter while the first reader holds the lock and a writer waits');
  held.unlock();
  assert.deepEqual(await w.done, { ok: true });
  assert.deepEqual(await r.done, { ok: true });
  assert.deepEqual([state[LOG], state[LOG + 1]], [1, 2], 'writer (1) before the late reader (2)');
});

test('rw-lock - a writer that times out lets queued readers in', { timeout: 30_000 }, async () => {
  const lock = new RwLock();
  const state = stateArray();
  const f = flags();
  const held = lock.read();
  const w = start<{ ok: boolean; error?: { code: string } }>('rwlock-worker.mjs', { scenario: 'write', lock: lock.handle, state, flags: f, me: 0, timeoutMs: 300 });
  await until(() => {
    const g = lock.tryRead();
    g?.unlock();
    return g === undefined;
  }, 10_000, 'writer queued');
  const r = start<{ ok: boolean }>('rwlock-worker.mjs', { scenario: 'read', lock: lock.handle, state, flags: f, me: 2, timeoutMs: 10_000 });
  const wr = await w.done;
  assert.equal(wr.ok, false);
  assert.equal(wr.error?.code, 'ERR_TIMEOUT');
  // The main thread still holds its read lock: the late reader got in beside it.
  assert.deepEqual(await r.done, { ok: true });
  held.unlock();
  assert.equal(lock.readers, 0);
});

test('rw-lock - misuse: unlocks not held, double guard unlock, foreign write unlock, self deadlock', async () => {
  const lock = new RwLock({ name: 'cfg' });
  assert.throws(() => lock.readUnlock(), LockNotHeldError);
  assert.throws(() => lock.writeUnlock(), LockNotHeldError);
  const r = lock.read();
  r.unlock();
  assert.throws(() => r.unlock(), LockNotHeldError);
  const w = lock.write();
  const res = await start<{ ok: boolean; error: { code: string } }>('rwlock-worker.mjs', { scenario: 'foreign-unlock', lock: lock.handle }).done;
  assert.equal(res.error.code, 'ERR_LOCK_NOT_HELD');
  assert.equal(lock.readers, -1, 'still write-locked');
  assert.equal(lock.tryRead(), undefined);
  assert.equal(lock.tryWrite(), undefined);
  assert.throws(() => lock.read(), DeadlockError);
  assert.throws(() => lock.write(), DeadlockError);
  await assert.rejects(lock.readAsync({ timeoutMs: 10 }), TimeoutError);
  w.unlock();
  {
    using _w = lock.write();
    assert.equal(lock.readers, -1);
  }
  assert.equal(lock.readers, 0);
  const copy = RwLock.fromHandle(structuredClone(lock.handle));
  copy.write().unlock();
  assert.equal(copy.name, 'cfg');
});
