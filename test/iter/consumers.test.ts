import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Pool, shared } from 'tessera';
import { EDGE_LENGTHS, floats, ints, treeSum } from './helpers.js';

let pool: Pool;
before(() => {
  pool = new Pool({ threads: 2 });
});
after(async () => {
  await pool.terminate();
});

describe('iter consumers - equal to the Array equivalents', () => {
  it('sum and product (exact on integers, the fixed tree on floats)', async () => {
    for (const n of EDGE_LENGTHS) {
      const xs = ints(n, n + 20);
      assert.equal(await pool.iter(xs).sum(), xs.reduce((a, b) => a + b, 0), `n=${n}`);
      const fs = floats(n, n + 21);
      assert.equal(await pool.iter(fs).sum(), treeSum(fs), `floats n=${n}`);
      const small = ints(Math.min(n, 40), n, 3).map((x) => x + 1);
      assert.equal(await pool.iter(small).product(), small.reduce((a, b) => a * b, 1));
    }
    assert.equal(await pool.range(0, 0).sum(), 0);
    assert.equal(await pool.range(0, 0).product(), 1);
  });

  it('count', async () => {
    for (const n of EDGE_LENGTHS) {
      const xs = ints(n, n + 22);
      assert.equal(await pool.iter(xs).count(), n);
      assert.equal(await pool.iter(xs).filter((x) => x < 300).count(), xs.filter((x) => x < 300).length);
      assert.equal(await pool.iter(xs).flatMap((x) => [x, x]).count(), 2 * n);
    }
  });

  it('min and max as Math.min/Math.max, undefined when empty', async () => {
    for (const n of EDGE_LENGTHS) {
      const xs = floats(n, n + 23);
      assert.equal(await pool.iter(xs).min(), n === 0 ? undefined : Math.min(...xs), `n=${n}`);
      assert.equal(await pool.iter(xs).max(), n === 0 ? undefined : Math.max(...xs), `n=${n}`);
    }
    assert.equal(await pool.iter([1, NaN, 0]).min(), NaN);
    assert.ok(Object.is(await pool.iter([0, -0, 0]).min(), -0));
    assert.equal(await pool.range(0, 100).filter((i) => i > 1000).max(), undefined);
  });

  it('minBy returns the first least item, maxBy the last greatest', async () => {
    for (const n of EDGE_LENGTHS) {
      const objs = ints(n, n + 24, 20).map((key, id) => ({ key, id }));
      const cmp = (a: { key: number }, b: { key: number }) => a.key - b.key;
      const first = n === 0 ? undefined : objs.reduce((a, b) => (cmp(b, a) < 0 ? b : a));
      const last = n === 0 ? undefined : objs.reduce((a, b) => (cmp(b, a) >= 0 ? b : a));
      assert.deepEqual(await pool.iter(objs).minBy(cmp), first, `n=${n}`);
      assert.deepEqual(await pool.iter(objs).maxBy(cmp), last, `n=${n}`);
    }
    assert.equal(await pool.range(0, 50).maxBy((a, b, c) => ((a * c.m) % 17) - ((b * c.m) % 17), { context: { m: 5 } }), 44);
  });

  it('reduce with an identity, and on empty input', async () => {
    for (const n of EDGE_LENGTHS) {
      const xs = ints(n, n + 25);
      assert.equal(await pool.iter(xs).reduce(() => 0, (a, b) => a + b), xs.reduce((a, b) => a + b, 0));
      assert.deepEqual(
        await pool.iter(xs).map((x) => [x]).reduce(() => [] as number[], (a, b) => a.concat(b)),
        xs,
      );
    }
    assert.equal(await pool.range(0, 0).reduce((c) => c.start, (a, b) => a + b, { context: { start: 42 } }), 42);
  });

  it('any and all, with and without hits', async () => {
    for (const n of EDGE_LENGTHS) {
      const xs = ints(n, n + 26);
      for (const t of [-1, 0, 500, 999]) {
        assert.equal(await pool.iter(xs).any((x, c) => x === c.t, { context: { t } }), xs.some((x) => x === t), `any n=${n} t=${t}`);
        assert.equal(await pool.iter(xs).all((x, c) => x !== c.t, { context: { t } }), xs.every((x) => x !== t), `all n=${n} t=${t}`);
      }
    }
  });

  it('find and findIndex return the first hit by index', async () => {
    for (const n of EDGE_LENGTHS) {
      const xs = ints(n, n + 27, 50);
      for (const t of [0, 7, 49, 50]) {
        assert.equal(await pool.iter(xs).find((x, c) => x === c.t, { context: { t } }), xs.find((x) => x === t));
        assert.equal(await pool.iter(xs).findIndex((x, c) => x === c.t, { context: { t } }), xs.findIndex((x) => x === t), `n=${n} t=${t}`);
      }
    }
    const objs = ints(5000, 28, 10).map((v, i) => ({ v, i }));
    assert.deepEqual(await pool.iter(objs).filter((o) => o.i % 2 === 1).find((o) => o.v === 3), objs.filter((o) => o.i % 2 === 1).find((o) => o.v === 3));
  });

  it('find under every policy, with the hit in many places', async () => {
    const n = 100_000;
    for (const schedule of ['static', 'dynamic', 'guided', 'adaptive'] as const) {
      for (const at of [0, 1, 97, 50_000, 99_999]) {
        const got = await pool.range(0, n).findIndex((i, c) => i >= c.at && i % 3 === c.at % 3, { context: { at }, schedule, maxChunk: 100 });
        assert.equal(got, at, `${schedule} at=${at}`);
      }
    }
  });

  it('forEach runs once per item', async () => {
    for (const n of EDGE_LENGTHS) {
      const hits = shared.int32(n);
      await pool.range(0, n).forEach((i, c) => Atomics.add(c.hits, i, 1), { context: { hits } });
      assert.ok(hits.every((h) => h === 1), `n=${n}`);
    }
  });

  it('forEachMut on shared, ordinary typed and plain arrays', async () => {
    for (const n of EDGE_LENGTHS) {
      const xs = ints(n, n + 29);
      const a = shared.from(xs);
      await pool.iter(a).forEachMut((x, i) => x * 2 + i);
      assert.deepEqual([...a], xs.map((x, i) => x * 2 + i), `shared n=${n}`);
      const b = new Int32Array(xs);
      await pool.iter(b).forEachMut((x, i, c) => x - i * c.k, { context: { k: 3 } });
      assert.deepEqual([...b], xs.map((x, i) => x - i * 3));
      const p = xs.slice();
      await pool.iter(p).forEachMut((x) => x + 0.5);
      assert.deepEqual(p, xs.map((x) => x + 0.5));
    }
    await assert.rejects(async () => pool.iter([1, 2]).map((x) => x).forEachMut((x) => x), { code: 'ERR_INVALID_ARGUMENT' });
  });

  it('collect, collectShared (indexed, filtered, flat-mapped) and collectInto', async () => {
    for (const n of EDGE_LENGTHS) {
      const xs = ints(n, n + 30);
      const ys = await pool.iter(xs).map((x) => x / 4).collectShared('float64');
      assert.ok(shared.isShared(ys));
      assert.deepEqual([...ys], xs.map((x) => x / 4), `indexed n=${n}`);
      const zs = await pool.iter(xs).filter((x) => x % 5 === 0).collectShared('int32');
      assert.ok(zs instanceof Int32Array);
      assert.deepEqual([...zs], xs.filter((x) => x % 5 === 0), `filtered n=${n}`);
      const fs = await pool.iter(xs).flatMap((x) => (x % 2 ? [x, x] : [])).collectShared('float64');
      assert.deepEqual([...fs], xs.flatMap((x) => (x % 2 ? [x, x] : [])));
      const target = shared.float64(n + 2);
      assert.equal(await pool.iter(xs).map((x) => x + 1).collectInto(target), target);
      assert.deepEqual([...target], [...xs.map((x) => x + 1), 0, 0]);
    }
    await assert.rejects(async () => pool.range(0, 10).collectInto(shared.float64(5)), { code: 'ERR_INVALID_ARGUMENT' });
    await assert.rejects(async () => pool.range(0, 10).collectInto(new Float64Array(10)), { code: 'ERR_INVALID_ARGUMENT' });
  });
});
