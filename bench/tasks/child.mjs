// One measurement of `npm run bench -- tasks` in a fresh process (forked by bench/tasks.mjs,
// or run by hand: node bench/tasks/child.mjs '{"lib":"tessera-graph","test":"diamond","threads":2}').
//
// test: diamond          a W x D lattice of small tasks, node(l, i) = mix(node(l-1, i), node(l-1, i+1 mod W))
//       diamond-payload  the same shape with 32 KiB Float64Array results (combine), fewer nodes
//       pipeline         N items through parse (pool) -> enrich (pool) -> keep (main) -> format (pool)
// lib:  tessera-graph | tessera-graph-nostore | tessera-promise | piscina (diamonds)
//       tessera-pipeline | tessera-promise | piscina (pipeline)
import { Piscina } from 'piscina';
import * as seq from './kernels.mjs';

const here = (f) => new URL(`./${f}`, import.meta.url);
const now = () => performance.now();

async function diamond(spec) {
  const { lib, threads, width: W, depth: D } = spec;
  const expected = (() => {
    let layer = Array.from({ length: W }, (_, i) => seq.seed(i));
    for (let l = 1; l < D; l++) layer = layer.map((x, i) => seq.mix(x, layer[(i + 1) % W]));
    return layer.reduce((a, b) => (a + b) % 1e9, 0);
  })();
  let run;
  let close;
  if (lib.startsWith('tessera')) {
    const { Pool, TaskGraph } = await import('tessera');
    const pool = new Pool({ threads });
    close = () => pool.close();
    if (lib === 'tessera-promise') {
      const k = await pool.load(here('kernels.mjs'));
      run = () => promiseLattice(W, D, (i) => k.seed(i), (a, b) => k.mix(a, b));
    } else {
      const g = new TaskGraph(pool);
      const k = await g.load(here('kernels.mjs'));
      run = async () => {
        let layer = Array.from({ length: W }, (_, i) => k.seed(i));
        for (let l = 1; l < D; l++) layer = layer.map((x, i) => k.mix(x, layer[(i + 1) % W]));
        return Promise.all(layer);
      };
    }
  } else {
    const pool = new Piscina({ filename: here('peer-worker.mjs').href, minThreads: threads, maxThreads: threads });
    close = () => pool.destroy();
    run = () => promiseLattice(W, D, (i) => pool.run(i, { name: 'seed' }), (a, b) => pool.run({ a, b }, { name: 'mix' }));
  }
  await run(); // warm-up (JIT, module loads)
  const cpu0 = process.cpuUsage();
  const t0 = now();
  const last = await run();
  const ms = now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await close();
  const got = last.reduce((a, b) => (a + b) % 1e9, 0);
  if (got !== expected) throw new Error(`${lib}: checksum ${got}, expected ${expected}`);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, tasks: W * D, perTaskUs: (ms * 1000) / (W * D), rssMb: process.resourceUsage().maxRSS / 1024 };
}

/** The lattice as a promise dataflow: each node starts when Promise.all of its two parents resolves. */
function promiseLattice(W, D, seedFn, mixFn) {
  let layer = Array.from({ length: W }, (_, i) => seedFn(i));
  for (let l = 1; l < D; l++) layer = layer.map((p, i) => Promise.all([p, layer[(i + 1) % W]]).then(([a, b]) => mixFn(a, b)));
  return Promise.all(layer);
}

async function diamondPayload(spec) {
  const { lib, threads, width: W, depth: D, n } = spec;
  let run;
  let close;
  let storeInfo;
  if (lib.startsWith('tessera')) {
    const { Pool, TaskGraph } = await import('tessera');
    const pool = new Pool({ threads });
    close = () => pool.close();
    if (lib === 'tessera-promise') {
      const k = await pool.load(here('kernels.mjs'));
      run = () => payloadLattice(W, D, (i) => k.vector(i, n), (a, b) => k.combine(a, b), (v) => k.checksum(v));
    } else {
      run = async () => {
        const g = new TaskGraph(pool, lib === 'tessera-graph-nostore' ? { minStoredBytes: Infinity } : {});
        const k = await g.load(here('kernels.mjs'));
        let layer = Array.from({ length: W }, (_, i) => k.vector(i, n));
        for (let l = 1; l < D; l++) layer = layer.map((x, i) => k.combine(x, layer[(i + 1) % W]));
        const sums = await Promise.all(layer.map((v) => k.checksum(v)));
        storeInfo = g.stats();
        await g.close();
        return sums;
      };
    }
  } else {
    const pool = new Piscina({ filename: here('peer-worker.mjs').href, minThreads: threads, maxThreads: threads });
    close = () => pool.destroy();
    run = () => payloadLattice(W, D, (i) => pool.run({ i, n }, { name: 'vector' }), (a, b) => pool.run({ a, b }, { name: 'combine' }), (v) => pool.run(v, { name: 'checksum' }));
  }
  await run();
  const cpu0 = process.cpuUsage();
  const t0 = now();
  const sums = await run();
  const ms = now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await close();
  const total = sums.reduce((a, b) => a + b, 0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, tasks: W * D + W, perTaskUs: (ms * 1000) / (W * D + W), checksum: total, stored: storeInfo?.storedResults, rssMb: process.resourceUsage().maxRSS / 1024 };
}

