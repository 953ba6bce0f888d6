// The `tessera` command: runs, JSON output, usage errors (one line, exit code 2),
// config check, bench. Spawns the built CLI as installed (the bin, dist/bundle/cli.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../dist/bundle/cli.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCRATCH = mkdtempSync(join(tmpdir(), 'tessera-cli-'));

/** Runs the CLI in an empty directory (no tessera.toml) without TESSERA_* variables. */
function tessera(args: string[], env: Record<string, string> = {}, cwd = SCRATCH): { code: number; stdout: string; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TESSERA_')));
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, env: { ...clean, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Asserts a usage error: exit code 2, exactly one line on stderr matching `pattern`, nothing on stdout. */
function assertUsageError(args: string[], pattern: RegExp, env: Record<string, string> = {}): void {
  const r = tessera(args, env);
  assert.equal(r.code, 2, `exit code of tessera ${args.join(' ')}: ${r.stderr}`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line expected:\n${r.stderr}`);
  assert.match(lines[0]!, pattern);
}

void test('cli - --version prints the package version', () => {
  const r = tessera(['--version']);
  assert.equal(r.code, 0);
  assert.match(r.stdout.trim(), /^\d+\.\d+\.\d+/);
});

void test('cli - --help everywhere lists the commands and options', () => {
  const top = tessera(['--help']);
  assert.equal(top.code, 0);
  for (const cmd of ['run', 'bench', 'config']) assert.match(top.stdout, new RegExp(`^  ${cmd}\\b`, 'm'));
  const run = tessera(['run', '--help']);
  assert.equal(run.code, 0);
  for (const w of ['nbody-direct', 'nbody-bench-game', 'mandelbrot', 'montecarlo-pi', 'heat2d', 'matmul', 'sort', 'npb-ep', 'fem-poisson']) assert.match(run.stdout, new RegExp(`^  ${w} `, 'm'));
  const m = tessera(['run', 'mandelbrot', '--help']);
  assert.equal(m.code, 0);
  for (const o of ['--threads <n>', '--schedule <policy>', '--width <n>', '--max-iter <n>', '--compare', '--json']) assert.ok(m.stdout.includes(o), o);
  assert.match(tessera(['bench', '--help']).stdout, /--native/);
  assert.match(tessera(['config', 'check', '--help']).stdout, /TESSERA_POOL_THREADS/);
});

void test('cli - run --json prints one JSON object with outputs, seconds, threads and load average', () => {
  const r = tessera(['run', 'mandelbrot', '--size', 'small', '--width', '120', '--threads', '2', '--compare', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const j = JSON.parse(lines[0]!);
  assert.equal(j.workload, 'mandelbrot');
  assert.deepEqual(j.parameters, { width: 120, height: 150, maxIter: 1000, tileSize: 50 });
  assert.equal(j.threads, 2);
  assert.equal(j.schedule, 'dynamic');
  assert.equal(typeof j.outputs.iterSum, 'number');
  assert.match(j.outputs.hash, /^[0-9a-f]{16}$/);
  assert.equal(typeof j.seconds, 'number');
  assert.equal(j.loadavg.length, 3);
  assert.equal(j.identical, true);
  assert.equal(j.sequential.outputs.hash, j.outputs.hash);
  assert.equal(typeof j.speedup, 'number');
  assert.equal(j.verification.passed, true);
});

void test('cli - run prints outputs, time and checks; schedules and threads from flags', () => {
  const r = tessera(['run', 'heat2d', '--n', '64', '--iterations', '10', '-t', '3', '-s', 'dynamic', '--compare']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^heat2d \(64², 10 it\)/);
  assert.match(r.stdout, /parallel: 3 threads, schedule dynamic/);
  assert.match(r.stdout, /^ {2}sum +\d/m);
  assert.match(r.stdout, /^ {2}centre +0$/m);
  assert.match(r.stdout, /check: centre exactly 0 .*: PASSED/);
  assert.match(r.stdout, /compare: sequential [\d.]+ s, speedup [\d.]+x \(efficiency \d+%\), outputs identical/);
  assert.equal(r.stderr, '', 'no progress bar when stderr is not a terminal');
});

void test('cli - npb-ep says PASSED like the NPB programs; nbody-bench-game prints the published energies', () => {
  const ep = tessera(['run', 'npb-ep', '--class', 'S', '--threads', '2']);
  assert.equal(ep.code, 0, ep.stderr);
  assert.match(ep.stdout, /^ {2}gc +13176389$/m);
  assert.match(ep.stdout, /NPB 3\.3 .*PASSED/);
  assert.match(ep.stdout, /NPB 3\.4 .*PASSED/);
  assert.match(ep.stdout, /^Verification = PASSED$/m);
  const nb = tessera(['run', 'nbody-bench-game', '--sequential']);
  assert.equal(nb.code, 0, nb.stderr);
  assert.match(nb.stdout, /^ {2}e0Text +-0\.169075164$/m);
  assert.match(nb.stdout, /^ {2}e1Text +-0\.169087605$/m);
  assert.match(nb.stdout, /published -0\.169087605 after 1000 steps\): PASSED/);
});

void test('cli - fem-poisson prints its convergence table', () => {
  const r = tessera(['run', 'fem-poisson', '--n', '32', '--table', '16,32,64', '--threads', '2']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\| +n \| CG iterations \| discrete L2 error \| ratio +\| max nodal error \| ratio +\|/);
  assert.match(r.stdout, /^\| +64 \| +\d+ \| +[\d.]+e-\d+ \| +3\.9\d+ \|/m);
  assertUsageError(['run', 'fem-poisson', '--n', '32', '--table', '16,x'], /^tessera run fem-poisson: error: option '--table \[ns\]' argument '16,x' is invalid\. Expected a comma-separated list of integers in \[2, 46340\], e\.g\. 64,128,256,512\./);
});

void test('cli - unknown options, commands and bad values: one line naming the option and the expected form, exit code 2', () => {
  assertUsageError(['run', 'mandelbrot', '--threads', '0'], /^tessera run mandelbrot: error: option '-t, --threads <n>' argument '0' is invalid\. Expected an integer in \[1, 1024\]\./);
  assertUsageError(['run', 'mandelbrot', '--threads', 'two'], /argument 'two' is invalid\. Expected an integer/);
  assertUsageError(['run', 'mandelbrot', '--schedule', 'guided'], /option '-s, --schedule <policy>' argument 'guided' is invalid\. Expected one of static, dynamic\./);
  assertUsageError(['run', 'mandelbrot', '--frobnicate'], /^tessera run mandelbrot: error: unknown option '--frobnicate'/);
  assertUsageError(['run', 'mandelbrott'], /^tessera run: error: unknown workload 'mandelbrott'\. Expected one of nbody-direct, /);
  assertUsageError(['run'], /^tessera run: error: missing workload\. Expected one of /);
  assertUsageError(['frob'], /^tessera: error: unknown command 'frob'/);
  assertUsageError(['run', 'heat2d', '--n', '10'], /^tessera run heat2d: error: option '--n <n>' argument '10' is invalid\. Expected `n` to be an integer in \[52, 46340\]/);
  assertUsageError(['run', 'npb-ep', '--class', 'B'], /option '--class <class>' argument 'B' is invalid\. Expected one of S, W, A\./);
  assertUsageError(['run', 'nbody-direct', '--size', 'large'], /option '--size <name>' argument 'large' is not defined for nbody-direct\. Expected one of default, small\./);
  assertUsageError(['bench', '--threads', '1,x'], /^tessera bench: error: option '-t, --threads <list>' argument '1,x' is invalid\. Expected a comma-separated list of integers/);
  assertUsageError(['bench', '--repeat', '0'], /option '-r, --repeat <k>' argument '0' is invalid/);
  assertUsageError(['bench', 'nope'], /^tessera bench: error: unknown workload 'nope'/);
  assertUsageError(['config', 'frob'], /^tessera config: error: unknown subcommand 'frob'\. Expected: check\./);
  assertUsageError(['run', 'mandelbrot', '--size', 'small'], /^tessera: config error: pool\.threads: expected an integer in \[1, 1024\], got `"lots"` \(string\) \(from env TESSERA_POOL_THREADS\)$/, { TESSERA_POOL_THREADS: 'lots' });
});

void test('cli - config check prints the effective config with sources; precedence file < env < flags', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-cfg-'));
  writeFileSync(join(dir, 'tessera.toml'), '[pool]\nthreads = 3\nretries = 1\n[par]\nschedule = "static"\n');
  const r = tessera(['config', 'check'], { TESSERA_POOL_RETRIES: '2' }, dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^config: tessera\.toml is valid$/m);
  assert.match(r.stdout, /^pool\.threads +3 +tessera\.toml$/m);
  assert.match(r.stdout, /^pool\.retries +2 +env TESSERA_POOL_RETRIES$/m);
  assert.match(r.stdout, /^pool\.slots +4096 +default$/m);
  const j = JSON.parse(tessera(['config', 'check', '--json'], {}, dir).stdout);
  assert.equal(j.config.pool.threads, 3);
  assert.equal(j.sources['par.schedule'], 'tessera.toml');
  // Flags win over the file: threads and schedule of a run.
  const run = JSON.parse(tessera(['run', 'matmul', '--n', '64', '--json', '-t', '2'], {}, dir).stdout);
  assert.equal(run.threads, 2);
  assert.equal(run.schedule, 'static');
  // An invalid file: every issue on its own line with its key path, exit code 2.
  writeFileSync(join(dir, 'bad.toml'), '[pool]\nthreads = 0\nwat = 1\n[par]\nschedule = 3\n');
  const bad = tessera(['config', 'check', 'bad.toml'], {}, dir);
  assert.equal(bad.code, 2);
  const lines = bad.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 3);
  assert.ok(lines.some((l) => /pool\.threads: expected an integer in \[1, 1024\], got `0` \(number\) \(from bad\.toml\)/.test(l)));
  assert.ok(lines.some((l) => /pool\.wat: unknown key/.test(l)));
  assert.ok(lines.some((l) => /par\.schedule: expected one of "auto", "static", "dynamic", "guided", "adaptive", got `3`/.test(l)));
  assertUsageError(['config', 'check', 'missing.toml'], /^tessera: config error: \(document\): file not found \(from missing\.toml\)$/);
});

void test('cli - config check shows [par] schedule, min_chunk and max_chunk from the file and the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-par-'));
  writeFileSync(join(dir, 'tessera.toml'), '[par]\nschedule = "guided"\nmin_chunk = 64\n');
  const r = tessera(['config', 'check'], { TESSERA_PAR_MAX_CHUNK: '4096' }, dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^par\.schedule +"guided" +tessera\.toml$/m);
  assert.match(r.stdout, /^par\.min_chunk +64 +tessera\.toml$/m);
  assert.match(r.stdout, /^par\.max_chunk +4096 +env TESSERA_PAR_MAX_CHUNK$/m);
  const j = JSON.parse(tessera(['config', 'check', '--json'], { TESSERA_PAR_SCHEDULE: 'adaptive' }, dir).stdout);
  assert.deepEqual(j.config.par, { schedule: 'adaptive', min_chunk: 64, max_chunk: 'Infinity' });
  assert.equal(j.sources['par.schedule'], 'env TESSERA_PAR_SCHEDULE');
  assertUsageError(['config', 'check'], /^tessera: config error: par\.schedule: expected one of "auto", "static", "dynamic", "guided", "adaptive", got `"fastest"` \(string\) \(from env TESSERA_PAR_SCHEDULE\)$/, { TESSERA_PAR_SCHEDULE: 'fastest' });
});

void test('cli - run: guided and adaptive from the config run as dynamic and say so; static, auto and flags as named', () => {
  const run = (args: string[], env: Record<string, string>): Record<string, unknown> => {
    const r = tessera(['run', ...args, '--threads', '2', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };
  const heat = ['heat2d', '--n', '64', '--iterations', '10'];
  for (const requested of ['adaptive', 'guided']) {
    const j = run(heat, { TESSERA_PAR_SCHEDULE: requested });
    assert.equal(j.schedule, 'dynamic', requested);
    assert.equal(j.requestedSchedule, requested);
    assert.equal(j.scheduleNote, `par.schedule = "${requested}" from env TESSERA_PAR_SCHEDULE; workloads run guided and adaptive as dynamic`);
    assert.equal((j.verification as { passed: boolean }).passed, true);
  }
  const auto = run(heat, {});
  assert.deepEqual([auto.schedule, auto.requestedSchedule, auto.scheduleNote], ['static', 'auto', null]);
  const fixed = run(['mandelbrot', '--size', 'small'], { TESSERA_PAR_SCHEDULE: 'static' });
  assert.deepEqual([fixed.schedule, fixed.requestedSchedule, fixed.scheduleNote], ['static', 'static', null]);
  const flag = run([...heat, '--schedule', 'static'], { TESSERA_PAR_SCHEDULE: 'adaptive' });
  assert.deepEqual([flag.schedule, flag.requestedSchedule, flag.scheduleNote], ['static', 'static', null], 'the flag wins over the environment');
  const text = tessera(['run', ...heat, '--threads', '2'], { TESSERA_PAR_SCHEDULE: 'adaptive' });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^parallel: 2 threads, schedule dynamic \(par\.schedule = "adaptive" from env TESSERA_PAR_SCHEDULE; workloads run guided and adaptive as dynamic\)$/m);
  // The flag names only what workloads implement.
  assertUsageError(['run', ...heat, '--schedule', 'adaptive'], /option '-s, --schedule <policy>' argument 'adaptive' is invalid\. Expected one of static, dynamic\./);
});

void test('cli - bench: [par] schedule from tessera.toml reaches the workloads, with the note', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-par-bench-'));
  writeFileSync(join(dir, 'tessera.toml'), '[par]\nschedule = "guided"\n');
  const r = tessera(['bench', 'matmul', '--size', 'small', '--threads', '2', '--repeat', '1', '--json'], {}, dir);
  assert.equal(r.code, 0, r.stderr);
  const [m] = JSON.parse(r.stdout).results;
  assert.deepEqual([m.schedule, m.requestedSchedule, m.scheduleNote], ['dynamic', 'guided', 'par.schedule = "guided" from tessera.toml; workloads run guided and adaptive as dynamic']);
  assert.deepEqual(m.differ, []);
  const text = tessera(['bench', 'matmul', '--size', 'small', '--threads', '2', '--repeat', '1', '--schedule', 'static'], {}, dir);
  assert.equal(text.code, 0, text.stderr);
  assert.doesNotMatch(text.stdout, /^schedule: /m, 'no note when the flag names the policy');
  assert.match(text.stdout, /^\| matmul +\| N=256 \| static +\|/m);
});

void test('cli - bench --json: medians per thread count, identical outputs, load average', () => {
  const r = tessera(['bench', 'montecarlo-pi', 'matmul', '--size', 'small', '--threads', '1,2', '--repeat', '2', '--json'], {}, ROOT);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.repeat, 2);
  assert.deepEqual(j.threads, [1, 2]);
  assert.equal(j.loadavgStart.length, 3);
  assert.equal(j.results.length, 2);
  for (const w of j.results) {
    assert.equal(w.sequential.runs.length, 2);
    assert.equal(w.parallel['2'].runs.length, 2);
    assert.deepEqual(w.differ, []);
    assert.equal(w.verified, true);
  }
  const text = tessera(['bench', 'matmul', '--size', 'small', '--threads', '2', '--repeat', '1'], {}, ROOT);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^load average \(1\/5\/15 min\): /m);
  assert.match(text.stdout, /^\| workload \| size +\| schedule \| threads \| TS seq \(s\) \| TS par \(s\) \| speedup \| efficiency \| outputs +\|$/m);
  assert.match(text.stdout, /^\| matmul +\| N=256 \| dynamic +\| +2 \| +[\d.]+ \| +[\d.]+ \| +[\d.]+x \| +\d+% \| identical \|$/m);
});
