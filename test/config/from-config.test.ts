// Pools built from configuration through the public API: loadConfig (file, TESSERA_*
// variables, overrides) and createPool ([pool] options, [par] iterator defaults), with
// each scheduling policy observed in what the iterators do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, InvalidArgumentError, createPool, kernels, loadConfig, shared, type LoadedConfig, type Pool, type Schedule } from 'tessera';
import { fixture } from '../support.js';
import { bits, floats, treeSum } from '../iter/helpers.js';

type Probe = typeof import('../fixtures/config/schedule-probe.mjs');
const k = kernels<Probe>(fixture('config/schedule-probe.mjs'));

/** A directory holding `files` (name → text). */
function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-from-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Builds a pool from `loaded`, runs `body`, always terminates the pool. */
async function withConfigPool<T>(loaded: LoadedConfig, body: (pool: Pool) => Promise<T> | T): Promise<T> {
  const pool = createPool(loaded);
  try {
    return await body(pool);
  } finally {
    await pool.terminate();
  }
}

function sourceOf(loaded: LoadedConfig, path: string): string | undefined {
  return loaded.entries.find((e) => e.path === path)?.source;
}

const FILE = '[pool]\nthreads = 3\nname = "from-file"\nretries = 1\n[par]\nschedule = "static"\nmin_chunk = 4\n';

void test('config - loadConfig into a real pool: defaults < file < environment < overrides', async () => {
  const dir = dirWith({ 'tessera.toml': FILE, 'other.toml': '[pool]\nname = "other"\nthreads = 1\n' });

  const file = await loadConfig({ cwd: dir, env: {} });
  assert.equal(file.file, 'tessera.toml');
  await withConfigPool(file, (pool) => {
    assert.equal(pool.threads, 3);
    assert.equal(pool.options.name, 'from-file');
    assert.equal(pool.options.retries, 1);
    assert.equal(pool.options.slots, 4096, 'a key the file leaves out keeps its default');
    assert.deepEqual(pool.iterDefaults(), { schedule: 'static', minChunk: 4, maxChunk: Infinity });
  });

  const env = await loadConfig({ cwd: dir, env: { TESSERA_POOL_THREADS: '2', TESSERA_PAR_SCHEDULE: 'guided', TESSERA_PAR_MAX_CHUNK: '64' } });
  assert.equal(sourceOf(env, 'par.schedule'), 'env TESSERA_PAR_SCHEDULE');
  assert.equal(sourceOf(env, 'par.min_chunk'), 'tessera.toml');
  await withConfigPool(env, (pool) => {
    assert.equal(pool.threads, 2);
    assert.equal(pool.options.name, 'from-file');
    assert.deepEqual(pool.iterDefaults(), { schedule: 'guided', minChunk: 4, maxChunk: 64 });
  });

  const over = await loadConfig({ cwd: dir, env: { TESSERA_POOL_THREADS: '2', TESSERA_PAR_SCHEDULE: 'guided' }, overrides: { pool: { threads: 1 }, par: { schedule: 'adaptive', max_chunk: 32 } } });
  assert.equal(sourceOf(over, 'pool.threads'), 'overrides');
  assert.equal(sourceOf(over, 'par.schedule'), 'overrides');
  await withConfigPool(over, (pool) => {
    assert.equal(pool.threads, 1);
    assert.deepEqual(pool.iterDefaults(), { schedule: 'adaptive', minChunk: 4, maxChunk: 32 });
  });

  // Layers as overrides keep their own sources (the CLI's flags); later layers win.
  const layers = await loadConfig({ cwd: dir, env: {}, overrides: [{ source: '--threads', values: { pool: { threads: 2 } } }, { source: 'last', values: { pool: { threads: 1 } } }] });
  assert.equal(layers.config.pool.threads, 1);
  assert.equal(sourceOf(layers, 'pool.threads'), 'last');

  // $TESSERA_CONFIG names the file; `file` names it over that; `file: false` reads none.
  const named = await loadConfig({ cwd: dir, env: { TESSERA_CONFIG: 'other.toml' } });
  assert.equal(named.file, 'other.toml');
  assert.equal(named.config.pool.name, 'other');
  assert.equal((await loadConfig({ cwd: dir, env: { TESSERA_CONFIG: 'other.toml' }, file: 'tessera.toml' })).config.pool.name, 'from-file');
  const none = await loadConfig({ cwd: dir, env: {}, file: false });
  assert.equal(none.file, undefined);
  assert.ok(none.entries.every((e) => e.source === 'default'));
  await withConfigPool(none, (pool) => assert.deepEqual(pool.iterDefaults(), { schedule: 'adaptive', minChunk: 1, maxChunk: Infinity }));
  assert.equal((await loadConfig({ cwd: dirWith({}), env: {} })).file, undefined, 'no tessera.toml in the directory: defaults');

  // Without `env`, process.env is read.
  process.env.TESSERA_PAR_MIN_CHUNK = '8';
  try {
    const fromProcess = await loadConfig({ cwd: dirWith({}) });
    assert.equal(fromProcess.config.par.min_chunk, 8);
    assert.equal(sourceOf(fromProcess, 'par.min_chunk'), 'env TESSERA_PAR_MIN_CHUNK');
  } finally {
    delete process.env.TESSERA_PAR_MIN_CHUNK;
  }
});

