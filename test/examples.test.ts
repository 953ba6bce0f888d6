import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('examples - run as a user runs them', () => {
  it('quick-start prints the expected results', async () => {
    const { stdout } = await run(process.execPath, ['examples/quick-start.mjs'], { cwd: root, timeout: 120_000 });
    assert.match(stdout, /^inline: 42$/m);
    assert.match(stdout, /^fib\(32\): 2178309$/m);
    assert.match(stdout, /^squares: 0 1 4 9 16 25 36 49$/m);
    assert.match(stdout, /^cancelled: true$/m);
  });

  it('the npm start demo checks its parallel result against the sequential one', async () => {
    const { stdout } = await run(process.execPath, ['examples/demo.mjs'], { cwd: root, timeout: 180_000 });
    assert.match(stdout, /tiny tasks \(x => x \+ 1\): [\d,]+ tasks\/s/);
    assert.match(stdout, /348,513 primes \(parallel result identical\)/);
    assert.match(stdout, /speedup \d+\.\d+x/);
  });
});
