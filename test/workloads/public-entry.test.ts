// The public entry `tessera/workloads` (package.json "exports"): what it exports, and
// sequentialWithProgress — the reference's outputs bit for bit, progress in the parallel
// versions' units.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from 'tessera';
import * as entry from 'tessera/workloads';
import { differingOutputs, findWorkload, sequentialWithProgress, WORKLOADS } from 'tessera/workloads';
import { bundleImports } from '../support/bundle.js';
import { SMALL } from './small-sizes.js';

/**
 * The module that bundled file `dist/bundle/<file>` imports binding `name` from. The CLI
 * runs its command on import, so it cannot be imported here to compare objects; the
 * bundles' import statements show whether both reach the one registry module.
 */
function importedFrom(file: string, name: string): string | undefined {
  return bundleImports(file).find((i) => i.names.includes(name))?.from;
}

/** An `onProgress` that records every report. */
function recorder(): { reports: [number, number][]; onProgress: (done: number, total: number) => void } {
  const reports: [number, number][] = [];
  return { reports, onProgress: (done, total) => void reports.push([done, total]) };
}

void describe('workloads - public entry tessera/workloads', () => {
  void test('exports the registry the CLI uses and the typed functions', () => {
    const fromEntry = importedFrom('workloads.js', 'WORKLOADS');
    assert.ok(fromEntry !== undefined && fromEntry.startsWith('./chunk-'), `tessera/workloads imports WORKLOADS from a shared chunk (got ${fromEntry})`);
    assert.equal(importedFrom('cli.js', 'WORKLOADS'), fromEntry, 'the CLI uses the same registry module');
    assert.deepEqual(WORKLOADS.map((w) => w.name), ['nbody-direct', 'nbody-bench-game', 'mandelbrot', 'montecarlo-pi', 'heat2d', 'matmul', 'sort', 'npb-ep', 'fem-poisson']);
    assert.equal(findWorkload('mandelbrot')?.name, 'mandelbrot');
    assert.equal(findWorkload('nope'), undefined);
    for (const name of ['nbodyDirect', 'nbodyBenchGame', 'mandelbrot', 'montecarloPi', 'heat2d', 'matmul', 'sort', 'npbEp', 'femPoisson']) {
      assert.equal(typeof (entry as Record<string, unknown>)[`${name}Sequential`], 'function', `${name}Sequential`);
      assert.equal(typeof (entry as Record<string, unknown>)[`${name}Parallel`], 'function', `${name}Parallel`);
    }
    assert.deepEqual(entry.SCHEDULES, ['static', 'dynamic']);
  });

  for (const w of WORKLOADS) {
    void test(`${w.name} - sequentialWithProgress gives the reference's outputs and ends at done = total`, () => {
      const params = w.resolve(SMALL[w.name]!);
      const { reports, onProgress } = recorder();
      const out = sequentialWithProgress(w, params, onProgress);
      assert.deepEqual(differingOutputs(w, w.sequential(params), out), []);
      assert.ok(reports.length > 0);
      const total = reports[0]![1];
      for (const [i, [done, t]] of reports.entries()) {
        assert.equal(t, total, 'constant total');
        if (i > 0) assert.ok(done >= reports[i - 1]![0], 'done never goes back');
      }
      assert.deepEqual(reports.at(-1), [total, total]);
    });
  }

  void describe('progress in the parallel versions units', () => {
    let pool: Pool;
    before(() => {
      pool = new Pool({ threads: 2 });
    });
    after(() => pool.close());

    for (const [name, total] of [
      ['mandelbrot', 9 * 6], // ⌈130/16⌉ × ⌈95/16⌉ tiles
      ['nbody-direct', 3 + 1], // force evaluations
    ] as const) {
      void test(`${name} - every unit reported, the same total as the parallel version`, async () => {
        const w = findWorkload(name)!;
        const params = w.resolve(SMALL[name]!);
        const seq = recorder();
        sequentialWithProgress(w, params, seq.onProgress);
        assert.deepEqual(seq.reports.map(([d]) => d), Array.from({ length: total + 1 }, (_, i) => i));
        const par = recorder();
        const out = await w.parallel(pool, params, { onProgress: par.onProgress });
        assert.deepEqual(differingOutputs(w, w.sequential(params), out), []);
        assert.deepEqual(par.reports.at(-1), [total, total]);
      });
    }
  });
});
