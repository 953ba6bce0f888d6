import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Pool, shared, kernels } from 'tessera';
import { fixture, rng } from '../support.js';

type K = typeof import('../fixtures/iter/kernels.mjs');

let pool: Pool;
before(() => {
  pool = new Pool({ threads: 2 });
});
after(async () => {
  await pool.terminate();
});

const force = { threshold: 0 };

function same(a: ArrayLike<unknown>, b: ArrayLike<unknown>, what: string): void {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.fail(`${what}: index ${i}: ${String(a[i])} !== ${String(b[i])}`);
}

/** Seeded data for each typed kind, with duplicates and (for floats) the special values. */
function data(kind: string, n: number, seed: number): ArrayLike<number | bigint> {
  const r = rng(seed);
  const xs: (number | bigint)[] = [];
  for (let i = 0; i < n; i++) {
    const u = r();
    if (kind.startsWith('float')) xs.push(u < 0.05 ? Math.floor(u * 100) : (u - 0.5) * 10 ** Math.floor(r() * 10 - 3));
    else if (kind.startsWith('big')) xs.push(BigInt(Math.floor((u - (kind === 'bigint64' ? 0.5 : 0)) * 2 ** 52)));
    else xs.push(Math.floor((u - 0.5) * 2 ** 33));
  }
  if (kind.startsWith('float') && n > 10) {
    xs[1] = NaN;
    xs[2] = -0;
    xs[3] = 0;
    xs[4] = Infinity;
    xs[5] = -Infinity;
    xs[n - 1] = -0;
  }
  return xs;
}

const KINDS = {
  float64: Float64Array, float32: Float32Array, int32: Int32Array, uint32: Uint32Array, int16: Int16Array,
  uint8: Uint8Array, int8: Int8Array, bigint64: BigInt64Array, biguint64: BigUint64Array,
} as const;

