// Parallel versions of the workloads equal their sequential references bit for bit, at
// 1, 2 and 3 threads and under both schedules (small sizes), through the public entry
// `tessera/workloads` (the bundled code users load; the workers run the task modules).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from 'tessera';
import { WORKLOADS, comparableOutputs, differingOutputs } from 'tessera/workloads';
import { SMALL } from './small-sizes.js';

const THREADS = [1, 2, 3];
const SCHEDULES = ['static', 'dynamic'] as const;
const pools = new Map<number, Pool>();

before(() => {
  for (const t of THREADS) pools.set(t, new Pool({ threads: t }));
});
after(async () => {
  await Promise.all([...pools.values()].map((p) => p.close()));
});

for (const w of WORKLOADS) {
  void describe(`workloads - ${w.name} parallel equals sequential`, () => {
    const params = w.resolve(SMALL[w.name]!);
    const reference = w.sequential(params);
    void test(`${w.name} - sequential reference passes its own check`, () => {
      const v = w.verify(params, reference);
      assert.ok(v.passed, v.lines.join('\n'));
    });
    for (const threads of THREADS) {
      for (const schedule of SCHEDULES) {
        void test(`${w.name} - ${threads} thread(s), ${schedule}: identical outputs`, async () => {
          const progress: number[] = [];
          const out = await w.parallel(pools.get(threads)!, params, { schedule, onProgress: (d) => progress.push(d) });
          assert.deepEqual(differingOutputs(w, reference, out), [], `differs:\n${JSON.stringify(comparableOutputs(w, reference))}\n${JSON.stringify(comparableOutputs(w, out))}`);
          assert.ok(typeof w.seconds(out) === 'number' && w.seconds(out) >= 0);
          if (!w.sequentialOnly) assert.ok(progress.length > 0, 'progress was reported');
        });
      }
    }
  });
}

void test('npb-ep - the parallel run verifies (PASSED) against NPB 3.3 and 3.4', async () => {
  const w = WORKLOADS.find((x) => x.name === 'npb-ep')!;
  const params = w.resolve({ problemClass: 'S' });
  const out = await w.parallel(pools.get(2)!, params, { schedule: 'dynamic' });
  const v = w.verify(params, out);
  assert.ok(v.passed);
  assert.match(v.lines.join('\n'), /NPB 3\.3.*PASSED/);
  assert.match(v.lines.join('\n'), /NPB 3\.4.*PASSED/);
  assert.equal(out.gc, 13176389);
});

void test('nbody-bench-game - reproduces the published energies after 1000 steps', async () => {
  const w = WORKLOADS.find((x) => x.name === 'nbody-bench-game')!;
  const out = await w.parallel(pools.get(1)!, w.resolve({ steps: 1000 }), {});
  assert.equal(out.e0Text, '-0.169075164');
  assert.equal(out.e1Text, '-0.169087605');
});

void test('fem-poisson - the parallel convergence table equals the sequential one', async () => {
  const w = WORKLOADS.find((x) => x.name === 'fem-poisson')!;
  const params = w.resolve({});
  const seq = await w.extra!.run(undefined, '16,32,64', params, {});
  const par = await w.extra!.run(pools.get(3), '16,32,64', params, { schedule: 'dynamic' });
  assert.deepEqual(par.json, seq.json);
  const rows = seq.json as { l2Ratio: number | null }[];
  assert.equal(rows[0]!.l2Ratio, null);
  for (const r of rows.slice(1)) assert.ok(Math.abs(r.l2Ratio! - 4) < 0.1, `ratio ${r.l2Ratio}`);
  assert.equal(seq.lines.length, 2 + 3);
});

void test('sort - fewer values than pieces, and sizes that do not split evenly, at 1–3 threads and both schedules', async () => {
  const w = WORKLOADS.find((x) => x.name === 'sort')!;
  for (const n of [1, 2, 3, 5, 7, 13, 1001]) {
    const params = w.resolve({ n, seed: n });
    const reference = w.sequential(params);
    for (const threads of THREADS) {
      for (const schedule of SCHEDULES) {
        const out = await w.parallel(pools.get(threads)!, params, { schedule });
        assert.deepEqual(differingOutputs(w, reference, out), [], `n=${n}, ${threads} thread(s), ${schedule}`);
      }
    }
  }
});

void test('mandelbrot - fewer tiles than threads (one tile, dynamic claims)', async () => {
  const w = WORKLOADS.find((x) => x.name === 'mandelbrot')!;
  const params = w.resolve({ width: 40, height: 30, maxIter: 200, tileSize: 50 });
  const reference = w.sequential(params);
  for (const threads of THREADS) {
    const out = await w.parallel(pools.get(threads)!, params, { schedule: 'dynamic' });
    assert.deepEqual(differingOutputs(w, reference, out), []);
  }
});
