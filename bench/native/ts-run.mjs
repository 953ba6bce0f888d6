#!/usr/bin/env node
// Runs one TypeScript sequential reference (built, from dist/) and prints its outputs as
// one JSON line. Usage: node bench/native/ts-run.mjs <workload> ['{"n":1024}']
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FUNCTIONS = {
  'nbody-direct': 'nbodyDirectSequential',
  'nbody-bench-game': 'nbodyBenchGameSequential',
  mandelbrot: 'mandelbrotSequential',
  'montecarlo-pi': 'montecarloPiSequential',
  heat2d: 'heat2dSequential',
  matmul: 'matmulSequential',
  sort: 'sortSequential',
  'npb-ep': 'npbEpSequential',
  'fem-poisson': 'femPoissonSequential',
};
const [workload, json = '{}'] = process.argv.slice(2);
const fn = FUNCTIONS[workload];
if (!fn) {
  console.error(`usage: ts-run.mjs <${Object.keys(FUNCTIONS).join('|')}> [json options]`);
  process.exit(2);
}
const mod = await import(pathToFileURL(join(root, 'dist', 'workloads', workload, 'sequential.js')).href);
console.log(JSON.stringify(mod[fn](JSON.parse(json))));