void test('config - createPool: the plain config works too; options win over [pool], idle merged field by field', async () => {
  const loaded = await loadConfig({ file: false, env: { TESSERA_POOL_THREADS: '2', TESSERA_POOL_IDLE_YIELD_MICROS: '7', TESSERA_PAR_SCHEDULE: 'dynamic' } });
  const pool = createPool(loaded.config, { threads: 1, idle: { spinMicros: 3 } });
  try {
    assert.equal(pool.threads, 1);
    assert.equal(pool.options.idle.spinMicros, 3);
    assert.equal(pool.options.idle.yieldMicros, 7);
    assert.equal(pool.iterDefaults().schedule, 'dynamic');
    assert.equal(await pool.range(0, 1000).sum(), 499500);
    // Per-call and per-pool options still override the configured defaults.
    pool.configureIter({ schedule: 'static' });
    assert.deepEqual(pool.iterDefaults(), { schedule: 'static', minChunk: 1, maxChunk: Infinity });
  } finally {
    await pool.terminate();
  }
});

/**
 * Runs `pool.range(0, 64)` (leaves of 2 items, so 32 leaves on 2 runners) through the
 * probe kernel and checks the fingerprint of `policy`: which leaves the runner of leaf 0
 * ran while leaf 0 was held, and in what order the other runner ran the rest.
 */
async function assertFingerprint(pool: Pool, policy: Schedule, call: { schedule?: Schedule } = {}): Promise<void> {
  const n = 64;
  const leafSize = 2;
  const leaves = n / leafSize;
  // Items outside leaf 0 that the other runner can finish while leaf 0 is held.
  const others = { static: n / 2, guided: n - 8 * leafSize, dynamic: n - leafSize, adaptive: n - leafSize }[policy];
  const owner = shared.int32(n);
  const order = shared.int32(n);
  const ctl = shared.int32(4);
  const sum = await pool.range(0, n).map(k.probe, { context: { owner, order, ctl, others, leafSize, timeoutMs: 10_000 } }).sum(call);
  assert.equal(sum, (n * (n - 1)) / 2);
  const leafOwner = (l: number): number => owner[l * leafSize]!;
  const leafOrder = (l: number): number => order[l * leafSize]!;
  for (let l = 0; l < leaves; l++) assert.equal(owner[l * leafSize + 1], leafOwner(l), `the items of leaf ${l} run on one thread`);
  const withLeaf0 = Array.from({ length: leaves }, (_, l) => l).filter((l) => leafOwner(l) === leafOwner(0));
  const expected = { static: leaves / 2, guided: 8, dynamic: 1, adaptive: 1 }[policy];
  assert.deepEqual(withLeaf0, Array.from({ length: expected }, (_, l) => l), `${policy}: the leaves run by leaf 0's runner`);
  const rest = Array.from({ length: leaves - 1 }, (_, l) => l + 1).map(leafOrder);
  const ascending = rest.every((v, i) => i === 0 || v > rest[i - 1]!);
  if (policy === 'dynamic') assert.ok(ascending, 'dynamic: the other runner claims leaves 1..31 in index order');
  if (policy === 'adaptive') assert.ok(leafOrder(leaves / 2) < leafOrder(1), 'adaptive: the other runner starts at its own block (leaf 16) and steals leaf 1 last');
}

