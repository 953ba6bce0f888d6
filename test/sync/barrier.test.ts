import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Barrier, TimeoutError, InvalidArgumentError } from 'tessera';
import { start } from '../support/workers.js';

test('barrier - generations: 3 workers + async main, 300 two-phase rounds, one leader per generation', { timeout: 60_000 }, async () => {
  const parties = 4;
  const rounds = 300;
  const barrier = new Barrier(parties);
  const slots = new Int32Array(new SharedArrayBuffer(parties * 4));
  const ws = [0, 1, 2].map((me) => start<{ leaders: number; violations: number; gens: number[] }>('barrier-worker.mjs', { barrier: barrier.handle, slots, me, rounds }));
  let leaders = 0;
  let violations = 0;
  for (let r = 1; r <= rounds; r++) {
    Atomics.store(slots, 3, r);
    const a = await barrier.waitAsync({ timeoutMs: 10_000 });
    if (a.isLeader) leaders++;
    for (let k = 0; k < parties; k++) if (Atomics.load(slots, k) !== r) violations++;
    const b = await barrier.waitAsync({ timeoutMs: 10_000 });
    if (b.isLeader) leaders++;
  }
  const results = await Promise.all(ws.map((w) => w.done));
  assert.equal(violations + results.reduce((s, x) => s + x.violations, 0), 0);
  assert.equal(leaders + results.reduce((s, x) => s + x.leaders, 0), 2 * rounds, 'exactly one leader per generation');
  assert.deepEqual(results[0]?.gens, Array.from({ length: rounds }, (_, i) => 2 * i));
  assert.equal(barrier.generation, 2 * rounds);
  assert.equal(barrier.arrived, 0);
});

test('barrier - a party that times out withdraws and the barrier stays usable', async () => {
  const barrier = new Barrier(2);
  assert.throws(() => barrier.wait(10), TimeoutError);
  assert.equal(barrier.arrived, 0);
  await assert.rejects(barrier.waitAsync({ timeoutMs: 10 }), TimeoutError);
  assert.equal(barrier.arrived, 0);
  const [x, y] = await Promise.all([barrier.waitAsync(), barrier.waitAsync()]);
  assert.equal(Number(x.isLeader) + Number(y.isLeader), 1);
  assert.equal(barrier.generation, 1);
  const one = new Barrier(1);
  assert.equal(one.wait().isLeader, true);
  assert.throws(() => new Barrier(0), InvalidArgumentError);
  assert.throws(() => new Barrier(65536), InvalidArgumentError);
  assert.equal(Barrier.fromHandle(structuredClone(barrier.handle)).parties, 2);
});

test('barrier - generation counter wraps at 2^16 without confusing waiters', async () => {
  const barrier = new Barrier(2);
  for (let g = 0; g < 65_540; g++) {
    const p = barrier.waitAsync();
    assert.equal(barrier.wait().isLeader, true);
    assert.equal((await p).isLeader, false);
  }
  assert.equal(barrier.generation, 65_540 % 65_536);
});
