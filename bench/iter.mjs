// `npm run bench -- iter [--runs N] [--quick] [--threads 1,2]`: parallel iterators, sort, matmul (issue 4).
//   - sqrt-sum over 20M indices: sequential loop, a hand-written shared-memory split (one pool.run task
//     per thread summing its block), and pool.range(0, n).map(Math.sqrt).sum() under every policy;
//   - sort of 20M float64: Float64Array.prototype.sort vs pool.sort (radix) vs pool.sortUnstable;
//   - matmul 1024: the sequential blocked kernel vs a hand-written row split vs pool.matmul (GFLOP/s).
// Every figure is the median of --runs runs (default 5; 3 for the sorts). All variants run in the
// same process, interleaved per run, so machine load hits them alike. Results go to bench/RESULTS.md.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { Pool, shared, matmulSeq } from 'tessera';

const POLICIES = ['static', 'dynamic', 'guided', 'adaptive'];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function time(fn) {
  const t0 = performance.now();
  const v = await fn();
  return { ms: performance.now() - t0, v };
}

/** Runs each variant `runs` times, interleaved; returns { name: { ms: median, min, v } }. */
async function measure(variants, runs, warmup = 1) {
  const names = Object.keys(variants);
  const ms = Object.fromEntries(names.map((n) => [n, []]));
  const vals = {};
  for (let r = 0; r < warmup + runs; r++) {
    for (const n of names) {
      const { ms: t, v } = await time(variants[n]);
      if (r >= warmup) ms[n].push(t);
      vals[n] = v;
    }
  }
  return Object.fromEntries(names.map((n) => [n, { ms: median(ms[n]), min: Math.min(...ms[n]), v: vals[n] }]));
}

function seqSqrtSum(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.sqrt(i);
  return s;
}

/** The hand-written split: one task per thread, each summing its contiguous block. */
async function handSqrtSum(pool, n) {
  const T = pool.threads;
  const ps = [];
  for (let r = 0; r < T; r++) {
    ps.push(
      pool.run(
        (r, { context: c }) => {
          const lo = Math.floor((r * c.n) / c.T);
          const hi = Math.floor(((r + 1) * c.n) / c.T);
          let s = 0;
          for (let i = lo; i < hi; i++) s += Math.sqrt(i);
          return s;
        },
        r,
        { context: { n, T } },
      ),
    );
  }
  let s = 0;
  for (const x of await Promise.all(ps)) s += x;
  return s;
}

/** The hand-written matmul split: one task per thread over a contiguous range of rows, same loops as matmulRows. */
async function handMatmul(pool, a, b, c, N) {
  const T = pool.threads;
  const ps = [];
  for (let r = 0; r < T; r++) {
    ps.push(
      pool.run(
        (r, { context: x }) => {
          const { a, b, c, N, T } = x;
          const i0 = Math.floor((r * N) / T);
          const i1 = Math.floor(((r + 1) * N) / T);
          const k = N;
          const n = N;
          c.fill(0, i0 * n, i1 * n);
          for (let jj = 0; jj < n; jj += 512) {
            const je = Math.min(n, jj + 512);
            for (let kk = 0; kk < k; kk += 128) {
              const ke = Math.min(k, kk + 128);
              for (let i = i0; i < i1; i++) {
                const ci = i * n;
                const ai = i * k;
                let p = kk;
                for (; p + 3 < ke; p += 4) {
                  const a0 = a[ai + p], a1 = a[ai + p + 1], a2 = a[ai + p + 2], a3 = a[ai + p + 3];
                  const b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
                  for (let j = jj; j < je; j++) c[ci + j] = c[ci + j] + a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
                }
                for (; p < ke; p++) {
                  const ap = a[ai + p];
                  const bp = p * n;
                  for (let j = jj; j < je; j++) c[ci + j] = c[ci + j] + ap * b[bp + j];
                }
              }
            }
          }
        },
        r,
        { context: { a, b, c, N, T } },
      ),
    );
  }
  await Promise.all(ps);
}

function row(cells) {
  return `| ${cells.join(' | ')} |`;
}

