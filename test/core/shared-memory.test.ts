import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Pool, SerializationError, shared } from 'tessera';
import { fixture, rng, sleep, withPool } from '../support.js';

type Kernels = typeof import('../fixtures/core/kernels.mjs');
type Buffers = typeof import('../fixtures/core/buffers.mjs');

describe('shared memory - arguments and results', () => {
  it('passes a typed array over a SharedArrayBuffer as a handle, without copying', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      const a = new Float64Array(new SharedArrayBuffer(8 * 1000));
      assert.equal(await k.fill(a, 3.5), 1000);
      assert.ok(a.every((v) => v === 3.5), 'the worker wrote into our memory');
      const view = new Int32Array(a.buffer, 80, 10); // offset views keep their offset
      assert.equal(await pool.run((v: Int32Array) => { v[0] = 42; return v.byteOffset; }, view), 80);
      assert.equal(view[0], 42);
    });
  });

  it('copies ordinary typed arrays and returns shared arrays created in a worker', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      const plain = new Float64Array([1, 2, 3]);
      await k.fill(plain, 9);
      assert.deepEqual([...plain], [1, 2, 3], 'a non-shared array was copied');
      const made = await k.makeShared(100);
      assert.ok(made.buffer instanceof SharedArrayBuffer);
      assert.equal(made[99], 198);
      // The worker-made buffer can be handed to any worker again.
      for (let i = 0; i < 4; i++) assert.equal(await k.fill(made, i), 100);
      assert.equal(made[0], 3);
    });
  });

  it('moves arguments and results larger than a slot through the shared heap', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const big = { text: 'x'.repeat(100_000), list: Array.from({ length: 5000 }, (_, i) => i) };
      for (let i = 0; i < 20; i++) {
        const back = await pool.run((o: typeof big) => ({ n: o.text.length, s: o.list.reduce((a, b) => a + b, 0), echo: o.text }), big);
        assert.equal(back.n, 100_000);
        assert.equal(back.s, (5000 * 4999) / 2);
        assert.equal(back.echo, big.text);
      }
      // Many numbers take the inline fast path; more than fit inline go through the serializer.
      const many = Array.from({ length: 40 }, (_, i) => i);
      const k = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      assert.deepEqual(await k.echo(many), many);
    });
  });

  it('rejects a value that cannot be serialized with SerializationError', async () => {
    await withPool({ threads: 1 }, async (pool) => {
      await assert.rejects(pool.run((f: unknown) => f, () => 1), SerializationError);
      await assert.rejects(pool.run(() => () => 1), (e: unknown) => e instanceof Error && e.name === 'SerializationError');
      assert.equal(await pool.run((x: number) => x, 1), 1, 'the pool still works');
    });
  });

  it('releases the shared buffers that travelled to a pool once it is closed or terminated', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    for (const stop of ['close', 'terminate'] as const) {
      const pool = new Pool({ threads: 2 });
      // In a function of its own: a suspended async frame would keep its last array alive.
      const refs = await passArrays(pool, 4);
      await pool[stop]();
      for (let round = 0; round < 3 && refs.some((r) => r.deref() !== undefined); round++) {
        await new Promise((r) => setTimeout(r, 20));
        gc();
      }
      assert.deepEqual(refs.map((r) => r.deref() === undefined), [true, true, true, true], `after ${stop}`);
      assert.equal(pool.threads, 2); // the pool object itself is still referenced
    }
  });

  it('release(): the pool forgets buffers while it stays open; a released array can be passed again', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    await withPool({ threads: 2 }, async (pool) => {
      const kept = await passArrays(pool, 3);
      const released = await passArrays(pool, 3, true);
      for (let round = 0; round < 3 && released.some((r) => r.deref() !== undefined); round++) {
        await new Promise((r) => setTimeout(r, 20));
        gc();
      }
      assert.deepEqual(released.map((r) => r.deref() === undefined), [true, true, true]);
      assert.deepEqual(kept.map((r) => r.deref() === undefined), [false, false, false]);
      const k = await pool.load<Buffers>(fixture('core/buffers.mjs'));
      const a = shared.float64(1000).fill(2);
      assert.equal(await k.sum(a), 2000);
      await pool.release(a, a.buffer as SharedArrayBuffer, shared.float64(1)); // duplicates and unknown buffers are fine
      a.fill(3);
      assert.equal(await k.sum(a), 3000); // shared again under a new id
      // Releasing again while a release of it is under way resolves only when that one has finished.
      let firstDone = false;
      const first = pool.release(a).then(() => (firstDone = true));
      await pool.release(a);
      // Both ended on the same resolution: a few microtasks suffice (the first needs the workers' answers, a macrotask).
      for (let i = 0; i < 10 && !firstDone; i++) await Promise.resolve();
      assert.equal(firstDone, true);
      await first;
      await assert.rejects(pool.release(new Float64Array(1)), { name: 'InvalidArgumentError', message: /buffers\[0\]/ });
      // A buffer a worker created: its id belongs to that worker; released, it is shared anew when it comes back.
      const kk = await pool.load<Kernels>(fixture('core/kernels.mjs'));
      const made = (await kk.makeShared(300)) as Float64Array;
      await pool.release(made);
      assert.equal(await k.sum(made), (299 * 300) / 2 * 2);
    });
  });

  it('release() under load: tasks, join halves, arrays kept by workers and a crashed worker — everything resolves, whatever the interleaving', async () => {
    for (const seed of [1, 2, 3]) {
      await withPool({ threads: 3 }, async (pool) => {
        const k = await pool.load<Buffers>(fixture('core/buffers.mjs'));
        const kk = await pool.load<Kernels>(fixture('core/kernels.mjs'));
        const r = rng(seed);
        const arrays = Array.from({ length: 12 }, (_, i) => shared.float64(500 + i).fill(i + 1));
        const expected = arrays.map((a) => a.reduce((x, y) => x + y, 0));
        const checks: Promise<void>[] = [];
        const releases: Promise<void>[] = [];
        for (let step = 0; step < 400; step++) {
          const i = Math.floor(r() * arrays.length);
          const a = arrays[i]!;
          const x = r();
          if (x < 0.45) checks.push(k.sum(a).then((s) => assert.equal(s, expected[i], `sum of array ${i}`)));
          else if (x < 0.6) checks.push(k.keep(i, a).then(() => undefined));
          else if (x < 0.8) {
            checks.push(
              k.giveBack(i).then((got) => {
                if (got === null) return;
                assert.equal(got.s, expected[i]);
                assert.equal(got.a.length, a.length);
                assert.equal(got.a[0], i + 1);
              }),
            );
          } else releases.push(pool.release(a));
          // A worker dies midway: releases stop waiting for it, its replacement starts with the ids unmapped.
          if (step === 200) checks.push(assert.rejects(kk.exitNow(9), { name: 'WorkerCrashedError' }));
          if (step % 50 === 49) await sleep(1);
        }
        await Promise.all(checks);
        await Promise.all(releases);
        // Every array still works after all the releases.
        for (let i = 0; i < arrays.length; i++) assert.equal(await k.sum(arrays[i]!), expected[i]);
      });
    }
  });
});

/** Passes `n` fresh shared arrays to tasks on `pool` (releasing each if asked); returns weak references to their buffers. */
async function passArrays(pool: Pool, n: number, release = false): Promise<WeakRef<SharedArrayBuffer>[]> {
  const refs: WeakRef<SharedArrayBuffer>[] = [];
  for (let i = 0; i < n; i++) {
    const a = shared.float64(1000);
    assert.equal(await pool.run((x: Float64Array) => x.length, a), 1000);
    if (release) await pool.release(a);
    refs.push(new WeakRef(a.buffer as SharedArrayBuffer));
  }
  return refs;
}
