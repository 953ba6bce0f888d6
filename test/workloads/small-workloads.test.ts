import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDist } from './load-dist.js';

const { mandelbrotSequential } = await loadDist<typeof import('../../dist/workloads/mandelbrot/sequential.js')>('workloads/mandelbrot/sequential.js');
const mk = await loadDist<typeof import('../../dist/workloads/mandelbrot/kernel.js')>('workloads/mandelbrot/kernel.js');
const tiles = await loadDist<typeof import('../../dist/workloads/mandelbrot/tiles.js')>('workloads/mandelbrot/tiles.js');
const { heat2dSequential } = await loadDist<typeof import('../../dist/workloads/heat2d/sequential.js')>('workloads/heat2d/sequential.js');
const hk = await loadDist<typeof import('../../dist/workloads/heat2d/kernel.js')>('workloads/heat2d/kernel.js');
const { matmulSequential } = await loadDist<typeof import('../../dist/workloads/matmul/sequential.js')>('workloads/matmul/sequential.js');
const { sortSequential } = await loadDist<typeof import('../../dist/workloads/sort/sequential.js')>('workloads/sort/sequential.js');
const sk = await loadDist<typeof import('../../dist/workloads/sort/kernel.js')>('workloads/sort/kernel.js');
const { montecarloPiSequential } = await loadDist<typeof import('../../dist/workloads/montecarlo-pi/sequential.js')>('workloads/montecarlo-pi/sequential.js');
const mc = await loadDist<typeof import('../../dist/workloads/montecarlo-pi/kernel.js')>('workloads/montecarlo-pi/kernel.js');
const { nbodyDirectSequential } = await loadDist<typeof import('../../dist/workloads/nbody-direct/sequential.js')>('workloads/nbody-direct/sequential.js');
const nb = await loadDist<typeof import('../../dist/workloads/nbody-direct/kernel.js')>('workloads/nbody-direct/kernel.js');
const bodies = await loadDist<typeof import('../../dist/workloads/nbody-direct/bodies.js')>('workloads/nbody-direct/bodies.js');
const { fnv1a64Hex } = await loadDist<typeof import('../../dist/workloads/common/fnv1a64.js')>('workloads/common/fnv1a64.js');

void test('mandelbrot - tiny image: iter_sum and hash equal a direct per-pixel loop', () => {
  const w = 67;
  const h = 41;
  const maxIter = 200;
  const counts = new Uint32Array(w * h);
  let sum = 0;
  const dx = (1.0 - -2.5) / w;
  const dy = (1.2 - -1.2) / h;
  for (let py = 0; py < h; py++) {
    for (let px = 0; px < w; px++) {
      const cx = -2.5 + px * dx;
      const cy = -1.2 + py * dy;
      let x = 0;
      let y = 0;
      let it = 0;
      while (it < maxIter && x * x + y * y <= 4.0) {
        const nx = x * x - y * y + cx;
        y = 2.0 * x * y + cy;
        x = nx;
        it++;
      }
      counts[py * w + px] = it;
      sum += it;
    }
  }
  const r = mandelbrotSequential({ width: w, height: h, maxIter, tileSize: 16 });
  assert.equal(r.iterSum, sum);
  assert.equal(r.hash, fnv1a64Hex(new Uint8Array(counts.buffer)));
});

void test('mandelbrot - tiles cover the image once; any tile order gives the same image', () => {
  const w = 130;
  const h = 70;
  const size = 50;
  const n = tiles.tileCount(w, h, size);
  assert.equal(n, 3 * 2);
  const seen = new Uint8Array(w * h);
  for (let t = 0; t < n; t++) {
    const r = tiles.tileRect(t, w, h, size);
    for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) seen[y * w + x]!++;
  }
  assert.ok(seen.every((v) => v === 1));
  const a = new Uint32Array(w * h);
  const b = new Uint32Array(w * h);
  let sa = 0;
  let sb = 0;
  for (let t = 0; t < n; t++) sa += mk.renderTile(a, w, h, 300, size, t);
  for (let t = n - 1; t >= 0; t--) sb += mk.renderTile(b, w, h, 300, size, t);
  assert.deepEqual(b, a);
  assert.equal(sb, sa);
});

