// The built entry points (scripts/bundle-entries.mjs): `import 'tessera'` reads a handful
// of bundled files, not the ~110 modules tsc emits, and neither it nor the CLI loads a
// dependency that only loadConfig needs; every entry shares one copy of the package's modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { bundleImports } from '../support/bundle.js';

/** Every file and bare specifier reached by static imports from `entry`. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (files.has(f)) continue;
    files.add(f);
    for (const { from: spec } of bundleImports(f)) {
      if (spec.startsWith('./')) todo.push(spec.slice(2));
      else packages.add(spec);
    }
  }
  return { files, packages };
}

test('package - import "tessera" and the CLI read a few bundled files and no config-only dependency', () => {
  const { files, packages } = staticGraph('tessera.js');
  assert.ok(files.size >= 2 && files.size <= 8, `tessera.js statically reaches ${files.size} files: ${[...files].join(', ')}`);
  for (const p of packages) assert.match(p, /^node:/, `tessera.js statically imports the package ${p}`);
  // The CLI too loads zod and smol-toml only when a command reads the configuration
  // (not for --help, --version or a usage error); the walk does see its packages.
  const cli = staticGraph('cli.js');
  assert.ok(cli.packages.has('commander'), "the CLI's graph has commander");
  for (const p of ['zod', 'smol-toml']) assert.ok(!cli.packages.has(p), `the CLI statically imports ${p}`);
});

test('package - the entry points share their chunks: one copy of each class whatever the entry', () => {
  // Separate entry files (tessera.js, internal.js, workloads.js) reaching the same class:
  // with a build that does not split them into shared chunks, each would hold its own copy.
  // The configuration error comes from loadConfig's lazily loaded chunk.
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `
    const a = await import('tessera');
    const w = await import('tessera/workloads');
    const i = await import('tessera/internal');
    const c = await a.loadConfig({ file: false, env: { TESSERA_POOL_THREADS: 'x' } }).then(() => undefined, (e) => e);
    console.log(JSON.stringify({ ring: i.MpmcRing === a.MpmcRing, configError: c instanceof a.ConfigError, workloads: typeof w.findWorkload }));
  `], { encoding: 'utf8', cwd: new URL('../../../', import.meta.url) });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim()), { ring: true, configError: true, workloads: 'function' });
});