export async function main(args) {
  const quick = args.includes('--quick');
  const runs = Number(args[args.indexOf('--runs') + 1]) || (quick ? 3 : 5);
  const threadList = args.includes('--threads') ? args[args.indexOf('--threads') + 1].split(',').map(Number) : [1, 2];
  const n = quick ? 2_000_000 : 20_000_000;
  const sortN = quick ? 2_000_000 : 20_000_000;
  const N = quick ? 256 : 1024;
  console.log(`iter bench: median of ${runs} runs; ${availableParallelism()} CPUs (${cpus()[0]?.model}), load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}`);

  // ------------------------------------------------------------ sqrt-sum
  console.log(`\n### sqrt-sum over ${n.toLocaleString('en')} indices\n`);
  console.log(row(['threads', 'variant', 'ms (median)', 'ms (min)', 'speedup vs sequential', 'vs hand-written split']));
  console.log(row(['---:', '---', '---:', '---:', '---:', '---:']));
  const bits = new Set();
  for (const threads of threadList) {
    const pool = new Pool({ threads });
    try {
      const variants = { sequential: () => seqSqrtSum(n), 'hand-written split': () => handSqrtSum(pool, n) };
      for (const p of POLICIES) variants[`range.map.sum (${p})`] = () => pool.range(0, n).map(Math.sqrt).sum({ schedule: p });
      const m = await measure(variants, runs);
      const seq = m.sequential.ms;
      const hand = m['hand-written split'].ms;
      for (const [name, r] of Object.entries(m)) {
        if (name.startsWith('range')) bits.add(r.v);
        const vsHand = name === 'sequential' ? '' : `${((hand / r.ms) * 100).toFixed(0)}%`;
        console.log(row([threads, name, r.ms.toFixed(1), r.min.toFixed(1), `${(seq / r.ms).toFixed(2)}×`, vsHand]));
      }
    } finally {
      await pool.terminate();
    }
  }
  console.log(`\nDistinct sums over every thread count and policy: ${bits.size} (${[...bits].join(', ')})`);

  // ----------------------------------------------------------------- sort
  console.log(`\n### sort of ${sortN.toLocaleString('en')} float64 (uniform in [-1e6, 1e6))\n`);
  console.log(row(['threads', 'variant', 'ms (median)', 'ms (min)', 'speedup vs Float64Array.prototype.sort']));
  console.log(row(['---:', '---', '---:', '---:', '---:']));
  const data = new Float64Array(sortN);
  let seed = 12345;
  for (let i = 0; i < sortN; i++) {
    seed = (seed * 16807) % 2147483647;
    data[i] = (seed / 2147483647 - 0.5) * 2e6;
  }
  const work = shared.float64(sortN);
  const sortRuns = Math.max(1, Math.min(runs, 3));
  let nativeMs;
  {
    const m = await measure({ 'Float64Array.prototype.sort': () => { const c = data.slice(); c.sort(); return c; } }, sortRuns, 0);
    nativeMs = m['Float64Array.prototype.sort'].ms;
    console.log(row(['main', 'Float64Array.prototype.sort', nativeMs.toFixed(0), m['Float64Array.prototype.sort'].min.toFixed(0), '1.00×']));
    var reference = m['Float64Array.prototype.sort'].v;
  }
  for (const threads of threadList) {
    const pool = new Pool({ threads });
    try {
      const m = await measure(
        {
          'pool.sort (radix)': async () => { work.set(data); await pool.sort(work); return work.every((x, i) => Object.is(x, reference[i])); },
          'pool.sortUnstable': async () => { work.set(data); await pool.sortUnstable(work); return work.every((x, i) => Object.is(x, reference[i])); },
        },
        sortRuns,
        1,
      );
      for (const [name, r] of Object.entries(m)) {
        if (r.v !== true) throw new Error(`${name} did not equal the sequential sort`);
        console.log(row([threads, name, r.ms.toFixed(0), r.min.toFixed(0), `${(nativeMs / r.ms).toFixed(2)}×`]));
      }
    } finally {
      await pool.terminate();
    }
  }
  console.log('\n(sort times include refilling the shared array from the input: one 160 MB memcpy.)');

  // --------------------------------------------------------------- matmul
  console.log(`\n### matmul ${N}×${N} (float64)\n`);
  console.log(row(['threads', 'variant', 'ms (median)', 'GFLOP/s', 'speedup vs sequential', 'vs hand-written split']));
  console.log(row(['---:', '---', '---:', '---:', '---:', '---:']));
  const A = shared.float64(N * N);
  const B = shared.float64(N * N);
  for (let i = 0; i < N * N; i++) {
    A[i] = Math.sin(i);
    B[i] = Math.cos(i);
  }
  const C = shared.float64(N * N);
  const flop = 2 * N ** 3;
  const mmRuns = Math.max(1, Math.min(runs, 3));
  let seqMm;
  {
    const m = await measure({ sequential: () => matmulSeq(A, B, N, N, N) }, mmRuns, 1);
    seqMm = m.sequential.ms;
    console.log(row(['main', 'sequential (matmulSeq)', seqMm.toFixed(0), (flop / seqMm / 1e6).toFixed(2), '1.00×', '']));
    var mmRef = m.sequential.v;
  }
  for (const threads of threadList) {
    const pool = new Pool({ threads });
    try {
      const variants = { 'hand-written split': () => handMatmul(pool, A, B, C, N) };
      for (const p of ['static', 'adaptive']) variants[`pool.matmul (${p})`] = async () => { await pool.matmul(A, B, N, N, N, { out: C, schedule: p }); return C.every((x, i) => x === mmRef[i]); };
      const m = await measure(variants, mmRuns, 1);
      const hand = m['hand-written split'].ms;
      for (const [name, r] of Object.entries(m)) {
        if (name.startsWith('pool') && r.v !== true) throw new Error(`${name} differs from the sequential result`);
        const vsHand = name.startsWith('hand') ? '' : `${((hand / r.ms) * 100).toFixed(0)}%`;
        console.log(row([threads, name, r.ms.toFixed(0), (flop / r.ms / 1e6).toFixed(2), `${(seqMm / r.ms).toFixed(2)}×`, vsHand]));
      }
    } finally {
      await pool.terminate();
    }
  }
  console.log(`\nload average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}