void test('heat2d - centre exactly 0, left-right symmetry, probes positive and decreasing', () => {
  const r = heat2dSequential({ n: 64, iterations: 20 });
  assert.equal(r.centre, 0);
  assert.ok(r.probe1 > r.probe10 && r.probe10 > 0);
  assert.equal(r.probe50, 0); // row 50 is 50 cells from the hot edge: unreachable in 20 iterations
  // Left-right symmetry u[i][j] = u[i][N-1-j] holds up to rounding only: the mirrored
  // stencil adds its left and right neighbours in the opposite order.
  const n = 64;
  let u = new Float64Array(n * n);
  let v = new Float64Array(n * n);
  hk.initGrid(u, n);
  hk.initGrid(v, n);
  for (let it = 0; it < 30; it++) {
    hk.jacobiRows(u, v, n, 1, n - 1);
    [u, v] = [v, u];
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = u[i * n + j]!;
      const b = u[i * n + (n - 1 - j)]!;
      assert.ok(Math.abs(a - b) <= 1e-13 * Math.abs(a), `u[${i}][${j}] = ${a} vs mirror ${b}`);
      assert.equal(a === 0, b === 0);
    }
  }
});

void test('heat2d - split row ranges give bit-identical sweeps and sums', () => {
  const n = 80;
  const u = new Float64Array(n * n);
  hk.initGrid(u, n);
  for (let i = 1; i < n - 1; i++) for (let j = 1; j < n - 1; j++) u[i * n + j] = ((i * 31 + j * 17) % 97) / 7;
  const v1 = Float64Array.from(u);
  const v2 = Float64Array.from(u);
  hk.jacobiRows(u, v1, n, 0, n);
  for (const [a, b] of [[40, 80], [0, 3], [3, 40]] as const) hk.jacobiRows(u, v2, n, a, b);
  assert.deepEqual(v2, v1);
  const s1 = new Float64Array(n);
  const s2 = new Float64Array(n);
  hk.rowSums(v1, n, 0, n, s1);
  hk.rowSums(v1, n, 50, n, s2);
  hk.rowSums(v1, n, 0, 50, s2);
  assert.deepEqual(s2, s1);
});

void test('heat2d - the row-blocked sweep equals the spec stencil for every row range', () => {
  const n = 61;
  const u = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) u[i] = ((i * 7919) % 1013) / 37 - 9;
  const spec = Float64Array.from(u);
  for (let i = 1; i < n - 1; i++) {
    for (let j = 1; j < n - 1; j++) spec[i * n + j] = 0.25 * (u[(i - 1) * n + j]! + u[(i + 1) * n + j]! + u[i * n + j - 1]! + u[i * n + j + 1]!);
  }
  // Ranges of every length 0 … 9 (whole 4-row groups plus 0 … 3 left over) at every start,
  // and ranges reaching past the boundary rows.
  for (let len = 0; len <= 9; len++) {
    for (let a = -1; a + len <= n + 1; a++) {
      const v = Float64Array.from(u);
      hk.jacobiRows(u, v, n, a, a + len);
      for (let i = 0; i < n; i++) {
        const inside = i >= Math.max(a, 1) && i < Math.min(a + len, n - 1);
        for (let j = 0; j < n; j++) {
          const want = inside ? spec[i * n + j]! : u[i * n + j]!;
          if (!Object.is(v[i * n + j], want)) assert.fail(`rows [${a}, ${a + len}): v[${i}][${j}] = ${v[i * n + j]} ≠ ${want}`);
        }
      }
    }
  }
});

