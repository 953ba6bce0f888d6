// Bundles the pool's worker entry (dist/core/worker-entry.js and the ~20 modules it
// imports) into that one file, in place, after `tsc`: a worker then loads one module
// instead of resolving, reading and linking a graph, which is most of a pool's start-up
// cost beyond Node's own thread bootstrap. State that the bundled runtime shares with
// the package's modules a task imports (the platform, the current task, the thread id,
// the join runtime) lives on globalThis under Symbol.for keys; see src/core/README.md.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/core/worker-entry.js', import.meta.url));
const result = await build({
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked', // chains tsc's maps: stack frames point into src/*.ts
  logLevel: 'warning',
  metafile: true,
});
const inputs = Object.keys(result.metafile.inputs).length;
if (inputs < 2) throw new Error(`bundle-worker: expected the worker entry's module graph, got ${inputs} input(s)`);
