import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Mutex, Condvar, LockNotHeldError, InvalidArgumentError } from 'tessera';
import { flags, runAll, signal, start, until } from '../support/workers.js';

test('condvar - no lost wake-up when notify lands between unlock and sleep (steered, 30 rounds)', { timeout: 60_000 }, async () => {
  const mutex = new Mutex();
  const cv = new Condvar({ name: 'ready' });
  const state = new Int32Array(new SharedArrayBuffer(16));
  const f = flags();
  const rounds = 30;
  const w = start<{ results: boolean[]; fired: number }>('condvar-worker.mjs', { scenario: 'lost-wakeup-window', mutex: mutex.handle, cv: cv.handle, flags: f, state, rounds });
  for (let round = 1; round <= rounds; round++) {
    // The waiter is parked inside cv.wait with the mutex released and its Atomics.wait not yet entered.
    await until(() => Atomics.load(f, 0) === round, 10_000, `waiter in the window, round ${round}`);
    const g = await mutex.lockAsync({ timeoutMs: 5_000 });
    Atomics.store(state, 0, round);
    cv.notifyOne();
    g.unlock();
    signal(f, 1, round);
  }
  const r = await w.done;
  assert.equal(r.fired, rounds, 'the hook parked the waiter in the window every round');
  // Every wait returned because of the notify, none by its 3 s timeout.
  assert.deepEqual(r.results, Array(rounds).fill(true));
});

test('condvar - bounded queue with notifyOne: 2 producers, 2 consumers, every item once', { timeout: 60_000 }, async () => {
  const mutex = new Mutex();
  const notEmpty = new Condvar({ name: 'notEmpty' });
  const notFull = new Condvar({ name: 'notFull' });
  const cap = 4;
  const state = new Int32Array(new SharedArrayBuffer((8 + cap) * 4));
  const items = 10_000;
  const seen = new Int32Array(new SharedArrayBuffer(2 * items * 4));
  const common = { mutex: mutex.handle, notEmpty: notEmpty.handle, notFull: notFull.handle, state, cap };
  const consumers = runAll<{ count: number }>('condvar-worker.mjs', [0, 1].map(() => ({ ...common, scenario: 'consumer', seen })));
  await runAll('condvar-worker.mjs', [0, 1].map((p) => ({ ...common, scenario: 'producer', items, base: p * items })));
  // One poison pill per consumer, sent from the main thread with the async forms.
  for (let k = 0; k < 2; k++) {
    const g = await mutex.lockAsync();
    await notFull.waitWhileAsync(g, () => state[0] === cap, { timeoutMs: 10_000 });
    state[8 + (state[2] as number)] = -1;
    state[2] = ((state[2] as number) + 1) % cap;
    state[0] = (state[0] as number) + 1;
    notEmpty.notifyOne();
    g.unlock();
  }
  const counts = await consumers;
  assert.equal(counts.reduce((s, c) => s + c.count, 0), 2 * items);
  assert.ok(seen.every((v) => v === 1), 'every item consumed exactly once');
});

test('condvar - notifyAll wakes every waiter', { timeout: 30_000 }, async () => {
  const mutex = new Mutex();
  const cv = new Condvar();
  const state = new Int32Array(new SharedArrayBuffer(16));
  const f = flags();
  const ws = [0, 1, 2].map((me) => start<{ ok: boolean }>('condvar-worker.mjs', { scenario: 'wait-flag', mutex: mutex.handle, cv: cv.handle, state, flags: f, me }));
  await until(() => [0, 1, 2].every((i) => Atomics.load(f, i) === 1), 10_000, 'waiters');
  const g = await mutex.lockAsync();
  Atomics.store(state, 0, 1);
  cv.notifyAll();
  g.unlock();
  for (const w of ws) assert.deepEqual(await w.done, { ok: true });
});

test('condvar - timeouts return false; misuse throws', async () => {
  const mutex = new Mutex();
  const cv = new Condvar();
  const g = mutex.lock();
  assert.equal(cv.wait(g, 5), false);
  assert.equal(mutex.isLocked(), true, 're-locked after the wait');
  assert.equal(cv.waitWhile(g, () => true, 5), false);
  assert.equal(cv.waitWhile(g, () => false, 5), true);
  assert.equal(await cv.waitAsync(g, { timeoutMs: 5 }), false);
  g.unlock();
  assert.throws(() => cv.wait(g), LockNotHeldError);
  assert.throws(() => cv.wait({} as never), InvalidArgumentError);
  cv.notifyOne(); // no waiters: no effect
  cv.notifyAll();
  assert.equal(Condvar.fromHandle(structuredClone(cv.handle)).handle.name, 'Condvar');
});
