import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDist } from './load-dist.js';

const fem = await loadDist<typeof import('../../dist/workloads/fem-poisson/sequential.js')>('workloads/fem-poisson/sequential.js');
const asm = await loadDist<typeof import('../../dist/workloads/fem-poisson/assembly.js')>('workloads/fem-poisson/assembly.js');
const { spmvRows } = await loadDist<typeof import('../../dist/workloads/fem-poisson/csr.js')>('workloads/fem-poisson/csr.js');

void test('fem-poisson - second-order convergence for n = 16, 32, 64', () => {
  const rows = fem.femConvergenceTable([16, 32, 64]);
  for (const r of rows) assert.ok(r.l2Error > 0 && r.maxError > 0);
  for (const r of rows.slice(1)) {
    assert.ok(r.l2Ratio > 3.9 && r.l2Ratio < 4.1, `L2 ratio ${r.l2Ratio} at n=${r.n}`);
    assert.ok(r.maxRatio > 3.9 && r.maxRatio < 4.1, `max ratio ${r.maxRatio} at n=${r.n}`);
  }
});

void test('fem-poisson - CG reaches the tolerance; iteration count grows about linearly in n', () => {
  const a = fem.femPoissonSequential({ n: 32 });
  const b = fem.femPoissonSequential({ n: 64 });
  assert.ok(a.converged && b.converged);
  assert.ok(a.relResidual < 1e-10 && b.relResidual < 1e-10);
  assert.ok(b.iterations > 1.5 * a.iterations && b.iterations < 2.5 * a.iterations);
  assert.equal(a.unknowns, 31 * 31);
});

void test('fem-poisson - assembled P1 matrix is the exact 5-point stiffness (diagonal couplings 0)', () => {
  const n = 8;
  const a = asm.allocateStiffness(n);
  const b = new Float64Array(a.rows);
  asm.assembleRows(n, a, b, 0, a.rows);
  const m = n - 1;
  for (let r = 0; r < a.rows; r++) {
    for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) {
      const c = a.colIdx[k]!;
      const v = a.values[k]!;
      const d = Math.abs(c - r);
      if (c === r) assert.equal(v, 4);
      else if (d === 1 || d === m) assert.equal(v, -1);
      else assert.equal(v, 0);
    }
  }
  // A is symmetric: x·(A y) = y·(A x) for integer vectors (exact).
  const x = Float64Array.from({ length: a.rows }, (_, i) => (i * 7) % 5);
  const y = Float64Array.from({ length: a.rows }, (_, i) => (i * 3) % 4);
  const ax = new Float64Array(a.rows);
  const ay = new Float64Array(a.rows);
  spmvRows(a, x, ax, 0, a.rows);
  spmvRows(a, y, ay, 0, a.rows);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < a.rows; i++) { s1 += x[i]! * ay[i]!; s2 += y[i]! * ax[i]!; }
  assert.equal(s1, s2);
});

void test('fem-poisson - row-block assembly equals whole assembly bit for bit', () => {
  const n = 40;
  const a1 = asm.allocateStiffness(n);
  const b1 = new Float64Array(a1.rows);
  asm.assembleRows(n, a1, b1, 0, a1.rows);
  const a2 = asm.allocateStiffness(n);
  const b2 = new Float64Array(a2.rows);
  for (const [r0, r1] of [[700, a2.rows], [0, 13], [13, 700]] as const) asm.assembleRows(n, a2, b2, r0, r1);
  assert.deepEqual(a2, a1);
  assert.deepEqual(b2, b1);
});
