// `npm run bench -- tasks [--threads N] [--repeat K] [--quick] [--tests diamond,payload,pipeline] [--json FILE]`
//
// Tessera's task graphs and pipelines against the same work done with piscina + Promise.all,
// all with the same thread count, in ONE run:
//   diamond   a 100 x 100 lattice of diamonds: 10,000 small tasks (≈64 rounds of integer
//             mixing each), node(l, i) = mix(node(l-1, i), node(l-1, i+1 mod 100));
//             Tessera TaskGraph vs Promise.all dataflow on the Tessera pool vs on piscina;
//   payload   the same shape, 32 x 32 = 1,024 nodes passing 32 KiB Float64Arrays (not shared
//             memory), plus a checksum per column: TaskGraph with its object store, TaskGraph
//             with minStoredBytes: Infinity (values via the main thread), Promise.all on the
//             Tessera pool, and on piscina;
//   pipeline  100,000 items through parse (pool) -> enrich (pool) -> keep (main thread,
//             drops about half) -> format (pool): Tessera pipeline (bounded queues,
//             concurrency 64 per pool stage) vs one Promise.all over per-item promise chains,
//             on the Tessera pool and on piscina. Reports time and the main thread's heap peak.
// Every measurement runs in its own forked process (bench/tasks/child.mjs) after one warm-up
// run in that process; figures are medians over --repeat repetitions (default 5), the
// libraries interleaved with a rotating order. "CPU" is the process's user + system time
// (main thread and workers) during the measured run. Results are recorded by hand in bench/RESULTS.md.
import { fork } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./tasks/child.mjs', import.meta.url));

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
const la = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');

function child(spec, timeoutS) {
  return new Promise((resolve) => {
    const cp = fork(CHILD, [JSON.stringify(spec)], { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    let answer;
    cp.stderr.on('data', (d) => { stderr = (stderr + d).slice(-2000); });
    const timer = setTimeout(() => {
      answer ??= { ok: false, error: `timeout (> ${timeoutS} s)` };
      cp.kill('SIGKILL');
    }, timeoutS * 1000);
    cp.on('message', (m) => { answer ??= m; });
    cp.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(answer ?? { ok: false, error: `exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

export async function main(args) {
  const quick = args.includes('--quick');
  const threads = Number(opt(args, '--threads', 2));
  const repeat = Number(opt(args, '--repeat', quick ? 1 : 5));
  const tests = new Set(opt(args, '--tests', 'diamond,payload,pipeline').split(','));
  const jsonOut = opt(args, '--json', undefined);
  const suites = [];
  if (tests.has('diamond')) {
    suites.push({
      key: 'diamond', title: `diamond lattice, ${quick ? '40 x 40' : '100 x 100'} small tasks`,
      base: { test: 'diamond', threads, width: quick ? 40 : 100, depth: quick ? 40 : 100 },
      libs: ['tessera-graph', 'tessera-promise', 'piscina'], metric: 'ms',
    });
  }
  if (tests.has('payload')) {
    suites.push({
      key: 'payload', title: `diamond lattice, ${quick ? '12 x 12' : '32 x 32'} nodes with 32 KiB results`,
      base: { test: 'diamond-payload', threads, width: quick ? 12 : 32, depth: quick ? 12 : 32, n: 4096 },
      libs: ['tessera-graph', 'tessera-graph-nostore', 'tessera-promise', 'piscina'], metric: 'ms',
    });
  }
  if (tests.has('pipeline')) {
    suites.push({
      key: 'pipeline', title: `4-stage pipeline, ${quick ? '10,000' : '100,000'} items`,
      base: { test: 'pipeline', threads, items: quick ? 10_000 : 100_000, concurrency: 64 },
      libs: ['tessera-pipeline', 'tessera-promise', 'piscina'], metric: 'ms',
    });
  }
  console.log(`# tasks benchmark: ${threads} threads, ${repeat} repetitions, node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), load ${la()}`);
  const all = {};
  for (const suite of suites) {
    const runs = Object.fromEntries(suite.libs.map((l) => [l, []]));
    for (let r = 0; r < repeat; r++) {
      for (const lib of rotate(suite.libs, r)) {
        const res = await child({ ...suite.base, lib }, quick ? 60 : 300);
        if (res.ok) runs[lib].push(res.result);
        else console.error(`  ${suite.key} ${lib}: ${res.error}`);
      }
    }
    all[suite.key] = runs;
    console.log(`\n## ${suite.title}\n`);
    const ref = median(runs.piscina.map((x) => x.ms));
    if (suite.key === 'pipeline') {
      console.log('| library | time (ms) | CPU (ms) | items/s | main heap peak (MB) | peak RSS (MB) | vs piscina |');
      console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    } else {
      console.log('| library | time (ms) | CPU (ms) | µs per task | peak RSS (MB) | vs piscina |');
      console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    }
    for (const lib of suite.libs) {
      const xs = runs[lib];
      const ms = median(xs.map((x) => x.ms));
      const ratio = `${fmt(ref / ms, 2)}x`;
      if (suite.key === 'pipeline') {
        console.log(`| ${lib} | ${fmt(ms, 0)} | ${fmt(median(xs.map((x) => x.cpuMs)), 0)} | ${fmt(median(xs.map((x) => x.itemsPerSec)), 0)} | ${fmt(median(xs.map((x) => x.heapPeakMb)))} | ${fmt(median(xs.map((x) => x.rssMb)), 0)} | ${ratio} |`);
      } else {
        console.log(`| ${lib} | ${fmt(ms, 1)} | ${fmt(median(xs.map((x) => x.cpuMs)), 0)} | ${fmt(median(xs.map((x) => x.perTaskUs)), 1)} | ${fmt(median(xs.map((x) => x.rssMb)), 0)} | ${ratio} |`);
      }
    }
    if (suite.key === 'pipeline' && runs['tessera-pipeline'][0]?.stages) {
      const st = runs['tessera-pipeline'][0].stages;
      console.log(`\nper-stage counters (one run): ${st.map((s) => `${s.name} in ${s.in} out ${s.out} busy ${s.busyMs} ms`).join('; ')}`);
    }
  }
  console.log(`\nload after: ${la()}`);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ threads, repeat, results: all }, null, 2));
}
