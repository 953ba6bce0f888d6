// The esbuild options both build-time bundles share (bundle-worker.mjs, bundle-entries.mjs).
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked', // chains tsc's maps: stack frames point into src/*.ts
  // No comments or whitespace (the worker entry: 64 KB -> 39 KB): a thread scans a script's
  // source when it compiles it and again for each function V8 compiles lazily; this took
  // ~1 ms off the time from a pool's creation to its first result (bench/RESULTS.md, pool
  // startup). Identifiers are kept, so that stack frames read as in the sources.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'error',
  metafile: true,
};
