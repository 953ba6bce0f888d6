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

  it('the npm start demo runs mandelbrot and nbody-direct sequentially and in parallel, with identical outputs', async () => {
    // Piped, as in CI: no terminal, so no progress bars and no escape sequences.
    const { stdout, stderr } = await run(process.execPath, ['examples/demo.mjs'], { cwd: root, timeout: 180_000 });
    assert.ok(!(stdout + stderr).includes('\u001b'), 'no terminal control sequences when piped');
    assert.match(stdout, /^\d+ worker threads \(one per core\), Node v[\d.]+, load average \d+\.\d\d \d+\.\d\d \d+\.\d\d$/m);
    // Both workloads, each sequential then parallel, with the spec's outputs (bit-exact: the
    // same in any correct implementation) on both lines.
    const expected = {
      'mandelbrot 3200x2400': 'iterSum=1418814986 hash=016b8275648fb91d',
      'nbody-direct N=8192, 15 steps': 'e0=-0.46520248986546925 e1=-0.46520248989620094 posSum=63.10762577614506 hash=e3a878cd2aed64ab',
    };
    for (const [title, outputs] of Object.entries(expected)) {
      const at = stdout.indexOf(`\n${title}\n`);
      assert.ok(at >= 0, `section ${title}`);
      const section = stdout.slice(at).split('\n\n')[0]!;
      assert.match(section, new RegExp(`^  sequential \\(main thread\\) +\\d+\\.\\d{3} s  ${outputs}$`, 'm'));
      assert.match(section, new RegExp(`^  parallel \\(\\d+ threads?\\) +\\d+\\.\\d{3} s  ${outputs}$`, 'm'));
      assert.match(section, /^ {2}outputs identical; speedup \d+\.\d\dx \(efficiency \d+%\)$/m);
    }
    assert.match(stdout, /^ {2}check: energy conservation .*: PASSED$/m);
    assert.match(stdout, /^tiny tasks: 200,000 × \(x => x \+ 1\) at [\d,]+ tasks\/s$/m);
    assert.match(stdout, /^ {2}mandelbrot +3200x2400 +\d+\.\d{3} s +\d+\.\d{3} s +\d+\.\d\dx$/m);
    assert.match(stdout, /^ {2}nbody-direct +N=8192, 15 steps +\d+\.\d{3} s +\d+\.\d{3} s +\d+\.\d\dx$/m);
    assert.match(stdout, /^Parallel outputs identical to the sequential ones, bit for bit\.$/m);
  });
});
