// `npm run bench -- pool [--threads N] [--repeat K] [--quick] [--child-timeout S] [--libs a,b] [--tests a,b,c,d,e]
//                        [--chunks C] [--tessera DIR] [--json FILE]`
//
// Tessera's Pool against piscina, tinypool, workerpool and a sequential in-thread loop,
// all with the same thread count (min = max threads for every pool), in ONE run:
//   (a) throughput: 100,000 and 1,000,000 tiny tasks (x => x + 1) submitted at once, then awaited;
//   (b) latency: p50/p99 of one task's round trip over 20,000 sequential awaited calls;
//   (c) peak RSS (process.resourceUsage().maxRSS) of the process that ran (a);
//   (d) startup: pool creation to first result, fresh process each time;
//   (e) sum of Math.sqrt over a 20,000,000-element shared Float64Array in 16 chunks,
//       against a hand-written raw worker_threads + Atomics split and a sequential loop.
// Every measurement runs in its own forked process (bench/pool/child.mjs), so libraries
// never share a heap, a JIT or an RSS peak. Figures are medians over --repeat repetitions
// (default 5); within a repetition the libraries are interleaved and their order rotates.
// A library that fails or exceeds --child-timeout at one size is marked DNF and not retried
// at that size in later repetitions. --tessera DIR benchmarks the build in DIR/dist (e.g. a
// `git archive` of one commit, built apart) instead of this checkout's dist/, which may be
// rebuilt while the run goes on. Results are recorded by hand in bench/RESULTS.md.
import { execFileSync, fork } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const CHILD = fileURLToPath(new URL('./pool/child.mjs', import.meta.url));
const POOLS = ['tessera', 'piscina', 'tinypool', 'workerpool'];

function opt(args, name, dflt) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
}

function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const rotate = (xs, k) => xs.map((_, i) => xs[(i + k) % xs.length]);
const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : `${n}`);
const la = () => loadavg().map((x) => x.toFixed(2)).join(' ');

