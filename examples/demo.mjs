// `npm start`: two of Tessera's workloads (WORKLOADS.md), mandelbrot and nbody-direct,
// each run sequentially on the main thread and then in parallel on a pool with one worker
// per core; checks that the parallel outputs are the sequential ones bit for bit and prints
// the times and speedups, then the dispatch rate of tiny tasks. About 10–25 s on 2 cores,
// needs no server. Progress bars (on stderr) only on a terminal; piped, it prints plain lines.
// Run: npm start   (or: node examples/demo.mjs)
import { availableParallelism, loadavg } from 'node:os';
import cliProgress from 'cli-progress';
import { Pool } from 'tessera';
import { differingOutputs, findWorkload, sequentialWithProgress } from 'tessera/workloads';

// Sizes: mandelbrot 4× the spec's 800×600 per side (at 800×600 a run takes a quarter of a
// second, too short to show a speedup next to the pool's start); nbody-direct with twice
// the spec's bodies, a few seconds sequentially.
const RUNS = [
  { name: 'mandelbrot', params: { width: 3200, height: 2400 }, unit: 'tiles' },
  { name: 'nbody-direct', params: { n: 8192, steps: 15 }, unit: 'force evaluations' },
];

const threads = availableParallelism();
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const secs = (s) => `${s.toFixed(3)} s`;
const showOutputs = (w, o) => w.outputs.map((k) => `${k}=${String(o[k])}`).join(' ');

/** A progress bar for one phase, fed `(done, total)`; nothing when stderr is not a terminal. */
function phaseBar(label, unit) {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `  ${label} |{bar}| {percentage}% {value}/{total} ${unit} {duration_formatted}`, stream: process.stderr, hideCursor: true, clearOnComplete: true, barsize: 30, fps: 10 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(Math.min(done, total));
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

console.log('Tessera demo: mandelbrot and nbody-direct, sequential vs parallel');
console.log(`${threads} worker threads (one per core), Node ${process.version}, load average ${load()}\n`);

const pool = new Pool({ threads });
const summary = [];
let allIdentical = true;
try {
  for (const { name, params: given, unit } of RUNS) {
    const w = findWorkload(name);
    const params = w.resolve(given);
    console.log(`${name} ${w.describe(params)}`);

    // Sequential: the reference on the main thread (it reports progress as it goes).
    let bar = phaseBar('sequential', unit);
    const seq = sequentialWithProgress(w, params, (done, total) => bar.update(done, total));
    bar.stop();
    console.log(`  ${'sequential (main thread)'.padEnd(26)}${secs(w.seconds(seq)).padStart(9)}  ${showOutputs(w, seq)}`);

    // Parallel: the same computation on the pool; progress comes back from the workers.
    bar = phaseBar('parallel  ', unit);
    const par = await w.parallel(pool, params, { onProgress: (done, total) => bar.update(done, total) });
    bar.stop();
    console.log(`  ${`parallel (${threads} threads)`.padEnd(26)}${secs(w.seconds(par)).padStart(9)}  ${showOutputs(w, par)}`);

    const differ = differingOutputs(w, seq, par);
    allIdentical &&= differ.length === 0;
    const speedup = w.seconds(seq) / w.seconds(par);
    const check = w.verify(params, par);
    console.log(`  ${differ.length === 0 ? 'outputs identical' : `OUTPUTS DIFFER: ${differ.join(', ')}`}; speedup ${speedup.toFixed(2)}x (efficiency ${((100 * speedup) / threads).toFixed(0)}%)`);
    for (const line of check.lines) console.log(`  check: ${line}`);
    console.log();
    summary.push({ name, size: w.describe(params), seq: w.seconds(seq), par: w.seconds(par), speedup });
  }

  // Dispatch throughput: tiny inline tasks through shared memory.
  const inc = (x) => x + 1;
  await Promise.all(Array.from({ length: 20_000 }, (_, i) => pool.run(inc, i))); // warm up
  const tiny = 200_000;
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: tiny }, (_, i) => pool.run(inc, i)));
  const tinySeconds = (performance.now() - t0) / 1000;
  if (!results.every((v, i) => v === i + 1)) throw new Error('wrong tiny-task result');
  console.log(`tiny tasks: ${tiny.toLocaleString('en-US')} × (x => x + 1) at ${Math.round(tiny / tinySeconds).toLocaleString('en-US')} tasks/s`);
  console.log();
} finally {
  await pool.close();
}

console.log(`Summary (${threads} threads, load average now ${load()}):`);
console.log('  workload      size                  sequential    parallel   speedup');
for (const r of summary) {
  console.log(`  ${r.name.padEnd(13)} ${r.size.padEnd(20)} ${secs(r.seq).padStart(11)} ${secs(r.par).padStart(11)} ${`${r.speedup.toFixed(2)}x`.padStart(9)}`);
}
console.log(allIdentical ? 'Parallel outputs identical to the sequential ones, bit for bit.' : 'PARALLEL OUTPUTS DIFFER from the sequential ones.');
if (!allIdentical) process.exitCode = 1;
