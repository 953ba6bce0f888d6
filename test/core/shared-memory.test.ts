import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Pool, SerializationError, shared } from 'tessera';
import { fixture, withPool } from '../support.js';

type Kernels = typeof import('../fixtures/core/kernels.mjs');

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
});

/** Passes `n` fresh shared arrays to tasks on `pool`; returns weak references to their buffers. */
async function passArrays(pool: Pool, n: number): Promise<WeakRef<SharedArrayBuffer>[]> {
  const refs: WeakRef<SharedArrayBuffer>[] = [];
  for (let i = 0; i < n; i++) {
    const a = shared.float64(1000);
    assert.equal(await pool.run((x: Float64Array) => x.length, a), 1000);
    refs.push(new WeakRef(a.buffer as SharedArrayBuffer));
  }
  return refs;
}