void test('matmul - exact against a naive i-j-k loop at small N (partial blocks)', () => {
  const n = 100;
  const out: { c?: Float64Array } = {};
  const r = matmulSequential({ n, block: 64 }, out);
  const c = out.c!;
  let sum = 0;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += (((7 * i + 3 * k) % 17) - 8) * (((5 * k + 11 * j) % 13) - 6);
      assert.equal(c[i * n + j], s);
      sum += s;
      wsum += s * (((i * n + j) % 7) + 1);
    }
  }
  assert.equal(r.sum, sum);
  assert.equal(r.wsum, wsum);
  assert.equal(r.c00, c[0]);
  assert.equal(r.cLast, c[n * n - 1]);
  assert.equal(r.hash, fnv1a64Hex(new Uint8Array(c.buffer)));
  assert.equal(matmulSequential({ n, block: 7 }).hash, r.hash);
});

void test('sort - sorted, equal to Float64Array sort of the generated values, checksum', () => {
  const n = 100_001;
  const out: { values?: Float64Array } = {};
  const r = sortSequential({ n }, out);
  const a = new Float64Array(n);
  sk.generateValues(a, 12345);
  const ref = Float64Array.from(a).sort();
  assert.ok(r.sorted);
  assert.deepEqual(out.values, ref);
  let cs = 0;
  for (let i = 0; i < n; i++) cs += ref[i]! * ((i % 1024) + 1);
  assert.equal(r.checksum, cs);
  assert.equal(r.first, ref[0]);
  assert.equal(r.middle, ref[50_000]);
  assert.equal(r.last, ref[n - 1]);
  assert.ok(!sk.isAscending(a));
});

void test('montecarlo-pi - small N estimate near pi; chunk sums independent of chunk order', () => {
  const r = montecarloPiSequential({ samples: 2_500_000, chunkSize: 1_000_000 });
  assert.ok(Math.abs(r.estimate - Math.PI) < 0.01, `estimate ${r.estimate}`);
  assert.equal(r.estimate, (4 * r.hits) / 2_500_000);
  assert.equal(mc.chunkCount(2_500_000, 1_000_000), 3);
  assert.equal(mc.chunkSamples(2, 2_500_000, 1_000_000), 500_000);
  let hits = 0;
  for (let c = 2; c >= 0; c--) hits += mc.chunkHits(c, mc.chunkSamples(c, 2_500_000, 1_000_000));
  assert.equal(hits, r.hits);
});

void test('nbody-direct - energy is nearly conserved; split body ranges are bit-identical', () => {
  const r = nbodyDirectSequential({ n: 200, steps: 5 });
  assert.ok(Math.abs((r.e1 - r.e0) / r.e0) < 1e-6, `drift ${(r.e1 - r.e0) / r.e0}`);
  assert.match(r.hash, /^[0-9a-f]{16}$/);
  const b1 = bodies.allocateBodies(200);
  const b2 = bodies.allocateBodies(200);
  bodies.initBodies(b1, 42);
  bodies.initBodies(b2, 42);
  const eps2 = 0.01 * 0.01;
  nb.computeAccelerations(b1, eps2, 0, 200);
  for (const [a, b] of [[150, 200], [0, 1], [1, 150]] as const) nb.computeAccelerations(b2, eps2, a, b);
  assert.deepEqual(b2, b1);
  const ke1 = new Float64Array(200);
  const pe1 = new Float64Array(200);
  const ke2 = new Float64Array(200);
  const pe2 = new Float64Array(200);
  nb.energyTerms(b1, eps2, 0, 200, ke1, pe1);
  nb.energyTerms(b1, eps2, 100, 200, ke2, pe2);
  nb.energyTerms(b1, eps2, 0, 100, ke2, pe2);
  assert.equal(nb.totalEnergy(ke2, pe2), nb.totalEnergy(ke1, pe1));
  assert.equal(nb.totalEnergy(ke1, pe1), nbodyDirectSequential({ n: 200, steps: 0, eps: 0.01 }).e0);
});
