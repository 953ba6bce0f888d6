import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeadlockDetector, DeadlockError, Mutex, RwLock, CapacityExceededError } from 'tessera';
import { flags, runAll, signal, start, until } from '../support/workers.js';

type Result = { ok: boolean; error?: { code: string; name: string; message: string; threads: string[]; locks: string[] } };
type Step = [string, number?, Step[]?];

function lockSpec(l: Mutex | RwLock) {
  return l instanceof Mutex ? { type: 'mutex', handle: l.handle } : { type: 'rwlock', handle: l.handle };
}

function waiting(detector: DeadlockDetector, thread: string, lock: string): () => boolean {
  return () => detector.snapshot().threads.some((t) => t.name === thread && t.waitsFor === lock);
}

test('deadlock - a two-lock cycle built step by step is reported instead of hanging', { timeout: 30_000 }, async () => {
  const detector = new DeadlockDetector();
  const l1 = new Mutex({ detector, name: 'L1' });
  const l2 = new Mutex({ detector, name: 'L2' });
  const locks = [lockSpec(l1), lockSpec(l2)];
  const f = flags();
  // A: hold L1, then (on go) take L2.  B: hold L2, then (on go) take L1.
  const a = start<Result>('deadlock-worker.mjs', { name: 'A', detector: detector.handle, locks, flags: f, steps: [['lock', 0], ['signal', 0], ['await', 1], ['lock', 1]] });
  await until(() => Atomics.load(f, 0) === 1, 10_000, 'A holds L1');
  const b = start<Result>('deadlock-worker.mjs', { name: 'B', detector: detector.handle, locks, flags: f, steps: [['lock', 1], ['signal', 2], ['await', 3], ['lock', 0]] });
  await until(() => Atomics.load(f, 2) === 1, 10_000, 'B holds L2');
  signal(f, 1);
  await until(waiting(detector, 'A', 'L2'), 10_000, 'A waits for L2');
  const snap = detector.snapshot();
  assert.deepEqual(snap.locks.map((l) => [l.name, l.holders.map((h) => h.thread)]), [['L1', ['A']], ['L2', ['B']]]);
  signal(f, 3); // B now closes the cycle
  const rb = await b.done;
  assert.equal(rb.ok, false);
  assert.equal(rb.error?.code, 'ERR_DEADLOCK');
  assert.equal(rb.error?.name, 'DeadlockError');
  assert.deepEqual(rb.error?.threads, ['B', 'A']);
  assert.deepEqual(rb.error?.locks, ['L1', 'L2']);
  assert.match(rb.error?.message ?? '', /"B" waits for "L1" held by "A"; "A" waits for "L2" held by "B"/);
  // B released L2 when it gave up, so A gets it.
  assert.deepEqual(await a.done, { ok: true });
});

test('deadlock - a three-thread cycle is reported by the thread that closes it', { timeout: 30_000 }, async () => {
  const detector = new DeadlockDetector();
  const ls = ['L1', 'L2', 'L3'].map((name) => new Mutex({ detector, name }));
  const locks = ls.map(lockSpec);
  const f = flags(32);
  const names = ['A', 'B', 'C'];
  // Thread i holds L(i) and then wants L(i+1).
  const runs = [];
  for (let i = 0; i < 3; i++) {
    runs.push(start<Result>('deadlock-worker.mjs', { name: names[i], detector: detector.handle, locks, flags: f, steps: [['lock', i], ['signal', 4 * i], ['await', 4 * i + 1], ['lock', (i + 1) % 3]] }));
    await until(() => Atomics.load(f, 4 * i) === 1, 10_000, `${names[i]} holds`);
  }
  signal(f, 1);
  await until(waiting(detector, 'A', 'L2'), 10_000, 'A waits');
  signal(f, 5);
  await until(waiting(detector, 'B', 'L3'), 10_000, 'B waits');
  signal(f, 9);
  const rc = await runs[2]!.done;
  assert.equal(rc.error?.code, 'ERR_DEADLOCK');
  assert.deepEqual(rc.error?.threads, ['C', 'A', 'B']);
  assert.deepEqual(rc.error?.locks, ['L1', 'L2', 'L3']);
  assert.deepEqual(await runs[1]!.done, { ok: true });
  assert.deepEqual(await runs[0]!.done, { ok: true });
});

