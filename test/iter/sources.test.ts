import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Pool, shared } from 'tessera';
import { ints } from './helpers.js';

let pool: Pool;
before(() => {
  pool = new Pool({ threads: 2 });
});
after(async () => {
  await pool.terminate();
});

describe('iter sources - ranges, shared arrays, copies and objects', () => {
  it('ranges with any start, and empty or reversed ranges', async () => {
    assert.deepEqual(await pool.range(-3, 3).collect(), [-3, -2, -1, 0, 1, 2]);
    assert.deepEqual(await pool.range(5, 5).collect(), []);
    assert.deepEqual(await pool.range(5, 2).collect(), []);
    assert.equal(await pool.range(2 ** 40, 2 ** 40 + 1000).map((i, c) => i - c.base, { context: { base: 2 ** 40 } }).sum(), 499500);
  });

  it('shared typed arrays are read and written in place (zero copy)', async () => {
    const a = shared.int32(10_000);
    await pool.range(0, a.length).forEach((i, c) => { c.a[i] = i * 3; }, { context: { a } });
    assert.equal(a[9999], 29997);
    assert.equal(await pool.iter(a).sum(), 3 * 9999 * 10_000 / 2);
  });

  it('every typed-array kind, shared or not', async () => {
    const xs = ints(3000, 50, 100);
    for (const Ctor of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array]) {
      const plain = new Ctor(xs);
      assert.equal(await pool.iter(plain).sum(), xs.reduce((a, b) => a + b, 0), Ctor.name);
      assert.equal(await pool.iter(shared.from(plain)).max(), Math.max(...xs), Ctor.name);
    }
    const big = new BigInt64Array(xs.map((x) => BigInt(x)));
    assert.equal(await pool.iter(big).reduce(() => 0n, (a, b) => a + b), BigInt(xs.reduce((a, b) => a + b, 0)));
    assert.deepEqual(await pool.iter(shared.from(big)).map((x) => Number(x)).collect(), xs);
  });

  it('arrays of objects travel in serialized blocks; strings, nulls and nested values survive', async () => {
    const objs = ints(5000, 51).map((v, i) => ({ id: i, name: `n${v}`, tags: [v % 3, v % 5], when: new Date(v), none: null }));
    assert.deepEqual(await pool.iter(objs).collect(), objs);
    assert.deepEqual(await pool.iter(objs).map((o) => o.name.length + o.tags[1]!).collect(), objs.map((o) => o.name.length + o.tags[1]!));
    assert.deepEqual(await pool.iter(objs).chunks(1000).map((c) => c.length).collect(), [1000, 1000, 1000, 1000, 1000]);
    assert.deepEqual(await pool.iter(['x', 1, undefined, 'y']).collect(), ['x', 1, undefined, 'y']);
  });

  it('objects may hold shared arrays, which stay shared', async () => {
    const a = shared.float64(4);
    const b = shared.float64(4);
    await pool.iter([{ arr: a, v: 1 }, { arr: b, v: 2 }, { arr: a, v: 3 }]).forEach((o) => { o.arr[o.v] = o.v; });
    assert.deepEqual([...a], [0, 1, 0, 3]);
    assert.deepEqual([...b], [0, 0, 2, 0]);
  });

  it('copies of ordinary arrays do not leak writes, and scratch memory is reused', async () => {
    const plain = new Float64Array(ints(20_000, 52));
    for (let r = 0; r < 20; r++) assert.equal(await pool.iter(plain).map((x) => x * 2).count(), 20_000);
    assert.equal(await pool.iter(plain).any((x) => x < 0), false);
  });

  it('runs many small operations concurrently on one pool', async () => {
    const ops = Array.from({ length: 50 }, (_, k) => pool.range(0, 100 + k).map((i) => i * 2).sum());
    const got = await Promise.all(ops);
    assert.deepEqual(got, Array.from({ length: 50 }, (_, k) => (100 + k - 1) * (100 + k)));
  });
});
