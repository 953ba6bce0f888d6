import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Pool, shared, matmulSeq, type Schedule } from 'tessera';
import { rng } from '../support.js';
import { bits, floats } from './helpers.js';

const pools = new Map<number, Pool>();
before(() => {
  for (const t of [1, 2, 5]) pools.set(t, new Pool({ threads: t }));
});
after(async () => {
  for (const p of pools.values()) await p.terminate();
});

function randomMatrix(len: number, seed: number): Float64Array {
  const r = rng(seed);
  return shared.from(Array.from({ length: len }, () => r() * 2 - 1));
}

/** The textbook triple loop, summing over k in ascending order. */
function naive(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
      c[i * n + j] = s;
    }
  }
  return c;
}

describe('iter matmul - blocked, row-block parallel, bit-identical', () => {
  it('equals the naive triple loop bit for bit, for odd shapes', async () => {
    const pool = pools.get(2)!;
    for (const [m, k, n] of [[1, 1, 1], [3, 5, 7], [17, 130, 9], [64, 64, 64], [33, 257, 600], [0, 4, 4], [4, 0, 4]] as const) {
      const a = randomMatrix(m * k, m + k);
      const b = randomMatrix(k * n, k + n);
      const ref = naive(a, b, m, k, n);
      const c = await pool.matmul(a, b, m, k, n);
      assert.equal(c.length, m * n);
      assert.ok(shared.isShared(c));
      for (let i = 0; i < ref.length; i++) assert.equal(bits(c[i]!), bits(ref[i]!), `${m}x${k}x${n} at ${i}`);
      assert.deepEqual([...matmulSeq(a, b, m, k, n)], [...ref]);
    }
  });

  it('gives the same bits on 1, 2 and 5 threads, every policy and row block', async () => {
    const [m, k, n] = [96, 80, 70];
    const a = randomMatrix(m * k, 1);
    const b = randomMatrix(k * n, 2);
    const ref = naive(a, b, m, k, n);
    for (const [, pool] of pools) {
      for (const schedule of ['static', 'dynamic', 'guided', 'adaptive'] as Schedule[]) {
        for (const rowBlock of [1, 7, 32]) {
          const c = await pool.matmul(a, b, m, k, n, { schedule, rowBlock });
          assert.deepEqual([...c], [...ref], `${schedule} rowBlock=${rowBlock}`);
        }
      }
    }
  });

  it('accepts ordinary arrays and an output array, and checks sizes', async () => {
    const pool = pools.get(2)!;
    const a = new Float64Array([1, 2, 3, 4]);
    const b = new Float64Array([5, 6, 7, 8]);
    const out = shared.float64(4);
    assert.equal(await pool.matmul(a, b, 2, 2, 2, { out }), out);
    assert.deepEqual([...out], [19, 22, 43, 50]);
    await assert.rejects(pool.matmul(a, b, 3, 2, 2), { code: 'ERR_INVALID_ARGUMENT' });
    await assert.rejects(pool.matmul(a, b, 2, 2, 2, { out: new Float64Array(4) }), { code: 'ERR_INVALID_ARGUMENT' });
  });
});

describe('iter scan - parallel prefix sums', () => {
  it('equals the sequential running sum on integers, inclusive and exclusive', async () => {
    const pool = pools.get(2)!;
    for (const n of [0, 1, 2, 1023, 1025, 100_003]) {
      const r = rng(n);
      const x = shared.from(Array.from({ length: n }, () => Math.floor(r() * 2000) - 1000));
      const inc = await pool.scan(x);
      const exc = await pool.scan(x, { exclusive: true });
      let s = 0;
      for (let i = 0; i < n; i++) {
        assert.equal(exc[i], s);
        s += x[i]!;
        assert.equal(inc[i], s);
      }
    }
  });

  it('is bit-identical on 1, 2 and 5 threads and every policy (floats), in place or not', async () => {
    const x = shared.from(floats(200_001, 5));
    let ref: Float64Array | undefined;
    for (const [, pool] of pools) {
      for (const schedule of ['static', 'dynamic', 'guided', 'adaptive'] as Schedule[]) {
        const y = await pool.scan(x, { schedule });
        ref ??= y;
        assert.deepEqual(new Uint8Array(y.buffer), new Uint8Array(ref.buffer), schedule);
      }
    }
    let naive = 0;
    for (let i = 0; i < x.length; i++) naive += x[i]!;
    assert.ok(Math.abs(ref!.at(-1)! - naive) < 1e-6);
    const copy = shared.from(x);
    assert.equal(await pools.get(2)!.scan(copy, { out: copy }), copy);
    assert.deepEqual([...copy], [...ref!]);
    const plain = new Float64Array(x);
    await pools.get(2)!.scan(plain, { out: plain });
    assert.deepEqual([...plain], [...ref!]);
  });
});