function num(n, d = 1) {
  if (!Number.isFinite(n)) return '—';
  const a = Math.abs(n);
  if (a >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (a >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (a >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return n.toFixed(d);
}

/** Runs one measurement in a fresh process; resolves { ok, result } or { ok: false, error }. */
function child(spec, timeoutS) {
  return new Promise((resolve) => {
    const cp = fork(CHILD, [JSON.stringify(spec)], { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    let answer;
    cp.stderr.on('data', (d) => { stderr = (stderr + d).slice(-2000); });
    const timer = setTimeout(() => {
      answer ??= { ok: false, error: `timeout (> ${timeoutS} s)`, timeout: true };
      cp.kill('SIGKILL');
    }, timeoutS * 1000);
    cp.on('message', (m) => { answer ??= m; });
    cp.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (answer === undefined) {
        const oom = /heap out of memory/i.test(stderr);
        answer = { ok: false, error: oom ? 'out of memory' : `exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` };
      }
      resolve(answer);
    });
  });
}

export async function main(args) {
  const quick = args.includes('--quick');
  const threads = Number(opt(args, '--threads', 2));
  const repeat = Number(opt(args, '--repeat', quick ? 1 : 5));
  const timeoutS = Number(opt(args, '--child-timeout', quick ? 20 : 120));
  const libs = opt(args, '--libs', POOLS.join(',')).split(',').filter(Boolean);
  const tests = new Set(opt(args, '--tests', 'a,b,c,d,e').split(','));
  const jsonOut = opt(args, '--json', undefined);
  const tesseraDir = opt(args, '--tessera', undefined);
  const tessera = tesseraDir === undefined ? undefined : resolve(tesseraDir);
  const git = (dir, ...a) => {
    try {
      return execFileSync('git', ['-C', dir, ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  const repoDir = fileURLToPath(new URL('..', import.meta.url));
  const rev = git(repoDir, 'rev-parse', '--short', 'HEAD');
  const dirty = git(repoDir, 'status', '--porcelain', '--', 'src')?.split('\n').filter(Boolean).length ?? 0;
  // A tree given with --tessera may name its commit in a REVISION file (git archive carries no .git).
  const treeRev = tessera !== undefined && existsSync(`${tessera}/REVISION`) ? readFileSync(`${tessera}/REVISION`, 'utf8').trim() : undefined;
  const tesseraWhat = tessera === undefined
    ? `this checkout's dist/ (HEAD ${rev ?? '?'}${dirty ? `, ${dirty} changed paths under src/` : ''})`
    : `${tessera}/dist${treeRev ? ` (commit ${treeRev})` : ''}`;
  const sizes = quick ? [5_000, 20_000] : [100_000, 1_000_000];
  const calls = quick ? 2_000 : 20_000;
  const len = quick ? 2_000_000 : 20_000_000;
  const chunks = Number(opt(args, '--chunks', 16));
  const runs = quick ? 3 : 5;
  if (!libs.includes('tessera') || !libs.includes('piscina')) console.warn('note: ratios need both tessera and piscina in --libs');

  const loadStart = la();
  const started = new Date();
  console.log(`pool bench: ${threads} threads, ${repeat} repetition(s), median; ${availableParallelism()} CPUs (${cpus()[0]?.model?.trim()}), node ${process.version}, load average ${loadStart}${quick ? ' (--quick)' : ''}; Tessera from ${tesseraWhat}`);

  // raw[test][lib][key] = array of per-repetition results; dnf[test:lib:key] = reason
  const raw = { throughput: {}, latency: {}, startup: {}, sqrt: {} };
  const dnf = {};
  const record = (test, lib, key, r) => (((raw[test][lib] ??= {})[key] ??= []).push(r));
  const measure = async (test, lib, key, spec) => {
    const id = `${test}:${lib}:${key}`;
    if (dnf[id] !== undefined) return;
    process.stderr.write(`  ${id} … `);
    const t0 = performance.now();
    const ans = await child({ lib, test, threads, tessera, ...spec }, timeoutS);
    process.stderr.write(`${ans.ok ? 'ok' : `FAILED: ${ans.error}`} (${((performance.now() - t0) / 1e3).toFixed(1)} s)\n`);
    if (ans.ok) record(test, lib, key, ans.result);
    else dnf[id] = ans.error;
  };

  for (let rep = 0; rep < repeat; rep++) {
    process.stderr.write(`repetition ${rep + 1}/${repeat} (load average ${la()})\n`);
    const order = rotate(libs, rep);
    if (tests.has('a') || tests.has('c')) {
      for (const n of sizes) for (const lib of [...order, 'sequential']) await measure('throughput', lib, n, { n });
    }
    if (tests.has('b')) for (const lib of [...order, 'sequential']) await measure('latency', lib, calls, { calls });
    if (tests.has('d')) for (const lib of [...order, 'raw']) await measure('startup', lib, 'first', {});
    if (tests.has('e')) for (const lib of ['sequential', 'raw', ...order]) await measure('sqrt', lib, len, { len, chunks, runs });
  }
  const loadEnd = la();
  const elapsedS = (Date.now() - started.getTime()) / 1e3;

  const med = (test, lib, key, field) => median((raw[test][lib]?.[key] ?? []).map((r) => r[field]));
  const range = (test, lib, key, field, f = num) => {
    const xs = (raw[test][lib]?.[key] ?? []).map((r) => r[field]);
    return xs.length > 1 ? ` [${f(Math.min(...xs))}–${f(Math.max(...xs))}]` : '';
  };
  const dnfNote = (test, lib, key, n) => {
    const why = dnf[`${test}:${lib}:${key}`];
    if (why === undefined) return undefined;
    return /timeout/.test(why) && n ? `DNF: < ${num(n / timeoutS)} (${why})` : `DNF (${why})`;
  };
  const out = [];
  const p = (s = '') => { out.push(s); console.log(s); };

  p();
  p(`Command: \`npm run bench -- pool ${args.join(' ')}\`; ${started.toISOString()}; node ${process.version}; ${availableParallelism()} CPUs (${cpus()[0]?.model?.trim()}); threads ${threads}; repetitions ${repeat}; load average at start ${loadStart}, at end ${loadEnd}; ${elapsedS.toFixed(0)} s; Tessera from ${tesseraWhat}.`);
  const allLibs = [...libs, 'sequential'];

  if (tests.has('a') || tests.has('c')) {
    p();
    p(`### (a) throughput, tasks/s (median [min–max]), and (c) peak RSS of that process`);
    p();
    p(`| library | ${sizes.map((n) => `${label(n)} tasks: tasks/s`).join(' | ')} | ${sizes.map((n) => `${label(n)}: peak RSS MiB`).join(' | ')} |`);
    p(`| --- | ${sizes.map(() => '---:').join(' | ')} | ${sizes.map(() => '---:').join(' | ')} |`);
    for (const lib of allLibs) {
      const tp = sizes.map((n) => dnfNote('throughput', lib, n, n) ?? `${num(med('throughput', lib, n, 'tasksPerSec'))}${range('throughput', lib, n, 'tasksPerSec')}`);
      const rss = sizes.map((n) => (dnf[`throughput:${lib}:${n}`] ? '—' : (med('throughput', lib, n, 'maxRSSKiB') / 1024).toFixed(0)));
      p(`| ${lib} | ${tp.join(' | ')} | ${rss.join(' | ')} |`);
    }
    p();
    p('CPU time per task during (a), µs (median): main thread / whole process (all threads, incl. GC helpers and');
    p('idle spinning). Unlike tasks/s, this hardly depends on what else the machine runs.');
    p();
    p(`| library | ${sizes.map((n) => `${label(n)}: main µs/task`).join(' | ')} | ${sizes.map((n) => `${label(n)}: process µs/task`).join(' | ')} |`);
    p(`| --- | ${sizes.map(() => '---:').join(' | ')} | ${sizes.map(() => '---:').join(' | ')} |`);
    for (const lib of libs) {
      const cell = (n, field) => (dnf[`throughput:${lib}:${n}`] ? '—' : (med('throughput', lib, n, field) ?? NaN).toFixed(2));
      p(`| ${lib} | ${sizes.map((n) => cell(n, 'mainCpuUs')).join(' | ')} | ${sizes.map((n) => cell(n, 'cpuUs')).join(' | ')} |`);
    }
  }
  if (tests.has('b')) {
    p();
    p(`### (b) one-task round trip over ${label(calls)} sequential awaited calls, µs (median of repetitions)`);
    p();
    p('| library | p50 | p99 | mean |');
    p('| --- | ---: | ---: | ---: |');
    for (const lib of allLibs) {
      const d = dnfNote('latency', lib, calls);
      if (d) p(`| ${lib} | ${d} | | |`);
      else p(`| ${lib} | ${med('latency', lib, calls, 'p50us').toFixed(1)}${range('latency', lib, calls, 'p50us', (x) => x.toFixed(1))} | ${med('latency', lib, calls, 'p99us').toFixed(1)}${range('latency', lib, calls, 'p99us', (x) => x.toFixed(0))} | ${med('latency', lib, calls, 'meanUs').toFixed(1)} |`);
    }
  }
  if (tests.has('d')) {
    p();
    p('### (d) startup: pool creation → first result, ms (fresh process each; library import timed apart)');
    p();
    p('| library | create → first result | import | import + create → first result |');
    p('| --- | ---: | ---: | ---: |');
    for (const lib of [...libs, 'raw']) {
      const d = dnfNote('startup', lib, 'first');
      const name = lib === 'raw' ? `raw worker_threads ×${threads} (reference)` : lib;
      if (d) p(`| ${name} | ${d} | | |`);
      else {
        const total = lib === 'raw' ? '—' : med('startup', lib, 'first', 'totalMs').toFixed(1);
        p(`| ${name} | ${med('startup', lib, 'first', 'firstMs').toFixed(1)}${range('startup', lib, 'first', 'firstMs', (x) => x.toFixed(1))} | ${lib === 'raw' ? '—' : med('startup', lib, 'first', 'importMs').toFixed(1)} | ${total} |`);
      }
    }
  }
  let sqrtDev = 0;
  if (tests.has('e')) {
    const seqMs = med('sqrt', 'sequential', len, 'ms');
    const seqSum = med('sqrt', 'sequential', len, 'sum');
    p();
    p(`### (e) Σ Math.sqrt over a ${label(len)}-element shared Float64Array, ms (median [min–max]; each repetition = median of ${runs} timed runs after warm-up)`);
    p();
    p('| variant | tasks | ms | speedup vs sequential | vs raw split |');
    p('| --- | ---: | ---: | ---: | ---: |');
    const rawMs = med('sqrt', 'raw', len, 'ms');
    for (const lib of ['sequential', 'raw', ...libs]) {
      const d = dnfNote('sqrt', lib, len);
      const name = lib === 'raw' ? 'hand-written raw worker_threads + Atomics' : lib;
      const tasks = lib === 'sequential' ? 1 : lib === 'raw' ? threads : chunks;
      if (d) { p(`| ${name} | ${tasks} | ${d} | | |`); continue; }
      const ms = med('sqrt', lib, len, 'ms');
      for (const r of raw.sqrt[lib]?.[len] ?? []) sqrtDev = Math.max(sqrtDev, Math.abs(r.sum - seqSum) / Math.abs(seqSum));
      p(`| ${name} | ${tasks} | ${ms.toFixed(1)}${range('sqrt', lib, len, 'ms', (x) => x.toFixed(1))} | ${(seqMs / ms).toFixed(2)}× | ${(ms / rawMs).toFixed(3)} |`);
    }
    p();
    p(`Largest relative deviation of any sum from the sequential sum: ${sqrtDev.toExponential(1)}.`);
  }

  // Ratios and targets.
  const rows = [];
  const T = 'tessera';
  const P = 'piscina';
  const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN);
  const fr = (r) => `${r.toFixed(r < 2 ? 3 : 2)}×`;
  const verdict = (r, ok) => (Number.isFinite(r) ? (ok(r) ? 'met' : 'MISSED') : 'n/a');
  if (tests.has('a')) {
    for (const n of sizes) {
      const r = ratio(med('throughput', T, n, 'tasksPerSec'), med('throughput', P, n, 'tasksPerSec'));
      rows.push([`throughput ${label(n)} tasks, Tessera / piscina`, fr(r), '≥ 20×', verdict(r, (x) => x >= 20)]);
      const c = ratio(med('throughput', P, n, 'cpuUs'), med('throughput', T, n, 'cpuUs'));
      rows.push([`(CPU µs per task ${label(n)}, piscina / Tessera: for reference)`, fr(c), '—', '']);
    }
  }
  if (tests.has('b')) {
    for (const f of ['p50us', 'p99us']) {
      const r = ratio(med('latency', T, calls, f), med('latency', P, calls, f));
      rows.push([`latency ${f.slice(0, 3)}, Tessera / piscina`, fr(r), '≤ 1×', verdict(r, (x) => x <= 1)]);
    }
  }
  if (tests.has('c') || tests.has('a')) {
    for (const n of sizes) {
      const r = ratio(med('throughput', T, n, 'maxRSSKiB'), med('throughput', P, n, 'maxRSSKiB'));
      rows.push([`peak RSS ${label(n)} tasks, Tessera / piscina`, fr(r), '≤ 0.5×', verdict(r, (x) => x <= 0.5)]);
    }
  }
  if (tests.has('d')) {
    const r = ratio(med('startup', T, 'first', 'firstMs'), med('startup', P, 'first', 'firstMs'));
    rows.push(['startup (create → first result), Tessera / piscina', fr(r), '≤ 1×', verdict(r, (x) => x <= 1)]);
    const rt = ratio(med('startup', T, 'first', 'totalMs'), med('startup', P, 'first', 'totalMs'));
    rows.push(['(import + create → first result, Tessera / piscina: for reference)', fr(rt), '—', '']);
  }
  if (tests.has('e')) {
    const r = ratio(med('sqrt', T, len, 'ms'), med('sqrt', 'raw', len, 'ms'));
    rows.push([`sqrt-sum time, Tessera (${chunks} tasks) / hand-written split`, fr(r), '≤ 1.05×', verdict(r, (x) => x <= 1.05)]);
  }
  p();
  p('### Ratios and targets');
  p();
  p('| ratio | value | target | |');
  p('| --- | ---: | ---: | --- |');
  for (const row of rows) p(`| ${row.join(' | ')} |`);
  if (Object.keys(dnf).length > 0) {
    p();
    p(`Did not finish (not retried in later repetitions): ${Object.entries(dnf).map(([k, v]) => `${k} (${v})`).join('; ')}.`);
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ args, threads, repeat, started, loadStart, loadEnd, raw, dnf, markdown: out.join('\n') }, null, 1));
}

// Allow `node bench/pool.mjs …` as well as `npm run bench -- pool …`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));
