// Building blocks of the parallel workloads: block splits, the sort plan and merge path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDist } from './load-dist.js';

const { blockRange, checkSchedule } = await loadDist<typeof import('../../dist/workloads/par/schedule.js')>('workloads/par/schedule.js');
const sortTasks = await loadDist<typeof import('../../dist/workloads/sort/tasks.js')>('workloads/sort/tasks.js');

/** A seeded generator (xorshift32) for test data. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

void test('schedule - blockRange cuts units into contiguous blocks differing by at most one', () => {
  for (const units of [0, 1, 5, 16, 17, 100]) {
    for (const parts of [1, 2, 3, 7, 20]) {
      let next = 0;
      const sizes: number[] = [];
      for (let p = 0; p < parts; p++) {
        const [a, b] = blockRange(units, parts, p);
        assert.equal(a, next);
        next = b;
        sizes.push(b - a);
      }
      assert.equal(next, units);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
    }
  }
  assert.equal(checkSchedule('dynamic'), 'dynamic');
  assert.throws(() => checkSchedule('guided'), /Expected `schedule` to be one of "static", "dynamic", got `guided`/);
});

void test('sort - block sorts and merge rounds of pieces rebuild the sorted array (duplicates and infinities included)', () => {
  const next = rng(7);
  for (const [n, pieces] of [[1, 1], [2, 2], [10, 3], [1000, 2], [1001, 3], [5000, 8], [777, 5], [4099, 12], [64, 64]] as const) {
    // Few distinct values: many ties across runs and piece boundaries.
    // ±Infinity too: the merge's exhausted-run sentinel is +Infinity and must still give the same array.
    const values = Float64Array.from({ length: n }, (_, i) => (i % 13 === 5 ? Infinity : i % 17 === 3 ? -Infinity : Math.floor(next() * 20) / 4 - 2));
    const expected = Float64Array.from(values).sort();
    const a = Float64Array.from(values);
    const start = (u: number): number => sortTasks.pieceStart(n, pieces, u);
    // Pieces of a phase run in reverse: their order must not matter.
    for (let u = pieces - 1; u >= 0; u--) sortTasks.sortBlock(a, start(u), start(u + 1), new Float64Array(start(u + 1) - start(u)));
    let rounds = 0;
    for (let width = 1; width < pieces; width *= 2) {
      rounds++;
      const held: [number, Float64Array][] = [];
      const covered = new Uint8Array(n);
      for (let u = pieces - 1; u >= 0; u--) {
        const s = sortTasks.mergeStep(n, pieces, width, u);
        if (s === undefined) continue;
        assert.equal(s.aLo + s.k0, start(u));
        assert.equal(s.aLo + s.k1, start(u + 1));
        const out = new Float64Array(s.k1 - s.k0);
        sortTasks.mergePiece(a, s.aLo, s.aHi, s.aHi, s.bHi, s.k0, s.k1, out, 0);
        held.push([s.aLo + s.k0, out]);
        covered.fill(1, start(u), start(u + 1));
      }
      for (const [at, out] of held) a.set(out, at);
      // Positions no piece wrote belong to the unpaired last run (already sorted).
      const firstUncovered = covered.indexOf(0);
      if (firstUncovered >= 0) assert.ok(covered.subarray(firstUncovered).every((c) => c === 0));
    }
    assert.equal(rounds, sortTasks.mergeRounds(pieces));
    assert.deepEqual(a, expected, `n=${n} pieces=${pieces}`);
  }
});

void test('sort - co-rank splits a merge so that both sides are consistent', () => {
  const a = Float64Array.of(1, 2, 2, 3, 5, 2, 2, 4);
  // runs [0,5) and [5,8)
  for (let k = 0; k <= 8; k++) {
    const i = sortTasks.coRank(a, 0, 5, 5, 3, k);
    const j = k - i;
    assert.ok(i >= 0 && i <= 5 && j >= 0 && j <= 3);
    if (i > 0 && j < 3) assert.ok(a[i - 1]! <= a[5 + j]!);
    if (j > 0 && i < 5) assert.ok(a[5 + j - 1]! < a[i]!);
  }
});
