import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDist } from './load-dist.js';

const { npbEpSequential } = await loadDist<typeof import('../../dist/workloads/npb-ep/sequential.js')>('workloads/npb-ep/sequential.js');
const kernel = await loadDist<typeof import('../../dist/workloads/npb-ep/kernel.js')>('workloads/npb-ep/kernel.js');
const { EP_REFERENCE } = await loadDist<typeof import('../../dist/workloads/npb-ep/verify.js')>('workloads/npb-ep/verify.js');

void test('npb-ep - class S verifies against NPB 3.3 and 3.4', () => {
  const r = npbEpSequential({ problemClass: 'S' });
  const ref = EP_REFERENCE.S;
  assert.equal(r.gc, 13176389);
  assert.equal(r.gc, ref.gc);
  assert.ok(r.npb33.passed, `3.3: ${JSON.stringify(r.npb33)}`);
  assert.ok(r.npb34.passed, `3.4: ${JSON.stringify(r.npb34)}`);
  assert.ok(Math.abs((r.sx - ref.sx33) / ref.sx33) <= 1e-8);
  assert.ok(Math.abs((r.sy - ref.sy33) / ref.sy33) <= 1e-8);
  assert.ok(Math.abs((r.sxAbs - ref.sx34) / ref.sx34) <= 1e-8);
  assert.ok(Math.abs((r.syAbs - ref.sy34) / ref.sy34) <= 1e-8);
  assert.deepEqual(r.q, [6140517, 5865300, 1100361, 68546, 1648, 17, 0, 0, 0, 0]);
  assert.equal(r.q.reduce((s, c) => s + c, 0), r.gc);
});

void test('npb-ep - batch seeds continue one LCG stream (batch k starts where k-1 ended)', () => {
  const an = kernel.batchMultiplier();
  const mask = (1n << 46n) - 1n;
  let x = BigInt(kernel.EP_SEED);
  for (let k = 0; k < 3; k++) {
    assert.equal(kernel.batchSeed(k, an), Number(x));
    for (let i = 0; i < 2 * kernel.NK; i++) x = (x * BigInt(kernel.EP_A)) & mask;
  }
});

void test('npb-ep - batch partials are independent of the order batches run in', () => {
  const an = kernel.batchMultiplier();
  const s = kernel.PARTIAL_STRIDE;
  const fwd = new Float64Array(4 * s);
  const rev = new Float64Array(4 * s);
  for (let k = 0; k < 4; k++) kernel.runBatch(k, an, fwd, k * s);
  for (let k = 3; k >= 0; k--) kernel.runBatch(k, an, rev, k * s);
  assert.deepEqual(rev, fwd);
});

void test('npb-ep - rejects an unknown class', () => {
  assert.throws(() => npbEpSequential({ problemClass: 'Z' as 'S' }), RangeError);
});
