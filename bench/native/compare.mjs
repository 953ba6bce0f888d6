#!/usr/bin/env node
// Builds the native references, runs each workload at its default size in C (1 thread and
// 2 threads) and in the TypeScript sequential reference (fresh process per run), checks
// that the outputs are identical and prints a Markdown table of median timings.
// Usage: node bench/native/compare.mjs [--reps 3] [--only name,name] [--big]
// (run `npx tsc -p tsconfig.json` first so dist/ is current)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const reps = Number(opt('reps', '3'));
const only = opt('only', '')?.split(',').filter(Boolean) ?? [];

// name, TS options, C program + args, compared fields, timing field(s), exact?
const CASES = [
  { name: 'nbody-direct', size: 'N=4096, 10 steps', ts: {}, c: ['nbody_direct'], fields: ['e0', 'e1', 'posSum', 'hash'] },
  { name: 'nbody-bench-game', size: '5·10^7 steps', ts: { steps: 50_000_000 }, c: ['nbody_bench_game', '--steps', '50000000'], fields: ['e0', 'e1', 'e0Text', 'e1Text'] },
  { name: 'mandelbrot', size: '800x600', ts: {}, c: ['mandelbrot'], fields: ['iterSum', 'hash'] },
  { name: 'montecarlo-pi', size: 'N=2e8', ts: {}, c: ['montecarlo_pi'], fields: ['hits', 'estimate'] },
  { name: 'heat2d', size: '2048², 200 it', ts: {}, c: ['heat2d'], fields: ['sum', 'centre', 'probe1', 'probe10', 'probe50'] },
  { name: 'matmul', size: 'N=1024', ts: {}, c: ['matmul'], fields: ['sum', 'wsum', 'hash', 'c00', 'cLast'] },
  { name: 'sort', size: 'N=2e7', ts: {}, c: ['sort'], fields: ['sorted', 'checksum', 'first', 'middle', 'last'] },
  { name: 'npb-ep', size: 'class W', ts: { problemClass: 'W' }, c: ['npb_ep', '--class', 'W'], fields: ['sx', 'sy', 'sxAbs', 'syAbs', 'gc'] },
  { name: 'npb-ep', size: 'class W, glibc log', ts: null, c: ['npb_ep', '--class', 'W', '--log', 'libm'], fields: [] },
  { name: 'fem-poisson', size: 'n=512', ts: {}, c: ['fem_poisson'], fields: ['unknowns', 'nonzeros', 'iterations', 'relResidual', 'l2Error', 'maxError'], time: ['assemblySeconds', 'solveSeconds'] },
  { name: 'fem-poisson', size: 'n=512, glibc sin', ts: null, c: ['fem_poisson', '--sin', 'libm'], fields: [], time: ['assemblySeconds', 'solveSeconds'] },
];
if (args.includes('--big')) {
  CASES.push({ name: 'mandelbrot', size: '4000x3000', ts: { width: 4000, height: 3000 }, c: ['mandelbrot', '--width', '4000', '--height', '3000'], fields: ['iterSum', 'hash'] });
  CASES.push({ name: 'npb-ep', size: 'class A', ts: { problemClass: 'A' }, c: ['npb_ep', '--class', 'A'], fields: ['sx', 'sy', 'sxAbs', 'syAbs', 'gc'] });
}

execFileSync('make', ['-s', '-C', here], { stdio: 'inherit' });

const json = (out) => JSON.parse(out.toString().trim().split('\n').pop());
const runC = (c, threads) => json(execFileSync(join(here, 'build', c[0]), [...c.slice(1), '--threads', String(threads)], { env: { ...process.env, OMP_NUM_THREADS: String(threads) } }));
const runTs = (name, o) => json(execFileSync(process.execPath, [join(here, 'ts-run.mjs'), name, JSON.stringify(o)], { maxBuffer: 1 << 24 }));
const secs = (r, k) => (k ? k.reduce((s, f) => s + r[f], 0) : r.seconds);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => (x === undefined ? '–' : x.toFixed(3));

const rows = [];
for (const k of CASES) {
  if (only.length && !only.includes(k.name)) continue;
  const c1 = [];
  const ts = [];
  let cOut;
  let tOut;
  for (let r = 0; r < reps; r++) {
    cOut = runC(k.c, 1);
    c1.push(secs(cOut, k.time));
    if (k.ts) {
      tOut = runTs(k.name, k.ts);
      ts.push(secs(tOut, k.time));
    }
  }
  const c2 = secs(runC(k.c, 2), k.time);
  let verdict = '–';
  if (tOut) {
    const diff = k.fields.filter((f) => !Object.is(tOut[f], cOut[f]));
    const far = (k.close ?? []).filter((f) => Math.abs(tOut[f] - cOut[f]) > 1e-9 * Math.abs(tOut[f]));
    const near = (k.close ?? []).filter((f) => !Object.is(tOut[f], cOut[f]));
    if (diff.length || far.length) verdict = `DIFFER: ${[...diff, ...far].join(', ')}`;
    else if (near.length) verdict = `equal (${k.fields.join(', ')}); ${near.join(', ')} within 1e-9`;
    else verdict = `bit-identical (${k.fields.join(', ')})`;
    for (const f of [...k.fields, ...(k.close ?? [])]) console.error(`  ${k.name} ${f}: TS ${tOut[f]}  C ${cOut[f]}`);
  }
  const row = { name: k.name, size: k.size, c1: median(c1), c2, ts: ts.length ? median(ts) : undefined, verdict };
  rows.push(row);
  console.error(`${k.name} (${k.size}): C1 ${fmt(row.c1)} s, C2 ${fmt(c2)} s, TS ${fmt(row.ts)} s — ${verdict}`);
}

console.log(`| workload | size | C 1 thread (s) | C 2 threads (s) | TS sequential (s) | TS / C | outputs |`);
console.log(`|---|---|---:|---:|---:|---:|---|`);
for (const r of rows) {
  const ratio = r.ts === undefined ? '–' : (r.ts / r.c1).toFixed(2);
  console.log(`| ${r.name} | ${r.size} | ${fmt(r.c1)} | ${fmt(r.c2)} | ${fmt(r.ts)} | ${ratio} | ${r.verdict} |`);
}
