// tessera.toml: parsing, validation messages (key path and reason), environment
// overrides, precedence and sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';

type ConfigModule = typeof import('../../dist/config/index.js');
const c = (await import(new URL('../../../dist/config/index.js', import.meta.url).href)) as ConfigModule;

function issuesOf(fn: () => unknown): { path: string; message: string; source: string }[] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof c.ConfigError, `expected ConfigError, got ${String(e)}`);
    assert.equal(e.code, 'ERR_CONFIG');
    return [...e.issues];
  }
  assert.fail('expected a ConfigError');
}

void test('config - defaults only: every key has a value or a run-time default, sources are "default"', () => {
  const r = c.resolveConfig([]);
  assert.equal(r.config.pool.name, 'tessera');
  assert.equal(r.config.pool.threads, undefined);
  assert.equal(r.config.pool.idle_timeout_ms, Infinity);
  assert.equal(r.config.par.schedule, 'auto');
  assert.equal(r.config.dashboard.host, '127.0.0.1');
  assert.equal(r.entries.length, c.CONFIG_KEYS.length);
  assert.ok(r.entries.every((e) => e.source === 'default'));
  for (const s of c.CONFIG_SECTIONS) assert.ok(s in r.config, s);
});

void test('config - a valid file: values, inf, sub-tables and the file as their source', () => {
  const file = c.parseConfigToml(
    `[pool]\nthreads = 4\nidle_timeout_ms = inf\nqueue_full = "wait"\n[pool.idle]\nspin_micros = 10\n[par]\nschedule = "dynamic"\nmin_chunk = 8\n[trace]\nenabled = true\n[cluster]\nserver = "nats://127.0.0.1:4222"\n[dashboard]\nport = 0\n`,
    'my.toml',
  );
  const r = c.resolveConfig([file]);
  assert.equal(r.config.pool.threads, 4);
  assert.equal(r.config.pool.idle_timeout_ms, Infinity);
  assert.equal(r.config.pool.queue_full, 'wait');
  assert.equal(r.config.pool.idle.spin_micros, 10);
  assert.equal(r.config.pool.idle.yield_micros, 0);
  assert.equal(r.config.par.schedule, 'dynamic');
  assert.equal(r.config.trace.enabled, true);
  assert.equal(r.config.cluster.server, 'nats://127.0.0.1:4222');
  assert.equal(r.config.dashboard.port, 0);
  const src = Object.fromEntries(r.entries.map((e) => [e.path, e.source]));
  assert.equal(src['pool.threads'], 'my.toml');
  assert.equal(src['pool.idle.spin_micros'], 'my.toml');
  assert.equal(src['pool.idle.yield_micros'], 'default');
  const po = c.poolOptionsFromConfig(r.config);
  assert.deepEqual(po.idle, { spinMicros: 10, yieldMicros: 0 });
  assert.equal(po.threads, 4);
  assert.equal(po.queueFull, 'wait');
});

void test('config - every rejected value is reported with its key path, the reason and the source', () => {
  const file = c.parseConfigToml(
    `[pool]\nthreads = 0\nretries = 1.5\nbogus = 1\nqueue_full = "drop"\n[pool.idle]\nspin_micros = -1\n[par]\nschedule = "fastest"\n[trace]\nenabled = "yes"\n[cluster]\nserver = "http://x"\n[dashboard]\nport = 70000\n[nope]\nx = 1\n`,
    'bad.toml',
  );
  const issues = issuesOf(() => c.resolveConfig([file]));
  const by = Object.fromEntries(issues.map((i) => [i.path, i]));
  assert.match(by['pool.threads']!.message, /^expected an integer in \[1, 1024\], got `0` \(number\)$/);
  assert.match(by['pool.retries']!.message, /expected an integer in \[0, 100\], got `1.5`/);
  assert.match(by['pool.bogus']!.message, /^unknown key \(expected one of: threads, name, .*idle\)$/);
  assert.match(by['pool.queue_full']!.message, /expected one of "reject", "wait", got `"drop"` \(string\)/);
  assert.match(by['pool.idle.spin_micros']!.message, /expected a number >= 0, got `-1`/);
  assert.match(by['par.schedule']!.message, /^expected one of "auto", "static", "dynamic", "guided", "adaptive", got `"fastest"` \(string\)$/);
  assert.match(by['trace.enabled']!.message, /expected true or false, got `"yes"` \(string\)/);
  assert.match(by['cluster.server']!.message, /expected a NATS URL such as "nats:\/\/127.0.0.1:4222"/);
  assert.match(by['dashboard.port']!.message, /expected an integer in \[0, 65535\], got `70000`/);
  assert.match(by.nope!.message, /^unknown section \(expected one of: pool, par, trace, cluster, dashboard\)$/);
  assert.equal(issues.length, 10);
  assert.ok(issues.every((i) => i.source === 'bad.toml'));
  const err = (() => {
    try {
      c.resolveConfig([file]);
    } catch (e) {
      return e as Error;
    }
    return undefined;
  })()!;
  assert.match(err.message, /Invalid configuration \(10 problems\)/);
  assert.match(err.message, /pool\.threads: expected an integer in \[1, 1024\], got `0` \(number\) \(from bad\.toml\)/);
});