describe('iter sort - equal to the sequential sort', () => {
  it('every typed kind, shared and ordinary, stable and unstable', async () => {
    for (const [kind, Ctor] of Object.entries(KINDS)) {
      for (const n of [0, 1, 2, 1000, 4097, 30_011]) {
        const src = new (Ctor as unknown as new (x: ArrayLike<number | bigint>) => Float64Array)(data(kind, n, n + 1));
        const ref = src.slice().sort();
        const a = shared.from(src);
        assert.equal(await pool.sort(a, undefined, force), a);
        same(a, ref, `${kind} n=${n} shared`);
        const b = src.slice();
        await pool.sort(b, undefined, force);
        same(b, ref, `${kind} n=${n} ordinary`);
        const c = shared.from(src);
        await pool.sortUnstable(c, undefined, force);
        same(c, ref, `${kind} n=${n} unstable`);
      }
    }
  });

  it('skips digits that never vary (odd and zero pass counts)', async () => {
    const r = rng(21);
    for (const [name, make] of [
      ['one digit', () => Math.floor(r() * 2048)],
      ['two digits', () => Math.floor(r() * 2 ** 22)],
      ['constant', () => 7],
      ['high digit only', () => Math.floor(r() * 1024) * 2 ** 22],
    ] as const) {
      const src = Int32Array.from({ length: 30_000 }, make);
      const a = shared.from(src);
      await pool.sort(a, undefined, force);
      same(a, src.slice().sort(), name);
      const f = shared.from(Float64Array.from(src));
      await pool.sort(f, undefined, force);
      same(f, Float64Array.from(src).sort(), `${name} float64`);
    }
  });

  it('negative-signed NaNs and every float special value sort last / in order', async () => {
    const a = shared.float64(20_000);
    const r = rng(3);
    for (let i = 0; i < a.length; i++) a[i] = (r() - 0.5) * 1e6;
    const bitsView = new Uint32Array(a.buffer);
    bitsView[2 * 17 + 1] = 0xfff80000; // -NaN
    bitsView[2 * 17] = 0;
    a[99] = NaN;
    a[100] = -0;
    a[101] = 0;
    a[102] = -Number.MAX_VALUE;
    a[103] = Number.MIN_VALUE;
    const ref = a.slice().sort();
    await pool.sort(a, undefined, force);
    same(a, ref, 'specials');
    assert.ok(Number.isNaN(a[a.length - 1]) && Number.isNaN(a[a.length - 2]));
  });

  it('typed arrays with a comparator: stable merge sort and sample sort', async () => {
    const src = new Float64Array(data('float64', 50_000, 9) as ArrayLike<number>).map((x) => (Number.isNaN(x) ? 0 : x));
    const desc = (x: number, y: number) => y - x;
    const ref = src.slice().sort(desc);
    const a = shared.from(src);
    await pool.sort(a, desc, force);
    same(a, ref, 'merge');
    const b = shared.from(src);
    await pool.sortUnstable(b, desc, force);
    same(b, ref, 'sample');
    // By absolute value: stable keeps the input order of x and -x; unstable is a sorted permutation.
    const byAbs = (x: number, y: number) => Math.abs(x) - Math.abs(y);
    const withTies = shared.from(Float64Array.from({ length: 40_000 }, (_, i) => ((i * 7919) % 1000) * (i % 2 ? 1 : -1)));
    const stableRef = withTies.slice().sort(byAbs);
    const s = shared.from(withTies);
    await pool.sort(s, byAbs, force);
    same(s, stableRef, 'stable ties');
    const u = shared.from(withTies);
    await pool.sortUnstable(u, byAbs, force);
    for (let i = 1; i < u.length; i++) assert.ok(Math.abs(u[i - 1]!) <= Math.abs(u[i]!));
    same(u.slice().sort(), withTies.slice().sort(), 'unstable is a permutation');
  });

  it('arrays of objects: stable, in place, with the caller\'s own objects', async () => {
    const r = rng(11);
    const people = Array.from({ length: 30_000 }, (_, id) => ({ id, age: Math.floor(r() * 90), name: `p${id}` }));
    const byAge = (a: { age: number }, b: { age: number }) => a.age - b.age;
    const ref = people.slice().sort(byAge);
    const mine = people.slice();
    assert.equal(await pool.sort(mine, byAge, force), mine);
    same(mine, ref, 'objects');
    assert.equal(mine[0], ref[0]); // the same object, not a copy
    const un = people.slice();
    await pool.sortUnstable(un, byAge, force);
    same(un, ref, 'objects unstable');
  });

  it('the default order of Array.prototype.sort (strings, undefined last) and a context', async () => {
    const r = rng(12);
    const mixed = Array.from({ length: 20_000 }, (_, i) => (i % 13 === 0 ? undefined : Math.floor(r() * 3000)));
    const ref = mixed.slice().sort();
    const mine = mixed.slice();
    await pool.sort(mine, undefined, force);
    same(mine, ref, 'default order');
    const words = Array.from({ length: 20_000 }, (_, i) => `w${(i * 7919) % 4096}`);
    const byLen = (a: string, b: string, c: { dir: number }) => c.dir * (a.length - b.length);
    const w = words.slice();
    await pool.sort(w, byLen, { ...force, context: { dir: -1 } });
    same(w, words.slice().sort((a, b) => byLen(a, b, { dir: -1 })), 'context');
  });

  it('task-module comparators, small arrays on the main thread, and errors', async () => {
    const k = kernels<K>(fixture('iter/kernels.mjs'));
    const objs = Array.from({ length: 20_000 }, (_, i) => ({ key: (i * 31) % 977 }));
    const mine = objs.slice();
    await pool.sort(mine, k.byKey, force);
    same(mine, objs.slice().sort((a, b) => a.key - b.key), 'module comparator');
    const small = [3, 1, 2];
    assert.deepEqual(await pool.sort(small), [1, 2, 3]);
    const big = Array.from({ length: 20_000 }, (_, i) => i);
    await assert.rejects(
      pool.sort(big, (a, b) => {
        if (a === 12_345 || b === 12_345) throw new Error('no');
        return b - a;
      }, force),
      { message: 'no' },
    );
    assert.deepEqual(big.slice().sort((a, b) => a - b), Array.from({ length: 20_000 }, (_, i) => i), 'still a permutation');
    await assert.rejects(pool.sort(42 as unknown as number[]), { code: 'ERR_INVALID_ARGUMENT' });
  });

  it('sorts the same on 1 and 3 threads', async () => {
    const src = new Float64Array(data('float64', 25_000, 13) as ArrayLike<number>);
    const ref = src.slice().sort();
    for (const threads of [1, 3]) {
      const p = new Pool({ threads });
      try {
        const a = shared.from(src);
        await p.sort(a, undefined, force);
        same(a, ref, `${threads} threads`);
        const o = Array.from(src, (v, i) => ({ v: Number.isNaN(v) ? 0 : v, i }));
        const oref = o.slice().sort((x, y) => x.v - y.v);
        await p.sort(o, (x, y) => x.v - y.v, force);
        same(o, oref, `${threads} threads objects`);
      } finally {
        await p.terminate();
      }
    }
  });
});
