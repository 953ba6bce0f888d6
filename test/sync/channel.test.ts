import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Channel, ChannelClosedError, TimeoutError, CancelledError, InvalidArgumentError } from 'tessera';
import { flags, runAll, signal, sleep, start, until } from '../support/workers.js';

type Sent = { sent: number };
type Got = { count: number; bad: number };

function seenArray(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * 4));
}

test('channel - every message exactly once: 3 producers x 100k, 3 consumers, tiny capacity (i32)', { timeout: 60_000 }, async () => {
  const ch = Channel.int32(16);
  const per = 100_000;
  const seen = seenArray(3 * per);
  const consumers = runAll<Got>('channel-worker.mjs', [0, 1, 2].map(() => ({ scenario: 'consume', channel: ch.handle, seen })));
  const sent = await runAll<Sent>('channel-worker.mjs', [0, 1, 2].map((p) => ({ scenario: 'produce', channel: ch.handle, base: p * per, count: per })));
  assert.deepEqual(sent.map((s) => s.sent), [per, per, per]);
  ch.close();
  const got = await consumers;
  assert.equal(got.reduce((s, g) => s + g.count, 0), 3 * per);
  const wrong = seen.findIndex((v) => v !== 1);
  assert.equal(wrong, -1, `id ${wrong} seen ${seen[wrong]} times`);
});

test('channel - close racing with sends: every successful send is delivered exactly once (f64, 3 timings)', { timeout: 60_000 }, async () => {
  for (const delayMs of [0, 5, 30]) {
    const ch = Channel.numbers(64);
    const cap = 1_000_000;
    const seen = seenArray(2 * cap);
    const consumers = runAll<Got>('channel-worker.mjs', [0, 1].map(() => ({ scenario: 'consume', channel: ch.handle, seen })));
    const producers = runAll<Sent>('channel-worker.mjs', [0, 1].map((p) => ({ scenario: 'produce', channel: ch.handle, base: p * cap, count: cap })));
    await sleep(delayMs);
    ch.close();
    const sent = await producers;
    const got = await consumers;
    const total = sent.reduce((s, x) => s + x.sent, 0);
    assert.equal(got.reduce((s, g) => s + g.count, 0), total, `delay ${delayMs}: received = successfully sent`);
    for (const [p, s] of sent.entries()) {
      for (let i = 0; i < cap; i++) {
        const expected = i < s.sent ? 1 : 0;
        if (seen[p * cap + i] !== expected) assert.fail(`delay ${delayMs}: producer ${p} message ${i} seen ${seen[p * cap + i]} times (sent ${s.sent})`);
      }
    }
  }
});

test('channel - sendMany/recvMany racing with close: every message sent is received exactly once', { timeout: 60_000 }, async () => {
  for (const delayMs of [2, 20]) {
    const ch = Channel.numbers(64);
    const cap = 400_000;
    const seen = seenArray(2 * cap);
    // A batch consumer and a per-message consumer share the channel.
    const consumers = Promise.all([
      start<Got>('channel-worker.mjs', { scenario: 'consume-many', channel: ch.handle, seen, batch: 48 }).done,
      start<Got>('channel-worker.mjs', { scenario: 'consume', channel: ch.handle, seen }).done,
    ]);
    const producers = runAll<Sent>('channel-worker.mjs', [0, 1].map((p) => ({ scenario: 'produce-many', channel: ch.handle, base: p * cap, count: cap, batch: 100 })));
    await sleep(delayMs);
    ch.close();
    const sent = await producers;
    const got = await consumers;
    assert.equal(got[0].count + got[1].count, sent[0]!.sent + sent[1]!.sent, `delay ${delayMs}: received = sent`);
    for (const [p, x] of sent.entries()) {
      for (let i = 0; i < cap; i++) {
        if (seen[p * cap + i] !== (i < x.sent ? 1 : 0)) assert.fail(`delay ${delayMs}: producer ${p} message ${i} seen ${seen[p * cap + i]} times (sent ${x.sent})`);
      }
    }
  }
});

test('channel - batch forms: partial runs, timeouts, closed errors, argument checks', () => {
  const ch = Channel.int32(8);
  assert.equal(ch.trySendMany([1, 2, 3]), 3);
  assert.equal(ch.trySendMany([4, 5, 6, 7, 8, 9, 10], 1, 6), 5, 'only 5 free cells');
  assert.equal(ch.trySendMany([0]), 0, 'full');
  assert.throws(() => ch.sendMany([11, 12], 10), TimeoutError);
  const out = new Int32Array(5);
  assert.equal(ch.tryRecvMany(out), 5);
  assert.deepEqual([...out], [1, 2, 3, 5, 6]);
  const rest: number[] = [0, 0, 0, 0, 0];
  assert.equal(ch.recvMany(rest, 10), 3);
  assert.deepEqual(rest.slice(0, 3), [7, 8, 9]);
  assert.equal(ch.tryRecvMany(out), 0);
  assert.throws(() => ch.recvMany(out, 10), TimeoutError);
  assert.throws(() => ch.trySendMany([1.5]), InvalidArgumentError);
  assert.throws(() => ch.trySendMany([1], 2), InvalidArgumentError);
  assert.throws(() => Channel.bytes(2).trySendMany([1]), InvalidArgumentError);
  ch.sendMany([1, 2, 3, 4, 5, 6, 7, 8]);
  ch.close();
  assert.throws(() => ch.sendMany([1]), (e: unknown) => e instanceof ChannelClosedError && e.sent === 0);
  assert.throws(() => ch.trySendMany([1]), ChannelClosedError);
  const f = Channel.numbers(4);
  f.sendMany([0.5, -0, NaN]);
  const fo = new Float64Array(4);
  assert.equal(f.recvMany(fo), 3);
  assert.ok(fo[0] === 0.5 && Object.is(fo[1], -0) && Number.isNaN(fo[2]));
  assert.equal(ch.recvMany(new Int32Array(16)), 8);
  assert.throws(() => ch.recvMany(new Int32Array(1)), ChannelClosedError);
});