test('deadlock - rw-lock: a reader re-reading behind a waiting writer is a cycle (writer preference)', { timeout: 30_000 }, async () => {
  const detector = new DeadlockDetector();
  const rw = new RwLock({ detector, name: 'table' });
  const locks = [lockSpec(rw)];
  const f = flags();
  const reader = start<Result>('deadlock-worker.mjs', { name: 'reader', detector: detector.handle, locks, flags: f, steps: [['read', 0], ['signal', 0], ['await', 1], ['read', 0]] });
  await until(() => Atomics.load(f, 0) === 1, 10_000, 'reader holds');
  const writer = start<Result>('deadlock-worker.mjs', { name: 'writer', detector: detector.handle, locks, flags: f, steps: [['write', 0]] });
  // The writer is queued once its edge is recorded *and* it holds back new readers.
  await until(() => {
    if (!waiting(detector, 'writer', 'table')()) return false;
    const g = rw.tryRead();
    g?.unlock();
    return g === undefined;
  }, 10_000, 'writer waits');
  signal(f, 1);
  const rr = await reader.done;
  assert.equal(rr.error?.code, 'ERR_DEADLOCK');
  assert.deepEqual(rr.error?.threads, ['reader', 'writer']);
  assert.deepEqual(rr.error?.locks, ['table', 'table']);
  assert.deepEqual(await writer.done, { ok: true });
});

test('deadlock - upgrading a read hold to write in one thread is reported', () => {
  const detector = new DeadlockDetector();
  detector.registerThread('main');
  const rw = new RwLock({ detector, name: 'cfg' });
  const r = rw.read();
  assert.throws(() => rw.write(5_000), (e: unknown) => e instanceof DeadlockError && e.threads[0] === 'main' && e.locks[0] === 'cfg');
  r.unlock();
  rw.write().unlock();
  assert.deepEqual(detector.snapshot().threads.map((t) => t.waitsFor), [undefined]);
});

test('deadlock - no false reports under heavy use in a consistent lock order', { timeout: 60_000 }, async () => {
  const detector = new DeadlockDetector();
  const l1 = new Mutex({ detector, name: 'L1' });
  const l2 = new Mutex({ detector, name: 'L2' });
  const rw = new RwLock({ detector, name: 'R' });
  const locks = [lockSpec(l1), lockSpec(l2), lockSpec(rw)];
  const body: Step[] = [['lock', 0], ['lock', 1], ['unlock'], ['unlock'], ['read', 2], ['lock', 1], ['unlock'], ['unlock'], ['write', 2], ['unlock']];
  const results = await runAll<Result>('deadlock-worker.mjs', ['X', 'Y', 'Z'].map((name) => ({ name, detector: detector.handle, locks, flags: flags(), steps: [['repeat', 3_000, body]] })));
  assert.deepEqual(results, [{ ok: true }, { ok: true }, { ok: true }]);
  assert.ok(detector.snapshot().locks.every((l) => l.holders.length === 0));
});

test('deadlock - detector tables have fixed capacity', async () => {
  const d = new DeadlockDetector({ maxThreads: 1, maxLocks: 1 });
  const m = new Mutex({ detector: d, name: 'only' });
  m.lock().unlock(); // registers this thread
  assert.throws(() => new Mutex({ detector: d, name: 'second' }), CapacityExceededError);
  const r = await start<Result>('deadlock-worker.mjs', { name: 'late', detector: d.handle, locks: [lockSpec(m)], flags: flags(), steps: [['lock', 0]] }).done;
  assert.equal(r.error?.code, 'ERR_CAPACITY_EXCEEDED');
  assert.equal(DeadlockDetector.fromHandle(structuredClone(d.handle)).lockName(0), 'only');
});
