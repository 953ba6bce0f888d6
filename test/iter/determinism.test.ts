import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Pool, shared, random, type Schedule } from 'tessera';
import { bits, floats, treeSum } from './helpers.js';

const THREADS = [1, 2, 8];
const SCHEDULES: Schedule[] = ['static', 'dynamic', 'guided', 'adaptive'];
const pools = new Map<number, Pool>();

before(() => {
  for (const t of THREADS) pools.set(t, new Pool({ threads: t }));
});
after(async () => {
  for (const p of pools.values()) await p.terminate();
});

/** Runs `op` on every pool and every policy; asserts all results have the same bits. */
async function sameEverywhere(name: string, op: (pool: Pool, schedule: Schedule) => Promise<number>): Promise<number> {
  const seen = new Map<string, string>();
  let first: number | undefined;
  for (const [t, pool] of pools) {
    for (const schedule of SCHEDULES) {
      const v = await op(pool, schedule);
      first ??= v;
      seen.set(`${t} threads, ${schedule}`, bits(v));
    }
  }
  const distinct = new Set(seen.values());
  assert.equal(distinct.size, 1, `${name}: ${JSON.stringify(Object.fromEntries(seen))}`);
  return first!;
}

describe('iter determinism - bit-identical on 1, 2 and 8 threads under every policy', () => {
  const xs = shared.from(floats(300_001, 40));

  it('a float sum equals the documented leaf tree, everywhere', async () => {
    const v = await sameEverywhere('sum', (pool, schedule) => pool.iter(xs).sum({ schedule }));
    assert.equal(bits(v), bits(treeSum([...xs])));
    // The naive left-to-right sum differs in its last bits: the tree is not an accident of it.
    let naive = 0;
    for (const x of xs) naive += x;
    assert.ok(Math.abs(naive - v) <= 1e-9 * Math.abs(v) + 1e-9);
  });

  it('the same holds with explicit chunk bounds', async () => {
    for (const [minChunk, maxChunk] of [[1, 7], [5000, 5000], [100_000, Infinity]] as const) {
      const v = await sameEverywhere(`sum ${minChunk}-${maxChunk}`, (pool, schedule) => pool.iter(xs).sum({ schedule, minChunk, maxChunk }));
      assert.equal(bits(v), bits(treeSum([...xs], minChunk, maxChunk)));
    }
  });

  it('map + filter + sum, product, and a non-associative float reduce', async () => {
    await sameEverywhere('map/filter/sum', (pool, schedule) =>
      pool.iter(xs).map((x) => Math.sin(x) * 1e3).filter((x) => x > -100).sum({ schedule }),
    );
    await sameEverywhere('product', (pool, schedule) => pool.iter(xs).map((x) => 1 + x * 1e-3).product({ schedule }));
    await sameEverywhere('reduce', (pool, schedule) =>
      pool.iter(xs).reduce(() => 0, (a, b) => a * 0.999 + b, { schedule }),
    );
  });

  it('fold + reduce over accumulators', async () => {
    await sameEverywhere('fold', (pool, schedule) =>
      pool
        .iter(xs)
        .fold(() => ({ s: 0, q: 0 }), (a, x) => ({ s: a.s + x, q: a.q + x * x }))
        .map((a) => a.q - a.s)
        .sum({ schedule }),
    );
  });

  it('a parallel Monte Carlo estimate of pi is reproducible however it is split', async () => {
    const pi = await sameEverywhere('monte carlo', async (pool, schedule) => {
      const hits = await pool
        .range(0, 200_000)
        .map((i, c) => {
          const x = random.uniform(c.seed, 0, i);
          const y = random.uniform(c.seed, 1, i);
          return x * x + y * y < 1 ? 1 : 0;
        }, { context: { seed: 2024 } })
        .sum({ schedule });
      return (4 * hits) / 200_000;
    });
    assert.ok(Math.abs(pi - Math.PI) < 0.02, String(pi));
  });

  it('collect order and min/max do not depend on the split either', async () => {
    const ref = await pools.get(1)!.iter(xs).filter((x) => x > 0.5).collect({ schedule: 'static' });
    for (const [, pool] of pools) {
      for (const schedule of SCHEDULES) {
        assert.deepEqual(await pool.iter(xs).filter((x) => x > 0.5).collect({ schedule, maxChunk: 333 }), ref);
      }
    }
    await sameEverywhere('min', async (pool, schedule) => (await pool.iter(xs).min({ schedule }))!);
  });
});