void test('config - [par] schedule drives the iterators: each policy leaves its fingerprint, results bit-identical', async () => {
  const xs = floats(4096, 11);
  const reference = treeSum(xs, 2, 2);
  assert.notEqual(bits(reference), bits(treeSum(xs)), 'precondition: min_chunk = 2 changes the leaves and the bits');
  for (const requested of ['static', 'guided', 'dynamic', 'adaptive', 'auto'] as const) {
    const loaded = await loadConfig({ file: false, env: { TESSERA_PAR_SCHEDULE: requested }, overrides: { pool: { threads: 2 }, par: { min_chunk: 2, max_chunk: 2 } } });
    const policy = requested === 'auto' ? 'adaptive' : requested;
    await withConfigPool(loaded, async (pool) => {
      assert.deepEqual(pool.iterDefaults(), { schedule: policy, minChunk: 2, maxChunk: 2 }, requested);
      await assertFingerprint(pool, policy);
      assert.equal(bits(await pool.iter(xs).sum()), bits(reference), `${requested}: the configured leaves, the same bits`);
    });
  }
  // A call's own schedule beats the configured one.
  const guided = await loadConfig({ file: false, env: {}, overrides: { pool: { threads: 2 }, par: { schedule: 'guided', min_chunk: 2, max_chunk: 2 } } });
  await withConfigPool(guided, (pool) => assertFingerprint(pool, 'static', { schedule: 'static' }));
});

void test('config - invalid values are rejected with the key path, the expected form and the source', async () => {
  const issues = async (p: Promise<unknown>): Promise<{ path: string; message: string; source: string }[]> => {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof ConfigError, String(e));
      assert.equal(e.code, 'ERR_CONFIG');
      return [...e.issues];
    }
    assert.fail('expected a ConfigError');
  };
  const [env] = await issues(loadConfig({ file: false, env: { TESSERA_PAR_SCHEDULE: 'fastest' } }));
  assert.deepEqual(env, { path: 'par.schedule', message: 'expected one of "auto", "static", "dynamic", "guided", "adaptive", got `"fastest"` (string)', source: 'env TESSERA_PAR_SCHEDULE' });
  // @ts-expect-error -- overrides are typed: a policy that does not exist does not compile, and is rejected at run time.
  const [typed] = await issues(loadConfig({ file: false, env: {}, overrides: { par: { schedule: 'fastest' } } }));
  assert.deepEqual([typed!.path, typed!.source], ['par.schedule', 'overrides']);
  const [over] = await issues(loadConfig({ file: false, env: {}, overrides: { par: { min_chunk: 0 } } }));
  assert.deepEqual(over, { path: 'par.min_chunk', message: 'expected an integer >= 1, got `0` (number)', source: 'overrides' });
  const dir = dirWith({ 'tessera.toml': '[par]\nschedule = "Guided"\nmin_chunk = 64\nmax_chunk = 8\n' });
  const file = await issues(loadConfig({ cwd: dir, env: {} }));
  assert.deepEqual(file.map((i) => [i.path, i.source]), [['par.schedule', 'tessera.toml']]);
  const cross = await issues(loadConfig({ cwd: dir, env: { TESSERA_PAR_SCHEDULE: 'guided' }, file: false, overrides: { par: { min_chunk: 64, max_chunk: 8 } } }));
  assert.deepEqual(cross, [{ path: 'par.max_chunk', message: 'expected an integer >= par.min_chunk (64), got `8` (number)', source: 'overrides' }]);
  const [missing] = await issues(loadConfig({ cwd: dir, file: 'nope.toml' }));
  assert.deepEqual(missing, { path: '', message: 'file not found', source: 'nope.toml' });
  const [syntax] = await issues(loadConfig({ cwd: dirWith({ 'tessera.toml': '[par\n' }), env: {} }));
  assert.match(syntax!.message, /^invalid TOML at line 1, column \d+: /);
  // Bad options and a non-configuration are argument errors naming the field.
  await assert.rejects(loadConfig({ file: 3 as unknown as string }), (e: unknown) => e instanceof InvalidArgumentError && e.field === 'options.file' && /a file path or false/.test(e.message));
  await assert.rejects(loadConfig({ flie: 'x' } as never), (e: unknown) => e instanceof InvalidArgumentError && e.field === 'options.flie');
  await assert.rejects(loadConfig({ overrides: [{ values: {} }] as never }), (e: unknown) => e instanceof InvalidArgumentError && e.field === 'options.overrides[0].source');
  assert.throws(() => createPool({} as never), (e: unknown) => e instanceof InvalidArgumentError && e.field === 'config');
});