function payloadLattice(W, D, vectorFn, combineFn, checksumFn) {
  let layer = Array.from({ length: W }, (_, i) => vectorFn(i));
  for (let l = 1; l < D; l++) layer = layer.map((p, i) => Promise.all([p, layer[(i + 1) % W]]).then(([a, b]) => combineFn(a, b)));
  return Promise.all(layer.map((p) => p.then(checksumFn)));
}

async function pipelineTest(spec) {
  const { lib, threads, items, concurrency } = spec;
  const source = Array.from({ length: items }, (_, i) => i);
  let expected = 0;
  for (const x of source) {
    const r = seq.enrich(seq.parse(x));
    if (seq.keep(r)) expected = (expected + seq.format(r).length) % 1e9;
  }
  let run;
  let close;
  let stats;
  if (lib.startsWith('tessera')) {
    const { Pool, pipeline, Pipeline } = await import('tessera');
    const pool = new Pool({ threads });
    close = () => pool.close();
    const k = await pool.load(here('kernels.mjs'));
    if (lib === 'tessera-pipeline') {
      run = async () => {
        const p = pipeline(source)
          .stage(k.parse, { concurrency })
          .stage(k.enrich, { concurrency })
          .stage((r) => (seq.keep(r) ? r : Pipeline.DROP))
          .stage(k.format, { concurrency });
        let acc = 0;
        for await (const s of p) acc = (acc + s.length) % 1e9;
        stats = p.stats();
        return acc;
      };
    } else {
      run = () => promisePipeline(source, (x) => k.parse(x), (r) => k.enrich(r), (r) => k.format(r));
    }
  } else {
    const pool = new Piscina({ filename: here('peer-worker.mjs').href, minThreads: threads, maxThreads: threads });
    close = () => pool.destroy();
    run = () => promisePipeline(source, (x) => pool.run(x, { name: 'parse' }), (r) => pool.run(r, { name: 'enrich' }), (r) => pool.run(r, { name: 'format' }));
  }
  await run();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 5);
  const cpu0 = process.cpuUsage();
  const t0 = now();
  const got = await run();
  const ms = now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  await close();
  if (got !== expected) throw new Error(`${lib}: checksum ${got}, expected ${expected}`);
  return {
    ms, items, itemsPerSec: items / (ms / 1000), cpuMs: (cpu.user + cpu.system) / 1000, heapPeakMb: (heapPeak - heapBefore) / 2 ** 20, rssMb: process.resourceUsage().maxRSS / 1024,
    stages: stats?.stages.map((s) => ({ name: s.name, in: s.in, out: s.out, busyMs: Math.round(s.busyMs) })),
  };
}

/** The same four stages as one promise chain per item, all items at once (Promise.all). */
async function promisePipeline(source, parse, enrich, format) {
  const out = await Promise.all(source.map(async (x) => {
    const r = await enrich(await parse(x));
    return seq.keep(r) ? format(r) : undefined;
  }));
  let acc = 0;
  for (const s of out) if (s !== undefined) acc = (acc + s.length) % 1e9;
  return acc;
}

const spec = JSON.parse(process.argv[2]);
try {
  const tests = { diamond, 'diamond-payload': diamondPayload, pipeline: pipelineTest };
  const result = await tests[spec.test](spec);
  if (process.send) process.send({ ok: true, result });
  else console.log(JSON.stringify(result));
} catch (err) {
  if (process.send) process.send({ ok: false, error: String(err?.stack ?? err) });
  else console.error(err);
  process.exitCode = 1;
}
