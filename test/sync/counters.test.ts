import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AtomicCounter, PaddedCounters, InvalidArgumentError } from 'tessera';
import { runAll } from '../support/workers.js';

test('counters - 4 workers x 250k increments: exact totals for AtomicCounter and both counter layouts', { timeout: 60_000 }, async () => {
  const counter = new AtomicCounter();
  const padded = new PaddedCounters(4);
  const packed = new PaddedCounters(4, { padded: false });
  const iters = 250_000;
  await runAll('counters-worker.mjs', [0, 1, 2, 3].map((me) => ({ counter: counter.handle, padded: padded.handle, packed: packed.handle, me, iters })));
  assert.equal(counter.load(), 4 * iters);
  assert.deepEqual([0, 1, 2, 3].map((i) => padded.load(i)), [iters, iters, iters, iters]);
  assert.equal(padded.sum(), 4 * iters);
  assert.equal(packed.sum(), 8 * iters);
});

test('counters - layout, operations and argument checks', () => {
  const padded = new PaddedCounters(3);
  assert.equal(padded.padded, true);
  assert.equal(padded.stride * 4, 128, 'one counter per 128 bytes');
  assert.equal(padded.handle.buffer.byteLength >= 3 * 128, true);
  const packed = new PaddedCounters(3, { padded: false });
  assert.equal(packed.stride, 1);
  padded.store(1, 5);
  assert.equal(padded.add(1, 2), 5);
  assert.equal(padded.increment(1), 8);
  assert.throws(() => padded.load(3), InvalidArgumentError);
  assert.throws(() => padded.load(-1), InvalidArgumentError);
  assert.throws(() => new PaddedCounters(0), InvalidArgumentError);
  assert.equal(PaddedCounters.fromHandle(structuredClone(padded.handle)).load(1), 8);

  const c = new AtomicCounter(2 ** 31 - 1);
  assert.equal(c.increment(), -(2 ** 31), 'wraps as int32');
  c.store(10);
  assert.equal(c.fetchAdd(5), 10);
  assert.equal(c.fetchSub(3), 15);
  assert.equal(c.decrement(), 11);
  assert.equal(c.exchange(1), 11);
  assert.equal(c.compareExchange(1, 9), 1);
  assert.equal(c.compareExchange(1, 7), 9);
  assert.equal(AtomicCounter.fromHandle(structuredClone(c.handle)).load(), 9);
  assert.throws(() => new AtomicCounter(1.5), InvalidArgumentError);
});
