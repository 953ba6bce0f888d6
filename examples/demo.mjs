// `npm start`: a short demo of the pool on this machine — dispatch throughput
// for tiny tasks, and the speedup of a CPU-bound job split into tasks, with a
// progress bar. Runs in about ten seconds, needs no server.
import { availableParallelism, loadavg } from 'node:os';
import cliProgress from 'cli-progress';
import { Pool } from 'tessera';
import { countPrimes } from './primes.mjs';

const threads = availableParallelism();
const pool = new Pool({ threads });
const primes = await pool.load(new URL('./primes.mjs', import.meta.url));
console.log(`Tessera demo — ${threads} worker threads, load average ${loadavg()[0].toFixed(2)}\n`);

// 1. Throughput: tiny tasks through shared memory.
const inc = (x) => x + 1;
await Promise.all(Array.from({ length: 20_000 }, (_, i) => pool.run(inc, i))); // warm up
const tiny = 200_000;
let t = performance.now();
const tinyResults = await Promise.all(Array.from({ length: tiny }, (_, i) => pool.run(inc, i)));
const tinySeconds = (performance.now() - t) / 1000;
if (!tinyResults.every((v, i) => v === i + 1)) throw new Error('wrong tiny-task result');
console.log(`1. ${tiny.toLocaleString()} tiny tasks (x => x + 1): ${(tiny / tinySeconds).toLocaleString(undefined, { maximumFractionDigits: 0 })} tasks/s\n`);

// 2. Speedup: count the primes below N, sequentially and as 64 tasks on the pool.
const N = 5_000_000;
const pieces = 64;
const bounds = Array.from({ length: pieces }, (_, i) => [Math.floor((i * N) / pieces), Math.floor(((i + 1) * N) / pieces)]);
const bar = new cliProgress.SingleBar(
  { format: '   {phase} |{bar}| {value}/{total} pieces', hideCursor: true, noTTYOutput: false, stopOnComplete: true },
  cliProgress.Presets.shades_classic,
);
console.log(`2. Count the primes below ${N.toLocaleString()} in ${pieces} pieces`);

bar.start(pieces, 0, { phase: 'sequential' });
t = performance.now();
let sequential = 0;
for (const [lo, hi] of bounds) {
  sequential += countPrimes(lo, hi);
  bar.increment();
}
const seqSeconds = (performance.now() - t) / 1000;
bar.stop();

bar.start(pieces, 0, { phase: 'parallel  ' });
t = performance.now();
const counts = await Promise.all(bounds.map(([lo, hi]) => primes.countPrimes(lo, hi).then((c) => (bar.increment(), c))));
const parSeconds = (performance.now() - t) / 1000;
bar.stop();
const parallel = counts.reduce((a, b) => a + b, 0);
if (parallel !== sequential) throw new Error(`parallel ${parallel} != sequential ${sequential}`);

console.log(`   ${sequential.toLocaleString()} primes (parallel result identical)`);
console.log(`   sequential ${seqSeconds.toFixed(2)} s, ${threads} threads ${parSeconds.toFixed(2)} s: speedup ${(seqSeconds / parSeconds).toFixed(2)}x\n`);

const stats = pool.stats();
console.log('Per worker:');
for (const w of stats.workers) {
  console.log(`   worker ${w.index}: ${w.tasksRun.toLocaleString()} tasks, ${w.tasksStolen} stolen, busy ${w.busyMs.toFixed(0)} ms, idle ${w.idleMs.toFixed(0)} ms`);
}
await pool.close();
