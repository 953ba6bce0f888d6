import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MpmcRing, InvalidArgumentError } from 'tessera';
import { flags, runAll, signal, start, until } from '../support/workers.js';

async function stress(startPos: number, capacity: number, batch = 0) {
  const ring = MpmcRing.create(capacity, 3);
  ring.init(startPos);
  const per = 40_000;
  const producers = 3;
  const total = producers * per;
  const seen = new Int32Array(new SharedArrayBuffer(total * 4));
  const done = new Int32Array(new SharedArrayBuffer(4));
  const [produce, consume] = batch > 0 ? ['ring-produce-many', 'ring-consume-many'] : ['ring-produce', 'ring-consume'];
  const consumers = runAll<{ torn: number; count: number }>('memory-worker.mjs', [0, 1].map(() => ({ scenario: consume, ring: ring.handle, seen, done, total, batch })));
  await runAll('memory-worker.mjs', Array.from({ length: producers }, (_, p) => ({ scenario: produce, ring: ring.handle, base: p * per, count: per, batch })));
  const got = await consumers;
  assert.deepEqual(got.map((g) => g.torn), [0, 0], 'no torn records');
  assert.equal(got.reduce((s, g) => s + g.count, 0), total);
  const wrong = seen.findIndex((v) => v !== 1);
  assert.equal(wrong, -1, `record ${wrong} taken ${seen[wrong]} times`);
  assert.equal(ring.size(), 0);
}

test('mpmc-ring - 3 producers, 2 consumers, 3-word records: each record once, never torn', { timeout: 60_000 }, async () => {
  await stress(0, 8);
});

test('mpmc-ring - positions wrapping past 2^31 and past 2^32 keep FIFO and exactly-once', { timeout: 60_000 }, async () => {
  await stress(2 ** 31 - 5_000, 16); // int32 positions turn negative mid-run
  await stress(-5_000, 8); // and cross zero again
});

test('mpmc-ring - runs claimed with one CAS (pushManyWith/popManyWith): each record once, never torn, across a wrap', { timeout: 60_000 }, async () => {
  await stress(0, 64, 7);
  await stress(2 ** 31 - 3_000, 16, 5);
});

test('mpmc-ring - pushManyWith/popManyWith stop at full and empty, FIFO across runs', () => {
  const ring = MpmcRing.create(8);
  const put = (from: number, n: number) => ring.pushManyWith(n, (w, at, k) => { w[at] = from + k; });
  assert.equal(put(0, 5), 5);
  assert.equal(put(5, 5), 3, 'only 3 free cells');
  assert.equal(put(99, 1), 0, 'full');
  const out: number[] = [];
  assert.equal(ring.popManyWith(6, (w, at) => { out.push(w[at] as number); }), 6);
  assert.equal(put(8, 4), 4);
  assert.equal(ring.popManyWith(100, (w, at) => { out.push(w[at] as number); }), 6);
  assert.deepEqual(out, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.equal(ring.popManyWith(1, () => assert.fail('empty')), 0);
  ring.seal();
  assert.equal(put(0, 1), 0, 'sealed');
});

test('mpmc-ring - single-thread FIFO, full and empty, across a wrap', () => {
  const ring = MpmcRing.create(4);
  ring.init(-2);
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 4; i++) assert.equal(ring.push(round * 10 + i), true);
    assert.equal(ring.push(99), false, 'full');
    assert.equal(ring.size(), 4);
    for (let i = 0; i < 4; i++) assert.equal(ring.pop(), round * 10 + i);
    assert.equal(ring.pop(-7), -7, 'empty');
  }
  const rec = MpmcRing.create(2, 2);
  assert.equal(rec.pushRecord([1, 2]), true);
  const out: number[] = [0];
  assert.equal(rec.popRecord(out, 1), true);
  assert.deepEqual(out, [0, 1, 2]);
  assert.equal(rec.popRecord(out), false);
});

test('mpmc-ring - all-zero memory is an empty ring; init() resets a used one', () => {
  const words = new Int32Array(new SharedArrayBuffer(4 * (5 + MpmcRing.words(8, 2))));
  const ring = new MpmcRing(words, 5, 8, 2); // no init: a fresh buffer is zeroed
  assert.equal(ring.size(), 0);
  assert.equal(ring.popRecord([]), false, 'empty');
  for (let lap = 0; lap < 3; lap++) {
    for (let i = 0; i < 8; i++) assert.equal(ring.pushRecord([lap, i]), true);
    assert.equal(ring.pushRecord([9, 9]), false, 'full');
    for (let i = 0; i < 8; i++) {
      const out: number[] = [];
      assert.equal(ring.popRecord(out), true);
      assert.deepEqual(out, [lap, i]);
    }
  }
  for (let i = 0; i < 5; i++) ring.pushRecord([7, i]);
  ring.seal();
  ring.init();
  assert.equal(ring.isSealed(), false);
  assert.equal(ring.size(), 0);
  assert.equal(ring.popRecord([]), false, 'init emptied it');
  assert.equal(ring.pushRecord([1, 1]), true);
  assert.deepEqual(words.subarray(0, 5), new Int32Array(5), 'words before base untouched');
});

test('mpmc-ring - seal: later pushes fail, a claimed push still lands, drain completes (steered)', { timeout: 30_000 }, async () => {
  const ring = MpmcRing.create(8);
  ring.push(1);
  const f = flags();
  const w = start<{ ok: boolean }>('memory-worker.mjs', { scenario: 'ring-push-parked', ring: ring.handle, flags: f });
  await until(() => Atomics.load(f, 0) === 1, 10_000, 'push claimed, not published');
  ring.seal();
  assert.equal(ring.isSealed(), true);
  assert.equal(ring.push(3), false, 'pushes after seal fail');
  assert.equal(ring.pop(), 1);
  assert.equal(ring.pop(-1), -1, 'claimed record not yet published');
  assert.equal(ring.isDrained(), false, 'a claimed record is outstanding');
  signal(f, 1);
  assert.deepEqual(await w.done, { ok: true });
  assert.equal(ring.pop(), 99);
  assert.equal(ring.isDrained(), true);
  assert.equal(ring.size(), 0);
  ring.seal(); // idempotent
});

test('mpmc-ring - argument checks and handles', () => {
  const a = new Int32Array(new SharedArrayBuffer(MpmcRing.words(4, 1) * 4));
  assert.throws(() => new MpmcRing(a, 0, 3), InvalidArgumentError);
  assert.throws(() => new MpmcRing(a, 0, 4, 0), InvalidArgumentError);
  assert.throws(() => new MpmcRing(a, 1, 4), InvalidArgumentError, 'does not fit');
  const ring = new MpmcRing(a, 0, 4);
  ring.init();
  ring.push(5);
  const view = MpmcRing.fromHandle(structuredClone(ring.handle));
  assert.equal(view.pop(), 5);
  assert.equal(view.capacity, 4);
});
