import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Latch, CountDownLatch, SyncMisuseError, TimeoutError, CancelledError } from 'tessera';
import { flags, signal, start } from '../support/workers.js';

test('latch - opens after every worker counts down; blocking and async waiters both released', { timeout: 30_000 }, async () => {
  const latch = new Latch(3);
  const f = flags();
  const waiter = start<{ ok: boolean }>('latch-once-worker.mjs', { scenario: 'latch-wait', latch: latch.handle, timeoutMs: 10_000 });
  const downs = [0, 1, 2].map(() => start('latch-once-worker.mjs', { scenario: 'latch-count-down', latch: latch.handle, flags: f }));
  const mainWait = latch.waitAsync({ timeoutMs: 10_000 });
  assert.equal(latch.tryWait(), false);
  signal(f, 0);
  await mainWait;
  await Promise.all(downs.map((d) => d.done));
  assert.deepEqual(await waiter.done, { ok: true });
  assert.equal(latch.count, 0);
  assert.equal(latch.tryWait(), true);
});

test('latch - timeouts, abort and misuse', async () => {
  const latch = new CountDownLatch(2);
  assert.ok(latch instanceof Latch);
  assert.throws(() => latch.wait(5), TimeoutError);
  await assert.rejects(latch.waitAsync({ timeoutMs: 5 }), TimeoutError);
  const ac = new AbortController();
  const p = latch.waitAsync({ signal: ac.signal });
  ac.abort();
  await assert.rejects(p, CancelledError);
  const w = await start<{ ok: boolean; error: { code: string } }>('latch-once-worker.mjs', { scenario: 'latch-wait', latch: latch.handle, timeoutMs: 20 }).done;
  assert.equal(w.error.code, 'ERR_TIMEOUT');
  assert.throws(() => latch.countDown(3), SyncMisuseError);
  latch.countDown(2);
  assert.throws(() => latch.countDown(), SyncMisuseError);
  latch.wait(0);
  assert.equal(new Latch(0).tryWait(), true);
  assert.equal(Latch.fromHandle(structuredClone(latch.handle)).count, 0);
});
