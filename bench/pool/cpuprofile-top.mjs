// Summarises a V8 .cpuprofile (from `node --cpu-prof`): top functions by self time
// and by inclusive time, optionally only inside a time window (monotonic µs, as the
// hr0/hr1 fields that bench/pool/child.mjs reports for its timed section).
// Usage: node bench/pool/cpuprofile-top.mjs FILE [N] [--window FROM_US TO_US]
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const w = argv.indexOf('--window');
const [from, to] = w >= 0 ? [Number(argv[w + 1]), Number(argv[w + 2])] : [-Infinity, Infinity];
if (w >= 0) argv.splice(w, 3);
const [file, nArg] = argv;
const N = Number(nArg ?? 25);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const dt = prof.timeDeltas;
let total = 0;
for (let i = 0, t = prof.startTime; i < prof.samples.length; i++) {
  t += dt[i] ?? 0;
  // A sample's delta is the time since the previous sample; count the samples inside the window.
  if (t < from || t > to) continue;
  const d = dt[i + 1] ?? 0;
  self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + d);
  total += d;
}
const key = (n) => {
  const f = n.callFrame;
  const url = f.url.replace(/^.*\/(dist|node_modules|bench)\//, '$1/').replace(/^node:/, '');
  return `${f.functionName || '(anonymous)'} ${url}${url ? `:${f.lineNumber + 1}` : ''}`;
};
const selfBy = new Map();
const inclBy = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + t);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(byId.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    inclBy.set(k, (inclBy.get(k) ?? 0) + t);
  }
}
const show = (title, m) => {
  console.log(`\n${title} (total ${(total / 1e3).toFixed(0)} ms sampled)`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, N)) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${(t / 1e3).toFixed(1).padStart(8)} ms  ${k}`);
};
show('self time', selfBy);
show('inclusive time', inclBy);
