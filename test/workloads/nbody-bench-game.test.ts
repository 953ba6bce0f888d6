import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDist } from './load-dist.js';

const { nbodyBenchGameSequential } = await loadDist<typeof import('../../dist/workloads/nbody-bench-game/sequential.js')>('workloads/nbody-bench-game/sequential.js');

void test('nbody-bench-game - published energies at 1000 steps', () => {
  const r = nbodyBenchGameSequential({ steps: 1000 });
  assert.equal(r.e0Text, '-0.169075164');
  assert.equal(r.e1Text, '-0.169087605');
});

void test('nbody-bench-game - zero steps keeps the energy', () => {
  const r = nbodyBenchGameSequential({ steps: 0 });
  assert.equal(r.e0, r.e1);
});

void test('nbody-bench-game - rejects a negative step count', () => {
  assert.throws(() => nbodyBenchGameSequential({ steps: -1 }), RangeError);
});
