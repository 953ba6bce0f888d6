/**
 * Cross-check: the TypeScript sequential references against the native C/OpenMP
 * references in bench/native/ at small sizes. The C programs are compiled here with the
 * spec's flags; a failing compiler fails the test (no skip). C runs with 2 threads, so
 * this also checks that the C results do not depend on the thread count.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadDist } from './load-dist.js';

const run = promisify(execFile);
const nativeDir = fileURLToPath(new URL('../../../bench/native/', import.meta.url));
const CFLAGS = ['-std=c99', '-O3', '-ffp-contract=off', '-fopenmp', '-D_DEFAULT_SOURCE', '-Wall'];
const PROGRAMS = ['nbody_bench_game', 'nbody_direct', 'mandelbrot', 'montecarlo_pi', 'heat2d', 'matmul', 'sort', 'npb_ep', 'fem_poisson'] as const;
type Program = (typeof PROGRAMS)[number];

let buildDir = '';

before(async () => {
  buildDir = mkdtempSync(join(tmpdir(), 'tessera-native-'));
  const cc = process.env['CC'] ?? 'cc';
  const compile = (p: Program) => run(cc, [...CFLAGS, '-o', join(buildDir, p), join(nativeDir, `${p}.c`), '-lm']);
  // Two at a time (the CI machines have 2 cores).
  for (let i = 0; i < PROGRAMS.length; i += 2) await Promise.all(PROGRAMS.slice(i, i + 2).map(compile));
});

after(() => {
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

async function native(p: Program, args: string[], threads = 2): Promise<Record<string, unknown>> {
  const { stdout } = await run(join(buildDir, p), [...args, '--threads', String(threads)], { env: { ...process.env, OMP_NUM_THREADS: String(threads) } });
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** Asserts that every listed field is identical (Object.is: same double, same string). */
function sameFields(ts: object, c: Record<string, unknown>, fields: readonly string[]): void {
  const t = ts as Record<string, unknown>;
  for (const f of fields) assert.ok(Object.is(t[f], c[f]), `${f}: TS ${String(t[f])} vs C ${String(c[f])}`);
}

void test('native - nbody-bench-game equals C bit for bit', async () => {
  const { nbodyBenchGameSequential } = await loadDist<typeof import('../../dist/workloads/nbody-bench-game/sequential.js')>('workloads/nbody-bench-game/sequential.js');
  sameFields(nbodyBenchGameSequential({ steps: 1000 }), await native('nbody_bench_game', ['--steps', '1000']), ['e0', 'e1', 'e0Text', 'e1Text']);
});

void test('native - nbody-direct equals C bit for bit', async () => {
  const { nbodyDirectSequential } = await loadDist<typeof import('../../dist/workloads/nbody-direct/sequential.js')>('workloads/nbody-direct/sequential.js');
  sameFields(nbodyDirectSequential({ n: 300, steps: 3 }), await native('nbody_direct', ['--n', '300', '--steps', '3']), ['e0', 'e1', 'posSum', 'hash']);
});

void test('native - mandelbrot equals C bit for bit (clipped tiles)', async () => {
  const { mandelbrotSequential } = await loadDist<typeof import('../../dist/workloads/mandelbrot/sequential.js')>('workloads/mandelbrot/sequential.js');
  const ts = mandelbrotSequential({ width: 170, height: 130, maxIter: 500, tileSize: 50 });
  sameFields(ts, await native('mandelbrot', ['--width', '170', '--height', '130', '--maxiter', '500', '--tile', '50']), ['iterSum', 'hash']);
});

void test('native - montecarlo-pi equals C bit for bit (partial last chunk)', async () => {
  const { montecarloPiSequential } = await loadDist<typeof import('../../dist/workloads/montecarlo-pi/sequential.js')>('workloads/montecarlo-pi/sequential.js');
  const ts = montecarloPiSequential({ samples: 2_300_000, chunkSize: 1_000_000 });
  sameFields(ts, await native('montecarlo_pi', ['--samples', '2300000', '--chunk', '1000000']), ['hits', 'estimate']);
});

void test('native - heat2d equals C bit for bit', async () => {
  const { heat2dSequential } = await loadDist<typeof import('../../dist/workloads/heat2d/sequential.js')>('workloads/heat2d/sequential.js');
  sameFields(heat2dSequential({ n: 130, iterations: 70 }), await native('heat2d', ['--n', '130', '--iters', '70']), ['sum', 'centre', 'probe1', 'probe10', 'probe50']);
});

void test('native - matmul equals C bit for bit (partial block)', async () => {
  const { matmulSequential } = await loadDist<typeof import('../../dist/workloads/matmul/sequential.js')>('workloads/matmul/sequential.js');
  sameFields(matmulSequential({ n: 150, block: 64 }), await native('matmul', ['--n', '150', '--block', '64']), ['sum', 'wsum', 'hash', 'c00', 'cLast']);
});

void test('native - sort equals C bit for bit at 1, 2, 3 and 5 threads', async () => {
  const { sortSequential } = await loadDist<typeof import('../../dist/workloads/sort/sequential.js')>('workloads/sort/sequential.js');
  // 1 thread: the introsort alone; 2, 3, 5 threads: runs and merge-path merge rounds (5: an unpaired run).
  for (const n of [1, 3, 17, 1000, 200_001]) {
    const ts = sortSequential({ n });
    for (const threads of [1, 2, 3, 5]) sameFields(ts, await native('sort', ['--n', String(n)], threads), ['sorted', 'checksum', 'first', 'middle', 'last']);
  }
});

void test('native - npb-ep class S equals C (fdlibm log) bit for bit; glibc log agrees to 1e-12', async () => {
  const { npbEpSequential } = await loadDist<typeof import('../../dist/workloads/npb-ep/sequential.js')>('workloads/npb-ep/sequential.js');
  const ts = npbEpSequential({ problemClass: 'S' });
  const c = await native('npb_ep', ['--class', 'S']);
  sameFields(ts, c, ['sx', 'sy', 'sxAbs', 'syAbs', 'gc']);
  assert.deepEqual(c['q'], ts.q);
  assert.equal(c['npb33Passed'], true);
  assert.equal(c['npb34Passed'], true);
  const libm = await native('npb_ep', ['--class', 'S', '--log', 'libm']);
  assert.equal(libm['gc'], ts.gc);
  for (const f of ['sx', 'sy', 'sxAbs', 'syAbs'] as const) {
    const v = libm[f] as number;
    assert.ok(Math.abs((v - ts[f]) / ts[f]) < 1e-12, `${f}: ${v} vs ${ts[f]}`);
  }
});

void test('native - fem-poisson equals C (fdlibm sin) bit for bit; glibc sin agrees to 1e-9', async () => {
  const { femPoissonSequential } = await loadDist<typeof import('../../dist/workloads/fem-poisson/sequential.js')>('workloads/fem-poisson/sequential.js');
  const ts = femPoissonSequential({ n: 48 });
  sameFields(ts, await native('fem_poisson', ['--n', '48']), ['unknowns', 'nonzeros', 'iterations', 'converged', 'relResidual', 'l2Error', 'maxError']);
  const libm = await native('fem_poisson', ['--n', '48', '--sin', 'libm']);
  assert.equal(libm['iterations'], ts.iterations);
  for (const f of ['l2Error', 'maxError'] as const) {
    const v = libm[f] as number;
    assert.ok(Math.abs((v - ts[f]) / ts[f]) < 1e-9, `${f}: ${v} vs ${ts[f]}`);
  }
});
