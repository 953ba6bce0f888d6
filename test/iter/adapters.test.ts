import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Pool, shared, kernels } from 'tessera';
import { fixture } from '../support.js';
import { EDGE_LENGTHS, ints } from './helpers.js';

type K = typeof import('../fixtures/iter/kernels.mjs');

let pool: Pool;
before(() => {
  pool = new Pool({ threads: 2 });
});
after(async () => {
  await pool.terminate();
});

describe('iter adapters - equal to the Array equivalents', () => {
  it('map', async () => {
    for (const n of EDGE_LENGTHS) {
      const xs = ints(n, n + 1);
      assert.deepEqual(await pool.iter(xs).map((x) => x * 3 + 1).collect(), xs.map((x) => x * 3 + 1), `n=${n}`);
      assert.deepEqual(await pool.range(5, 5 + n).map((i) => i * i).collect(), xs.map((_, i) => (i + 5) * (i + 5)));
    }
  });

  it('map with a context and with a native function', async () => {
    const xs = ints(3000, 2);
    assert.deepEqual(await pool.iter(xs).map((x, c) => x * c.k, { context: { k: 7 } }).collect(), xs.map((x) => x * 7));
    assert.deepEqual(await pool.iter(xs).map(Math.sqrt).collect(), xs.map((x) => Math.sqrt(x)));
  });

  it('filter', async () => {
    for (const n of EDGE_LENGTHS) {
      const xs = ints(n, n + 3);
      assert.deepEqual(await pool.iter(xs).filter((x) => x % 3 === 0).collect(), xs.filter((x) => x % 3 === 0), `n=${n}`);
    }
    assert.deepEqual(await pool.iter([0, 1, 2, 0, 3]).filter(Boolean).collect(), [1, 2, 3]);
  });

  it('filterMap', async () => {
    for (const n of EDGE_LENGTHS) {
      const xs = ints(n, n + 4);
      const f = (x: number) => (x % 4 === 1 ? `#${x}` : undefined);
      assert.deepEqual(await pool.iter(xs).filterMap(f).collect(), xs.map(f).filter((v) => v !== undefined), `n=${n}`);
    }
  });

  it('flatMap', async () => {
    for (const n of EDGE_LENGTHS) {
      const xs = ints(n, n + 5, 4);
      const f = (x: number) => Array.from({ length: x }, (_, k) => x * 10 + k);
      assert.deepEqual(await pool.iter(xs).flatMap(f).collect(), xs.flatMap(f), `n=${n}`);
    }
    // Generators and typed arrays are iterables too.
    assert.deepEqual(await pool.range(0, 3).flatMap(function* (i) { yield i; yield -i; }).collect(), [0, -0, 1, -1, 2, -2]);
  });

  it('enumerate', async () => {
    for (const n of EDGE_LENGTHS) {
      const xs = ints(n, n + 6);
      assert.deepEqual(await pool.iter(xs).enumerate().collect(), [...xs.entries()], `n=${n}`);
    }
    assert.deepEqual(await pool.range(10, 14).map((i) => i * 2).enumerate().collect(), [[0, 20], [1, 22], [2, 24], [3, 26]]);
  });

  it('zip with an iterator, an array and a shared array; the shorter length wins', async () => {
    for (const n of EDGE_LENGTHS) {
      const xs = ints(n, n + 7);
      const ys = ints(n + 3, n + 8);
      const expected = xs.map((x, i) => [x, ys[i]]);
      assert.deepEqual(await pool.iter(xs).zip(ys).collect(), expected, `n=${n}`);
      assert.deepEqual(await pool.iter(ys).zip(xs).collect(), xs.map((x, i) => [ys[i], x]), `n=${n} reversed`);
      assert.deepEqual(await pool.iter(xs).zip(pool.iter(shared.from(ys)).map((y) => y + 1)).collect(), xs.map((x, i) => [x, ys[i]! + 1]));
    }
  });

  it('chunks of a range, an array, a mapped chain, and a shared array (views)', async () => {
    const chunk = <T>(a: T[], k: number): T[][] => Array.from({ length: Math.ceil(a.length / k) }, (_, j) => a.slice(j * k, j * k + k));
    for (const n of EDGE_LENGTHS) {
      const xs = ints(n, n + 9);
      for (const k of [1, 3, 64]) {
        assert.deepEqual(await pool.iter(xs).chunks(k).collect(), chunk(xs, k), `n=${n} k=${k}`);
        assert.deepEqual(await pool.range(0, n).chunks(k).collect(), chunk(xs.map((_, i) => i), k));
        assert.deepEqual(await pool.iter(xs).map((x) => -x).chunks(k).collect(), chunk(xs.map((x) => -x), k));
      }
    }
    const a = shared.float64(1000);
    await pool.iter(a).chunks(64).forEach((view) => view.fill(view.length));
    assert.deepEqual([...a], Array.from({ length: 1000 }, (_, i) => (i < 960 ? 64 : 40)));
    assert.deepEqual(await pool.iter(a).chunks(300).map((v) => v.constructor.name).collect(), ['Float64Array', 'Float64Array', 'Float64Array', 'Float64Array']);
  });

  it('chunks of chunks, enumerate and zip after chunks', async () => {
    const xs = ints(1001, 10);
    const got = await pool.iter(xs).chunks(10).chunks(3).map((cc) => cc.map((c) => c.length)).collect();
    assert.equal(got.length, Math.ceil(101 / 3));
    assert.deepEqual(got.at(-1), [10, 1]);
    assert.deepEqual(await pool.range(0, 10).chunks(4).enumerate().collect(), [[0, [0, 1, 2, 3]], [1, [4, 5, 6, 7]], [2, [8, 9]]]);
    assert.deepEqual(await pool.range(0, 6).chunks(2).zip(['a', 'b', 'c']).collect(), [[[0, 1], 'a'], [[2, 3], 'b'], [[4, 5], 'c']]);
  });

  it('inspect passes items through and sees each once', async () => {
    const seen = shared.int32(5000);
    const out = await pool.range(0, 5000).inspect((i, c) => Atomics.add(c.seen, i, 1), { context: { seen } }).map((i) => i + 1).collect();
    assert.deepEqual(out, Array.from({ length: 5000 }, (_, i) => i + 1));
    assert.ok(seen.every((v) => v === 1));
  });

  it('fold gives one accumulator per leaf, in order', async () => {
    for (const n of EDGE_LENGTHS) {
      const xs = ints(n, n + 11);
      const accs = await pool.iter(xs).fold(() => [] as number[], (acc, x) => (acc.push(x), acc)).collect();
      assert.deepEqual(accs.flat(), xs, `n=${n}`);
      assert.equal(accs.length, n === 0 ? 0 : Math.ceil(n / Math.max(1, Math.ceil(n / 1024))));
    }
  });

  it('fold + reduce, and a fold after filter and flatMap', async () => {
    const xs = ints(10_000, 12, 10);
    const hist = await pool
      .iter(xs)
      .fold(() => new Array<number>(10).fill(0), (h, x) => (h[x]!++, h))
      .reduce(() => new Array<number>(10).fill(0), (a, b) => a.map((v, i) => v + b[i]!));
    const expected = new Array<number>(10).fill(0);
    for (const x of xs) expected[x]!++;
    assert.deepEqual(hist, expected);
    const total = await pool.iter(xs).filter((x) => x > 4).flatMap((x) => [x, x]).fold(() => 0, (a, x) => a + x).sum();
    assert.equal(total, xs.filter((x) => x > 4).reduce((a, x) => a + 2 * x, 0));
  });

  it('long chains mixing every adapter', async () => {
    const xs = ints(5000, 13);
    const got = await pool
      .iter(xs)
      .enumerate()
      .map(([i, x]) => i + x)
      .filter((v) => v % 2 === 0)
      .flatMap((v) => [v, v + 1])
      .filterMap((v) => (v % 3 === 0 ? undefined : v / 2))
      .collect();
    const expected = xs
      .map((x, i) => i + x)
      .filter((v) => v % 2 === 0)
      .flatMap((v) => [v, v + 1])
      .map((v) => (v % 3 === 0 ? undefined : v / 2))
      .filter((v) => v !== undefined);
    assert.deepEqual(got, expected);
  });

  it('task-module kernels from kernels(url), with a context', async () => {
    const k = kernels<K>(fixture('iter/kernels.mjs'));
    const xs = ints(3000, 14);
    assert.deepEqual(await pool.iter(xs).map(k.square).filter(k.isOdd).collect(), xs.map((x) => x * x).filter((x) => x % 2 === 1));
    assert.deepEqual(await pool.iter(xs).map(k.scaled, { context: { k: 3 } }).collect(), xs.map((x) => x * 3));
    assert.equal(await pool.iter(xs).reduce(k.zero, k.add), xs.reduce((a, b) => a + b, 0));
  });

  it('an iterator is an immutable description that can run many times', async () => {
    const base = pool.range(0, 100);
    const sq = base.map((i) => i * i);
    assert.equal(await sq.sum(), await sq.sum());
    assert.equal(await base.count(), 100);
    assert.equal(sq.length, 100);
    assert.equal(base.chunks(7).length, 15);
    assert.equal(base.zip([1, 2, 3]).length, 3);
  });
});
