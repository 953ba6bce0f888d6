import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Once, TimeoutError } from 'tessera';
import { flags, signal, start } from '../support/workers.js';

test('once - four workers race; the initialiser runs once and everyone waits for it', { timeout: 30_000 }, async () => {
  const once = new Once();
  const state = new Int32Array(new SharedArrayBuffer(16));
  const f = flags();
  const ws = [0, 1, 2, 3].map(() => start<{ ran: boolean; sawInit: boolean }>('latch-once-worker.mjs', { scenario: 'once', once: once.handle, state, flags: f }));
  signal(f, 0);
  const results = await Promise.all(ws.map((w) => w.done));
  assert.equal(state[0], 1, 'ran exactly once');
  assert.equal(results.filter((r) => r.ran).length, 1);
  assert.ok(results.every((r) => r.sawInit), 'callers returned only after the initialiser finished');
  assert.equal(once.isCompleted, true);
  assert.equal(once.callOnce(() => assert.fail('must not run again')), false);
});

test('once - a throwing initialiser can be retried; async initialisers; timeouts', async () => {
  const once = new Once();
  assert.throws(() => once.callOnce(() => { throw new Error('first try'); }), /first try/);
  assert.equal(once.isCompleted, false);
  let runs = 0;
  assert.equal(once.callOnce(() => { runs++; }), true);
  assert.equal(runs, 1);

  const slow = new Once();
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  const first = slow.callOnceAsync(() => gate);
  await assert.rejects(slow.callOnceAsync(() => {}, { timeoutMs: 10 }), TimeoutError);
  const second = slow.callOnceAsync(() => assert.fail('must not run'));
  release();
  assert.equal(await first, true);
  assert.equal(await second, false);
  assert.equal(Once.fromHandle(structuredClone(slow.handle)).isCompleted, true);
});
