// One measurement of `npm run bench -- pool` in a fresh process, so that libraries
// do not pollute each other (heap, JIT state, peak RSS, worker threads).
//
//   node bench/pool/child.mjs '{"lib":"tessera","test":"throughput","n":100000,"threads":2}'
//
// Forked by bench/pool.mjs (the result goes back with process.send) or run by hand
// (the result is printed as JSON; handy with `node --cpu-prof`).
//
// lib:  tessera | piscina | tinypool | workerpool | sequential | raw (raw: startup and sqrt only)
// test: throughput {n}   n tiny tasks (x => x + 1) submitted at once, then awaited
//       latency    {calls} one task at a time, awaited, per-call round trip
//       startup    {}     pool creation to first result, the library's import time, and their sum
//       sqrt       {len, chunks, runs} sum of Math.sqrt over a shared Float64Array
import { existsSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const here = (f) => new URL(`./${f}`, import.meta.url);
/** Where Tessera is imported from: the package self-reference, or spec.tessera, a built tree (its bundle DIR/dist/bundle/tessera.js, or DIR/dist/index.js for builds before the bundle). */
let tesseraSpecifier = 'tessera';

const now = () => performance.now();
const inc = (x) => x + 1; // defined once: Tessera caches inline functions by identity

function sqrtSum(a, lo, hi) {
  let s = 0;
  for (let i = lo; i < hi; i++) s += Math.sqrt(a[i]);
  return s;
}

/** Creates library `lib` with `threads` threads (min = max) and returns a uniform adapter. */
async function makeLib(lib, threads) {
  switch (lib) {
    case 'tessera': {
      const { Pool } = await import(tesseraSpecifier);
      const pool = new Pool({ threads });
      let k;
      return {
        run: (x) => pool.run(inc, x),
        async prepareSqrt() { k = await pool.load(here('kernels.mjs')); },
        sqrt: (a, lo, hi) => k.sumRange(a, lo, hi),
        close: () => pool.close(),
      };
    }
    case 'piscina': {
      const { Piscina } = await import('piscina');
      const pool = new Piscina({ filename: here('peer-worker.mjs').href, minThreads: threads, maxThreads: threads });
      return {
        run: (x) => pool.run(x),
        async prepareSqrt() {},
        sqrt: (a, lo, hi) => pool.run({ a, lo, hi }, { name: 'sqrtSum' }),
        close: () => pool.destroy(),
      };
    }
    case 'tinypool': {
      const { Tinypool } = await import('tinypool');
      const pool = new Tinypool({ filename: here('peer-worker.mjs').href, minThreads: threads, maxThreads: threads });
      return {
        run: (x) => pool.run(x),
        async prepareSqrt() {},
        sqrt: (a, lo, hi) => pool.run({ a, lo, hi }, { name: 'sqrtSum' }),
        close: () => pool.destroy(),
      };
    }
    case 'workerpool': {
      const { default: workerpool } = await import('workerpool');
      const pool = workerpool.pool(fileURLToPath(here('workerpool-worker.mjs')), { minWorkers: threads, maxWorkers: threads, workerType: 'thread' });
      return {
        run: (x) => pool.exec('inc', [x]),
        async prepareSqrt() {},
        sqrt: (a, lo, hi) => pool.exec('sqrtSum', [a, lo, hi]),
        close: () => pool.terminate(),
      };
    }
    case 'raw':
      return makeRaw(threads);
    default:
      throw new Error(`unknown lib ${lib}`);
  }
}

/**
 * The hand-written baseline: `threads` raw worker_threads, each summing its fixed
 * range of the shared array when the generation word moves, writing its partial
 * into a shared Float64Array and counting itself done (see raw-worker.mjs).
 */
function makeRaw(threads) {
  let ctl;
  let partials;
  let workers = [];
  return {
    async startup() {
      const ws = [];
      const first = await new Promise((resolve, reject) => {
        for (let i = 0; i < threads; i++) {
          const w = new Worker(here('raw-worker.mjs'), { workerData: { ping: 41 + i } });
          w.once('message', (v) => { if (i === 0) resolve(v); });
          w.once('error', reject);
          ws.push(w);
        }
      });
      await Promise.all(ws.map((w) => w.terminate()));
      return first;
    },
    async prepareSqrt(a) {
      ctl = new Int32Array(new SharedArrayBuffer(8));
      partials = new Float64Array(new SharedArrayBuffer(8 * threads));
      const len = a.length;
      for (let i = 0; i < threads; i++) {
        const lo = Math.floor((len * i) / threads);
        const hi = Math.floor((len * (i + 1)) / threads);
        workers.push(new Worker(here('raw-worker.mjs'), { workerData: { ctl, a, partials, index: i, lo, hi } }));
      }
    },
    async sumAll() {
      Atomics.store(ctl, 1, 0);
      Atomics.add(ctl, 0, 1);
      Atomics.notify(ctl, 0);
      for (;;) {
        const done = Atomics.load(ctl, 1);
        if (done === threads) break;
        const r = Atomics.waitAsync(ctl, 1, done);
        if (r.async) await r.value;
      }
      let s = 0;
      for (let i = 0; i < threads; i++) s += partials[i];
      return s;
    },
    async close() {
      Atomics.store(ctl, 0, -1);
      Atomics.notify(ctl, 0);
      await Promise.all(workers.map((w) => w.terminate()));
      workers = [];
    },
  };
}

function percentile(sorted, p) {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const maxRSSKiB = () => process.resourceUsage().maxRSS;
const hrMicros = () => Number(process.hrtime.bigint() / 1000n);
/**
 * CPU time of the main thread and of the whole process in ms (Linux: /proc schedstat of the
 * main thread; null elsewhere). Wall-clock throughput on a shared 2-core machine mostly measures
 * the other load; CPU time per task is what the library itself costs.
 */
function cpuMs() {
  let main = null;
  try {
    main = Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    main = null;
  }
  const u = process.cpuUsage();
  return { main, all: (u.user + u.system) / 1e3 };
}

async function throughput(lib, { n, threads, warmup = 2000 }) {
  if (lib === 'sequential') {
    const out = new Array(n);
    for (let i = 0; i < warmup; i++) out[i] = inc(i);
    const t0 = now();
    for (let i = 0; i < n; i++) out[i] = inc(i);
    const ms = now() - t0;
    let check = 0;
    for (let i = 0; i < n; i++) check += out[i];
    return { ms, tasksPerSec: (n / ms) * 1e3, check, maxRSSKiB: maxRSSKiB() };
  }
  const L = await makeLib(lib, threads);
  // Warm up: every worker started, inline code compiled, library paths JIT-compiled.
  await L.run(0);
  const warm = new Array(warmup);
  for (let i = 0; i < warmup; i++) warm[i] = L.run(i);
  await Promise.all(warm);
  const ps = new Array(n);
  const hr0 = hrMicros();
  const c0 = cpuMs();
  const t0 = now();
  for (let i = 0; i < n; i++) ps[i] = L.run(i);
  const out = await Promise.all(ps);
  const ms = now() - t0;
  const c1 = cpuMs();
  const hr1 = hrMicros();
  const mainCpuUs = c0.main === null ? null : ((c1.main - c0.main) * 1e3) / n;
  const cpuUs = ((c1.all - c0.all) * 1e3) / n;
  const rss = maxRSSKiB();
  let check = 0;
  for (let i = 0; i < n; i++) check += out[i];
  await L.close();
  // hr0/hr1: the timed window on the monotonic clock in µs, as in a .cpuprofile (see cpuprofile-top.mjs --window).
  return { ms, tasksPerSec: (n / ms) * 1e3, check, expected: (n * (n + 1)) / 2, maxRSSKiB: rss, hr0, hr1, mainCpuUs, cpuUs };
}

async function latency(lib, { calls, threads, warmup = 1000 }) {
  const lat = new Float64Array(calls);
  let L;
  if (lib === 'sequential') L = { run: inc, close: async () => {} };
  else L = await makeLib(lib, threads);
  for (let i = 0; i < warmup; i++) await L.run(i);
  let check = 0;
  for (let i = 0; i < calls; i++) {
    const t0 = now();
    check += await L.run(i);
    lat[i] = now() - t0;
  }
  await L.close();
  const s = Array.from(lat).sort((a, b) => a - b);
  const mean = s.reduce((x, y) => x + y, 0) / s.length;
  return { p50us: percentile(s, 50) * 1e3, p99us: percentile(s, 99) * 1e3, meanUs: mean * 1e3, maxUs: s[s.length - 1] * 1e3, check };
}

async function startup(lib, { threads }) {
  const t0 = now();
  if (lib === 'raw') {
    const L = makeRaw(threads);
    const v = await L.startup();
    const firstMs = now() - t0;
    return { firstMs, importMs: 0, totalMs: firstMs, value: v };
  }
  // Import the library first (timed separately), then time creation → first result.
  const pre = await preImport(lib);
  const t1 = now();
  const L = await makeLib(lib, threads);
  const v = await L.run(41);
  const firstMs = now() - t1;
  await L.close();
  return { firstMs, importMs: pre, totalMs: pre + firstMs, value: v };
}

async function preImport(lib) {
  const t0 = now();
  await import(lib === 'tessera' ? tesseraSpecifier : lib);
  return now() - t0;
}

async function sqrt(lib, { len, chunks, runs, threads }) {
  const a = new Float64Array(new SharedArrayBuffer(len * 8));
  for (let i = 0; i < len; i++) a[i] = i;
  const times = [];
  let sum;
  if (lib === 'sequential') {
    sum = sqrtSum(a, 0, len); // warm-up
    for (let r = 0; r < runs; r++) {
      const t0 = now();
      sum = sqrtSum(a, 0, len);
      times.push(now() - t0);
    }
    return { ms: median(times), allMs: times, sum };
  }
  if (lib === 'raw') {
    const L = makeRaw(threads);
    await L.prepareSqrt(a);
    sum = await L.sumAll(); // warm-up: threads started, kernel compiled
    sum = await L.sumAll();
    for (let r = 0; r < runs; r++) {
      const t0 = now();
      sum = await L.sumAll();
      times.push(now() - t0);
    }
    await L.close();
    return { ms: median(times), allMs: times, sum, chunks: threads };
  }
  const L = await makeLib(lib, threads);
  await L.prepareSqrt(a);
  const bounds = [];
  for (let c = 0; c <= chunks; c++) bounds.push(Math.floor((len * c) / chunks));
  const once = async () => {
    const ps = new Array(chunks);
    for (let c = 0; c < chunks; c++) ps[c] = L.sqrt(a, bounds[c], bounds[c + 1]);
    const parts = await Promise.all(ps);
    let s = 0;
    for (let c = 0; c < chunks; c++) s += parts[c]; // fixed order: deterministic
    return s;
  };
  sum = await once(); // warm-up
  sum = await once();
  for (let r = 0; r < runs; r++) {
    const t0 = now();
    sum = await once();
    times.push(now() - t0);
  }
  await L.close();
  return { ms: median(times), allMs: times, sum, chunks };
}

const TESTS = { throughput, latency, startup, sqrt };

async function runOne(spec) {
  const fn = TESTS[spec.test];
  if (fn === undefined) throw new Error(`unknown test ${spec.test}`);
  return fn(spec.lib, spec);
}

const spec = JSON.parse(process.argv[2] ?? '{}');
if (spec.tessera) {
  const bundled = join(spec.tessera, 'dist', 'bundle', 'tessera.js');
  tesseraSpecifier = pathToFileURL(existsSync(bundled) ? bundled : join(spec.tessera, 'dist', 'index.js')).href;
}
try {
  const result = await runOne(spec);
  if (process.send) process.send({ ok: true, result }, () => process.exit(0));
  else {
    console.log(JSON.stringify({ ok: true, spec, result }));
    process.exit(0);
  }
} catch (err) {
  const error = err instanceof Error ? `${err.stack}` : String(err);
  if (process.send) process.send({ ok: false, error }, () => process.exit(1));
  else {
    console.error(error);
    process.exit(1);
  }
}
