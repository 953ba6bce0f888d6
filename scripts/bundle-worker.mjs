// Bundles the pool's worker entry (dist/core/worker-entry.js and the ~20 modules it
// imports) into one CommonJS file, dist/core/worker-entry.cjs, after `tsc`: a worker then
// loads one script instead of resolving, reading and linking a module graph, and a
// CommonJS entry skips the ES module loader's start-up (~5 ms per pool here). Task
// modules are still imported with `import()`. State that the bundled runtime shares with
// the package's modules a task imports (the platform, the current task, the thread id,
// the join runtime) lives on globalThis under Symbol.for keys; see src/core/README.md.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleOptions } from './esbuild-options.mjs';

const dist = (f) => fileURLToPath(new URL(`../dist/core/${f}`, import.meta.url));
const result = await build({
  entryPoints: [dist('worker-entry.js')],
  outfile: dist('worker-entry.cjs'),
  ...bundleOptions,
  format: 'cjs',
});
const inputs = Object.keys(result.metafile.inputs).length;
if (inputs < 2) throw new Error(`bundle-worker: expected the worker entry's module graph, got ${inputs} input(s)`);
// The ES module entry tsc emitted is not used: the bundle replaces it.
await rm(dist('worker-entry.js'));
await rm(dist('worker-entry.js.map'), { force: true });