test('channel - a send parked just before claiming a slot fails cleanly when the channel closes (steered)', { timeout: 30_000 }, async () => {
  const ch = Channel.int32(8);
  ch.send(1);
  const f = flags();
  const w = start<{ ok: boolean; error?: { code: string } }>('channel-worker.mjs', { scenario: 'send-parked-before-claim', channel: ch.handle, flags: f, value: 2 });
  await until(() => Atomics.load(f, 0) === 1, 10_000, 'sender parked');
  ch.close();
  signal(f, 1);
  const r = await w.done;
  assert.equal(r.ok, false);
  assert.equal(r.error?.code, 'ERR_CHANNEL_CLOSED');
  // The message sent before closing is still delivered, the parked one never.
  assert.equal(ch.recv(), 1);
  assert.throws(() => ch.recv(), ChannelClosedError);
  assert.equal(ch.size, 0);
});

test('channel - byte messages of every length arrive intact (2 producers, 2 consumers)', { timeout: 60_000 }, async () => {
  const ch = Channel.bytes(32, 40);
  const per = 5_000;
  const seen = seenArray(2 * per);
  const consumers = runAll<Got>('channel-worker.mjs', [0, 1].map(() => ({ scenario: 'consume', channel: ch.handle, seen })));
  await runAll<Sent>('channel-worker.mjs', [0, 1].map((p) => ({ scenario: 'produce', channel: ch.handle, base: p * per, count: per })));
  ch.close();
  const got = await consumers;
  assert.deepEqual(got.map((g) => g.bad), [0, 0]);
  assert.equal(seen.every((v) => v === 1), true);
});

test('channel - main thread: async iteration, sendAsync on a full channel, abort passes the wake-up on', { timeout: 30_000 }, async () => {
  const ch = Channel.int32(4);
  const per = 20_000;
  const seen = seenArray(per);
  const producer = start<Sent>('channel-worker.mjs', { scenario: 'produce', channel: ch.handle, base: 0, count: per });
  let n = 0;
  for await (const v of ch) {
    Atomics.add(seen, v, 1);
    if (++n === per) break;
  }
  await producer.done;
  assert.equal(seen.every((v) => v === 1), true);

  // sendAsync waits for room; a worker consumer drains.
  const seen2 = seenArray(100);
  const consumer = start<Got>('channel-worker.mjs', { scenario: 'consume', channel: ch.handle, seen: seen2 });
  for (let i = 0; i < 100; i++) await ch.sendAsync(i, { timeoutMs: 10_000 });
  ch.close();
  assert.equal((await consumer.done).count, 100);
  assert.equal(seen2.every((v) => v === 1), true);

  // An aborted receiver must not swallow the wake-up meant for the next one.
  const ch2 = Channel.int32(4);
  const ac = new AbortController();
  const first = ch2.recvAsync({ signal: ac.signal });
  const second = ch2.recvAsync({ timeoutMs: 10_000 });
  ac.abort();
  await assert.rejects(first, CancelledError);
  await sleep(5);
  ch2.send(42);
  assert.equal(await second, 42);
});

test('channel - try and timeout forms, closed errors, value checks, handles', async () => {
  const ch = Channel.numbers(3, { name: 'q' });
  assert.equal(ch.capacity, 4, 'rounded up to a power of two');
  for (const v of [NaN, -0, Infinity, 1.5]) assert.equal(ch.trySend(v), true);
  assert.equal(ch.trySend(2), false);
  assert.throws(() => ch.send(2, 10), TimeoutError);
  await assert.rejects(ch.sendAsync(2, { timeoutMs: 10 }), TimeoutError);
  assert.equal(ch.size, 4);
  const copy = Channel.fromHandle<number>(structuredClone(ch.handle));
  assert.ok(Number.isNaN(copy.recv()));
  assert.ok(Object.is(copy.recv(), -0));
  assert.equal(ch.tryRecv(), Infinity);
  assert.equal(ch.recv(0), 1.5);
  assert.equal(ch.tryRecv(), undefined);
  assert.throws(() => ch.recv(10), TimeoutError);
  await assert.rejects(ch.recvAsync({ timeoutMs: 10 }), TimeoutError);
  ch.send(7);
  ch.close();
  ch.close(); // idempotent
  assert.equal(ch.closed, true);
  assert.throws(() => ch.trySend(1), (e: unknown) => e instanceof ChannelClosedError && e.code === 'ERR_CHANNEL_CLOSED');
  await assert.rejects(ch.sendAsync(1), ChannelClosedError);
  assert.equal(ch.recv(), 7, 'messages sent before close are still delivered');
  assert.throws(() => ch.tryRecv(), ChannelClosedError);
  await assert.rejects(ch.recvAsync(), ChannelClosedError);
  assert.deepEqual([...ch], []);

  const ints = Channel.int32(2);
  assert.throws(() => ints.send(1.5), InvalidArgumentError);
  assert.throws(() => ints.send(2 ** 31), InvalidArgumentError);
  const bytes = Channel.bytes(2, 4);
  assert.throws(() => bytes.send(new Uint8Array(5)), InvalidArgumentError);
  bytes.send(new Uint8Array([]));
  assert.deepEqual(bytes.recv(), new Uint8Array([]));
  assert.throws(() => new Channel({ capacity: 0 }), InvalidArgumentError);
  assert.throws(() => new Channel({ capacity: 4, mode: 'text' as never }), InvalidArgumentError);
});