void test('config - a section that is not a table, and cross-key checks', () => {
  const issues = issuesOf(() => c.resolveConfig([c.parseConfigToml('pool = 3\n', 'a.toml')]));
  assert.equal(issues[0]!.path, 'pool');
  assert.match(issues[0]!.message, /expected a table of keys \(threads, .*\), got `3` \(number\)/);
  const cross = issuesOf(() => c.resolveConfig([c.parseConfigToml('[par]\nmin_chunk = 10\nmax_chunk = 5\n[cluster]\nuser = "u"\n', 'b.toml')]));
  assert.deepEqual(cross.map((i) => i.path).sort(), ['cluster.password', 'par.max_chunk']);
  assert.match(cross.find((i) => i.path === 'par.max_chunk')!.message, /expected an integer >= par.min_chunk \(10\), got `5`/);
});

void test('config - TOML syntax errors name the line and column', () => {
  const issues = issuesOf(() => c.parseConfigToml('[pool]\nthreads = = 2\n', 'x.toml'));
  assert.equal(issues.length, 1);
  assert.match(issues[0]!.message, /^invalid TOML at line 2, column \d+: /);
  assert.equal(issues[0]!.source, 'x.toml');
});

void test('config - environment variables: names, conversion, unknown keys', () => {
  assert.equal(c.envName('pool.idle.spin_micros'), 'TESSERA_POOL_IDLE_SPIN_MICROS');
  const env = c.envLayers({ TESSERA_POOL_THREADS: '3', TESSERA_POOL_IDLE_TIMEOUT_MS: 'infinity', TESSERA_TRACE_ENABLED: 'yes', TESSERA_PAR_SCHEDULE: 'static', TESSERA_CONFIG: 'x.toml', TESSERA_DEBUG: '1', PATH: '/bin' });
  assert.deepEqual(env.issues, []);
  const r = c.resolveConfig(env.layers);
  assert.equal(r.config.pool.threads, 3);
  assert.equal(r.config.pool.idle_timeout_ms, Infinity);
  assert.equal(r.config.trace.enabled, true);
  assert.equal(r.config.par.schedule, 'static');
  assert.equal(r.entries.find((e) => e.path === 'pool.threads')!.source, 'env TESSERA_POOL_THREADS');
  const bad = c.envLayers({ TESSERA_POOL_THREADS: 'four', TESSERA_POOL_THREADZ: '2', TESSERA_TRACE_ENABLED: 'maybe' });
  assert.equal(bad.issues.length, 1);
  assert.match(bad.issues[0]!.message, /unknown variable TESSERA_POOL_THREADZ \(expected one of: TESSERA_POOL_THREADS, /);
  const issues = issuesOf(() => c.resolveConfig(bad.layers, bad.issues));
  assert.deepEqual(issues.map((i) => i.source).sort(), ['env TESSERA_POOL_THREADS', 'env TESSERA_POOL_THREADZ', 'env TESSERA_TRACE_ENABLED']);
  assert.match(issues.find((i) => i.path === 'pool.threads')!.message, /got `"four"` \(string\)/);
});

void test('config - precedence: defaults < file < environment < flags', () => {
  const file = c.parseConfigToml('[pool]\nthreads = 2\nretries = 1\nname = "f"\n[par]\nschedule = "static"\n', 'tessera.toml');
  const env = c.envLayers({ TESSERA_POOL_THREADS: '3', TESSERA_POOL_RETRIES: '2' });
  const r = c.resolveConfig([file, ...env.layers, c.flagLayer('pool.threads', 4, '--threads')]);
  assert.equal(r.config.pool.threads, 4);
  assert.equal(r.config.pool.retries, 2);
  assert.equal(r.config.pool.name, 'f');
  assert.equal(r.config.pool.slots, 4096);
  const src = Object.fromEntries(r.entries.map((e) => [e.path, e.source]));
  assert.deepEqual([src['pool.threads'], src['pool.retries'], src['pool.name'], src['pool.slots']], ['--threads', 'env TESSERA_POOL_RETRIES', 'tessera.toml', 'default']);
  const text = c.formatConfig(r);
  assert.match(text, /^key +value +source$/m);
  assert.match(text, /^pool\.threads +4 +--threads$/m);
  assert.match(text, /^pool\.idle_timeout_ms +inf +default$/m);
  assert.match(text, /^pool\.idle\.max_spinners +<cores − 2> +default$/m);
});

void test('config - secrets are masked in the printed configuration', () => {
  const r = c.resolveConfig([c.parseConfigToml('[cluster]\ntoken = "s3cret"\n', 't.toml')]);
  assert.equal(r.config.cluster.token, 's3cret');
  assert.doesNotMatch(c.formatConfig(r), /s3cret/);
});

void test('config - the key table is consistent: defaults pass their own schema, env names are unique', () => {
  const values: Record<string, unknown> = {};
  for (const k of c.CONFIG_KEYS) if (k.default !== undefined) c.setPath(values, k.path, k.default);
  assert.deepEqual(c.validateLayer(values, 'defaults'), []);
  const names = c.CONFIG_KEYS.map((k) => c.envName(k));
  assert.equal(new Set(names).size, names.length);
  for (const k of c.CONFIG_KEYS) assert.ok(k.doc.length > 0 && c.expectedText(k).length > 0, k.path);
});
