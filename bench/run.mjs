#!/usr/bin/env node
// Benchmark dispatcher: `npm run bench -- <suite> [args…]` runs bench/<suite>.mjs.
// Each suite prints its table and ratios; results are recorded by hand in bench/RESULTS.md.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const [suite, ...rest] = process.argv.slice(2);
const suites = readdirSync(here).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && !f.startsWith('_')).map((f) => f.slice(0, -4));
if (!suite || !existsSync(join(here, `${suite}.mjs`))) {
  console.error(`usage: npm run bench -- <suite> [options]\nsuites: ${suites.join(', ')}`);
  process.exit(2);
}
const mod = await import(pathToFileURL(join(here, `${suite}.mjs`)).href);
await mod.main(rest);
