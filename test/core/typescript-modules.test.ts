import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('task modules - TypeScript under a loader', () => {
  for (const [label, args] of [
    ['node --import tsx', ['--import', 'tsx', 'test/fixtures/ts/main.ts']],
    ['the tsx CLI', [fileURLToPath(new URL('node_modules/tsx/dist/cli.mjs', `file://${root}`)), 'test/fixtures/ts/main.ts']],
  ] as const) {
    it(`loads a .ts task module in the workers when the program runs under ${label}`, async () => {
      const { stdout } = await run(process.execPath, [...args], { cwd: root, timeout: 60_000 });
      const last = stdout.trim().split('\n').pop() ?? '';
      assert.deepEqual(JSON.parse(last), { norm: 5, sum: 500500 });
    });
  }
});
