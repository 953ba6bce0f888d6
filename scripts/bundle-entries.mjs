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
// `import.meta` fails the build (it would silently point elsewhere): see checkImportMeta.
import { build } from 'esbuild';
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
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

/** The comment that marks dist/cli/main.js once it forwards to the bundled CLI. */
const FORWARDER_MARK = 'Forwards to the bundled CLI (scripts/bundle-entries.mjs).';

// Code spells these with single quotes (eslint); messages that show the idiom to users use
// double quotes inside their strings and must stay as written.
const URL_CALL = /new URL\('(\.{1,2}\/[^']*)', import\.meta\.url\)/g;

/**
 * Throws unless every `import.meta` left in `code` (a dist/ module after the rewrite) is one
 * that means the same from dist/bundle/: a rewritten `new URL("../…", import.meta.url)`,
 * `import.meta.resolve` of a package name, or text in a comment or a single-quoted string
 * (messages that show the idiom). Anything else (`import.meta.dirname`, a URL built another
 * way) would silently point elsewhere.
 */
function checkImportMeta(path, code) {
  for (const line of code.split('\n')) {
    if (/^\s*(\*|\/\/|\/\*)/.test(line)) continue;
    for (const m of line.matchAll(/import\.meta/g)) {
      const at = m.index;
      const rest = line.slice(at);
      if (/^import\.meta\.url\)/.test(rest) && /new URL\("\.\.\/[^"]*", $/.test(line.slice(0, at))) continue;
      if (/^import\.meta\.resolve\('[^.'/][^']*'\)/.test(rest)) continue;
      if ((line.slice(0, at).match(/'/g) ?? []).length % 2 === 1) continue; // inside a '…' string
      throw new Error(`bundle-entries: ${path} uses import.meta in a way this script cannot relocate: ${line.trim()}`);
    }
  }
}

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
      checkImportMeta(args.path, contents);
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// tsc must have run just before: this script replaces dist/cli/main.js (below).
const cliMain = join(dist, 'cli', 'main.js');
if ((await readFile(cliMain, 'utf8')).includes(FORWARDER_MARK)) {
  throw new Error('bundle-entries: dist/ is not fresh from tsc (dist/cli/main.js is already the forwarder): run `npm run build`');
}
// Built next to dist/bundle/ (the same depth, so the relocated URLs hold) and swapped in
// only when complete: a failed build leaves the previous bundle in place.
const staging = join(dist, 'bundle.staging');
await rm(staging, { recursive: true, force: true });
const result = await build({
  entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(dist, file)])),
  outdir: staging,
  ...bundleOptions,
  splitting: true,
  format: 'esm',
  packages: 'external', // dependencies (and the self-reference `tessera`) load from node_modules
  chunkNames: 'chunk-[hash]',
  plugins: [relocateUrls],
});
const inputs = Object.keys(result.metafile.inputs).length;
if (inputs < 50) throw new Error(`bundle-entries: expected the package's module graph, got ${inputs} input(s)`);
await rm(outdir, { recursive: true, force: true });
await rename(staging, outdir);

// dist/cli/main.js (tsc's) mixes the package's modules as tsc emitted them with those it
// reaches through the self-reference `tessera` (the bundle): two copies, and `instanceof`
// between them fails. It becomes a forwarder to the bundled CLI, so that
// `node dist/cli/main.js …` keeps working and runs one copy.
await writeFile(cliMain, `#!/usr/bin/env node\n// ${FORWARDER_MARK}\nimport '../bundle/cli.js';\n`);
await chmod(cliMain, 0o755);
await rm(`${cliMain}.map`, { force: true });
