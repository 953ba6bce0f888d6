// Bundles the package's entry points (`tessera`, `tessera/workloads`, `tessera/internal`
// and the `tessera` CLI) into dist/bundle/, after `tsc`, as ES modules that share their
// common code through chunks (esbuild's code splitting, so each class exists once however
// many entry points a program imports). `import 'tessera'` then reads a few files instead
// of ~110 modules: ~55 -> ~15 ms here, most of it file opening, stat-ing and per-module
// compilation. Code that is imported lazily (`loadConfig`'s zod and smol-toml) stays
// behind a dynamic import in its own chunk.
//
// The modules under dist/ that tsc emitted stay (but for dist/cli/main.js, below): pool workers import task modules from
// there (dist/iter/chain-kernel.js, dist/tasks/*-host.js, dist/workloads/*/tasks.js),
// and the declaration files (`types`) describe the same API.
//
// Every bundled file lives directly in dist/bundle/, so `import.meta.url` means the same
// directory in all of them; `new URL('<relative path>', import.meta.url)` in a source
// module is rewritten to the same target seen from dist/bundle/. Any other use of
// `import.meta.url` fails the build (it would silently point elsewhere).
import { build } from 'esbuild';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions } from './esbuild-options.mjs';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outdir = join(dist, 'bundle');
const ENTRIES = {
  tessera: 'index.js',
  workloads: 'workloads/index.js',
  internal: 'internal.js',
  cli: 'cli/main.js',
};

// Code spells these with single quotes (eslint); messages that show the idiom to users use
// double quotes inside their strings and must stay as written.
const URL_CALL = /new URL\('(\.{1,2}\/[^']*)', import\.meta\.url\)/g;

/** Rewrites module-relative URLs of a dist/ module so that they hold from dist/bundle/. */
const relocateUrls = {
  name: 'relocate-import-meta-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(URL_CALL, (_m, rel) => {
        const target = join(dirname(args.path), rel);
        let fromBundle = relative(outdir, target).split(sep).join('/');
        if (rel.endsWith('/')) fromBundle += '/';
        return `new URL(${JSON.stringify(fromBundle)}, import.meta.url)`;
      });
      const stray = contents.split('\n').find((line) => line.includes('import.meta.url') && !/^\s*(\*|\/\/)/.test(line) && !line.includes('new URL("'));
      if (stray !== undefined) throw new Error(`bundle-entries: ${args.path} uses import.meta.url in a way this script cannot relocate: ${stray.trim()}`);
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(dist, file)])),
  outdir,
  ...bundleOptions,
  splitting: true,
  format: 'esm',
  packages: 'external', // dependencies (and the self-reference `tessera`) load from node_modules
  chunkNames: 'chunk-[hash]',
  plugins: [relocateUrls],
});
const inputs = Object.keys(result.metafile.inputs).length;
if (inputs < 50) throw new Error(`bundle-entries: expected the package's module graph, got ${inputs} input(s)`);

// dist/cli/main.js (tsc's) mixes the package's modules as tsc emitted them with those it
// reaches through the self-reference `tessera` (the bundle): two copies, and `instanceof`
// between them fails. It becomes a forwarder to the bundled CLI, so that
// `node dist/cli/main.js …` keeps working and runs one copy.
const cliMain = join(dist, 'cli', 'main.js');
await writeFile(cliMain, "#!/usr/bin/env node\n// Forwards to the bundled CLI (scripts/bundle-entries.mjs).\nimport '../bundle/cli.js';\n");
await chmod(cliMain, 0o755);
await rm(`${cliMain}.map`, { force: true });
