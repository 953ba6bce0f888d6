import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { WorkerCrashedError, WorkerStartError } from 'tessera';
import { fixture, withPool } from '../support.js';

type FailsOnImport = typeof import('../fixtures/core/fails-on-import.mjs');

const FLAG = 'TESSERA_TEST_FAIL_IMPORT';

describe('startup - workers that cannot start', () => {
  it('rejects queued tasks with WorkerStartError (with the thread\'s own error) instead of restarting forever, and heals when the cause goes', async () => {
    await withPool({ threads: 1 }, async (pool) => {
      const k = await pool.load<FailsOnImport>(fixture('core/fails-on-import.mjs'));
      assert.equal(await k.double(21), 42);
      process.env[FLAG] = '1'; // replacement workers now fail while importing the module
      try {
        const crashed = await k.exitNow(3).catch((e: unknown) => e);
        assert.ok(crashed instanceof WorkerCrashedError, String(crashed));
        const queued = [k.double(1), pool.run((x: number) => x + 1, 1)];
        const outcomes = await Promise.allSettled(queued);
        for (const o of outcomes) {
          assert.equal(o.status, 'rejected');
          const e = (o).reason as unknown;
          assert.ok(e instanceof WorkerStartError, String(e));
          assert.equal(e.code, 'ERR_WORKER_START');
          assert.ok(e.attempts >= 2);
          assert.ok(e.cause instanceof Error);
          assert.match(e.cause.message, /fails-on-import: refusing to load/);
        }
        // Still failing: the next task gets one more start and the same verdict, without hanging.
        await assert.rejects(k.double(2), WorkerStartError);
      } finally {
        delete process.env[FLAG];
      }
      // The cause is gone: new work starts a worker again and runs.
      assert.equal(await k.double(5), 10);
      assert.equal(await pool.run((x: number) => x * 3, 7), 21);
      assert.ok(pool.stats().crashes >= 3);
    });
  });
});

describe('startup - Node options of the main program', () => {
  it('runs tasks in a program started with node --input-type=module -e (options for the entry are not passed to workers)', async () => {
    const dist = new URL('../../../dist/bundle/tessera.js', import.meta.url).href;
    const code = `import { Pool } from ${JSON.stringify(dist)};
      const pool = new Pool({ threads: 2 });
      const out = await Promise.all([1, 2, 3].map((x) => pool.run((v) => v * 10, x)));
      await pool.close();
      console.log(JSON.stringify(out));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], { timeout: 30_000 });
    assert.deepEqual(JSON.parse(stdout.trim()), [10, 20, 30]);
  });

  it('lets a task create a pool of its own when the program preloads the package with --import', async () => {
    // The preload imports the package in every worker before the pool's runtime starts;
    // the worker must keep that full platform (a pool worker's own one cannot start threads).
    const dist = new URL('../../../dist/bundle/tessera.js', import.meta.url).href;
    const code = `import { Pool } from ${JSON.stringify(dist)};
      const pool = new Pool({ threads: 2 });
      const k = await pool.load(${JSON.stringify(fixture('core/nested-pool.mjs').href)});
      const out = await Promise.all([1, 2].map((x) => k.nested(x)));
      await pool.close();
      console.log(JSON.stringify(out));`;
    const args = ['--import', fixture('core/preload-tessera.mjs').href, '--input-type=module', '-e', code];
    const { stdout } = await promisify(execFile)(process.execPath, args, { timeout: 30_000 });
    assert.deepEqual(JSON.parse(stdout.trim()), [2, 4]);
  });
});
