// `npm run bench -- sync [--runs N] [--quick]`: costs of the sync primitives.
//   - uncontended lock/unlock on one thread (Mutex, RwLock, Semaphore, tryLock)
//   - contended lock/unlock with 2 and 4 workers on one Mutex
//   - channel throughput worker→worker vs a MessageChannel/postMessage baseline, same run
//   - padded vs unpadded (false-sharing) counters, each worker bumping its own counter
// Each figure is the median of --runs runs (default 5). Results are recorded in bench/RESULTS.md.
import { Worker, MessageChannel } from 'node:worker_threads';
import { availableParallelism, loadavg, cpus } from 'node:os';
import { Mutex, RwLock, Semaphore, Channel, PaddedCounters } from 'tessera';

const WORKER = new URL('./_sync-worker.mjs', import.meta.url);
const absNow = () => performance.timeOrigin + performance.now();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmt(n, digits = 1) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(digits);
}

/** Starts workers, waits until they are all ready, releases them together; returns ms until the last one ends. */
async function timed(datas, transfer = () => []) {
  const start = new Int32Array(new SharedArrayBuffer(8)); // [0] go, [1] workers ready
  const ends = [];
  const workers = datas.map((d) => new Worker(WORKER, { workerData: { ...d, start }, transferList: transfer(d) }));
  const done = workers.map((w) => new Promise((resolve, reject) => {
    w.on('message', (m) => { if (m.end !== undefined) { ends.push(m.end); resolve(m); } });
    w.on('error', reject);
  }));
  // Let every worker reach its start line (module load and setup), then go.
  while (Atomics.load(start, 1) < datas.length) await new Promise((r) => setTimeout(r, 2));
  const t0 = absNow();
  Atomics.store(start, 0, 1);
  Atomics.notify(start, 0);
  const results = await Promise.all(done);
  await Promise.all(workers.map((w) => w.terminate()));
  return { ms: Math.max(...ends) - t0, results };
}

function uncontended(label, iters, body) {
  body(1000); // warm up
  const t0 = performance.now();
  body(iters);
  return { label, nsPerOp: ((performance.now() - t0) * 1e6) / iters };
}

export async function main(args) {
  const runs = Number(args[args.indexOf('--runs') + 1]) || (args.includes('--quick') ? 3 : 5);
  const quick = args.includes('--quick');
  const scale = quick ? 0.25 : 1;
  console.log(`sync bench: ${runs} runs each, median; ${availableParallelism()} CPUs (${cpus()[0]?.model}), load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}`);

  // 1. Uncontended (one thread, blocking forms, guards included).
  const N = Math.round(2_000_000 * scale);
  const mutex = new Mutex();
  const mutexStats = new Mutex({ stats: true });
  const rw = new RwLock();
  const sem = new Semaphore(1);
  const cases = [
    ['Mutex lock()+unlock()', (n) => { for (let i = 0; i < n; i++) mutex.lock().unlock(); }],
    ['Mutex tryLock()+unlock()', (n) => { for (let i = 0; i < n; i++) mutex.tryLock().unlock(); }],
    ['Mutex {stats} lock()+unlock()', (n) => { for (let i = 0; i < n; i++) mutexStats.lock().unlock(); }],
    ['RwLock read()+unlock()', (n) => { for (let i = 0; i < n; i++) rw.read().unlock(); }],
    ['RwLock write()+unlock()', (n) => { for (let i = 0; i < n; i++) rw.write().unlock(); }],
    ['Semaphore acquire()+release()', (n) => { for (let i = 0; i < n; i++) sem.acquire().release(); }],
  ];
  console.log('\n## Uncontended lock/unlock (one thread)');
  console.log('| operation | ns/op (median) |\n| --- | ---: |');
  const unc = {};
  for (const [label, body] of cases) {
    const xs = [];
    for (let r = 0; r < runs; r++) xs.push(uncontended(label, N, body).nsPerOp);
    unc[label] = median(xs);
    console.log(`| ${label} | ${unc[label].toFixed(1)} |`);
  }

  // 2. Contended: W workers hammer one lock, tiny critical section.
  console.log('\n## Contended lock/unlock (workers on one lock, critical section = one increment)');
  console.log('| lock | workers | total ops | ns/op (median) | ops/s |\n| --- | ---: | ---: | ---: | ---: |');
  const contended = {};
  for (const [kind, make] of [['mutex', () => new Mutex()], ['rwlock-write', () => new RwLock()]]) {
    for (const workers of [2, 4]) {
      const iters = Math.round(500_000 * scale);
      const xs = [];
      for (let r = 0; r < runs; r++) {
        const lock = make();
        const data = new Int32Array(new SharedArrayBuffer(64));
        const { ms } = await timed(Array.from({ length: workers }, () => ({ kind, lock: lock.handle, data, iters })));
        if (data[0] !== workers * iters) throw new Error(`lost updates: ${data[0]} != ${workers * iters}`);
        xs.push((ms * 1e6) / (workers * iters));
      }
      const ns = median(xs);
      contended[`${kind}/${workers}`] = ns;
      console.log(`| ${kind === 'mutex' ? 'Mutex' : 'RwLock (write)'} | ${workers} | ${fmt(workers * iters)} | ${ns.toFixed(1)} | ${fmt(1e9 / ns)} |`);
    }
  }

  // 3. Channel throughput vs postMessage, one producer worker → one consumer worker.
  console.log('\n## Channel throughput, 1 producer worker → 1 consumer worker, small numeric messages (capacity 1024)');
  console.log('| transport | messages | msgs/s (median) | vs postMessage |\n| --- | ---: | ---: | ---: |');
  const postN = Math.round(500_000 * scale);
  const xsPost = [];
  for (let r = 0; r < runs; r++) {
    const { port1, port2 } = new MessageChannel();
    const start = new Int32Array(new SharedArrayBuffer(8));
    const recv = new Worker(WORKER, { workerData: { kind: 'post-recv', port: port2, iters: postN, start }, transferList: [port2] });
    const ready = new Promise((r2) => recv.once('message', r2));
    const ended = new Promise((resolve, reject) => {
      recv.on('message', (m) => { if (m.end !== undefined) resolve(m); });
      recv.on('error', reject);
    });
    await ready;
    const send = new Worker(WORKER, { workerData: { kind: 'post-send', port: port1, iters: postN, start }, transferList: [port1] });
    while (Atomics.load(start, 1) < 2) await new Promise((r2) => setTimeout(r2, 2));
    const t0 = absNow();
    Atomics.store(start, 0, 1);
    Atomics.notify(start, 0);
    const m = await ended;
    xsPost.push(postN / ((m.end - t0) / 1000));
    await Promise.all([recv.terminate(), send.terminate()]);
  }
  const post = median(xsPost);
  console.log(`| MessageChannel postMessage (one number per message) | ${fmt(postN)} | ${fmt(post)} | 1.0x |`);
  const channelRates = {};
  const channelCases = [
    ['Channel.int32, send()/recv() per message', () => Channel.int32(1024), 'channel-send', 'channel-recv'],
    ['Channel.numbers (f64), send()/recv() per message', () => Channel.numbers(1024), 'channel-send', 'channel-recv'],
    ['Channel.int32, sendMany()/recvMany() in runs of 256', () => Channel.int32(1024), 'channel-send-many', 'channel-recv-many'],
    ['Channel.numbers (f64), sendMany()/recvMany() in runs of 256', () => Channel.numbers(1024), 'channel-send-many', 'channel-recv-many'],
  ];
  for (const [label, make, sendKind, recvKind] of channelCases) {
    const iters = Math.round((sendKind === 'channel-send' ? 3_000_000 : 10_000_000) * scale);
    const xs = [];
    for (let r = 0; r < runs; r++) {
      const ch = make();
      const { ms, results } = await timed([{ kind: sendKind, channel: ch.handle, iters, batch: 256 }, { kind: recvKind, channel: ch.handle, iters, batch: 256 }]);
      const sum = results.find((x) => x.sum !== undefined)?.sum;
      if (sum !== (iters * (iters - 1)) / 2) throw new Error(`channel lost messages: sum ${sum}`);
      xs.push(iters / (ms / 1000));
    }
    channelRates[label] = median(xs);
    console.log(`| ${label} | ${fmt(iters)} | ${fmt(channelRates[label])} | ${(channelRates[label] / post).toFixed(1)}x |`);
  }

  // 4. False sharing: each worker increments its own counter.
  console.log('\n## Padded vs unpadded counters (each worker bumps its own counter with Atomics.add)');
  console.log('| workers | layout | increments | ns/increment (median) | padded speed-up |\n| --- | --- | ---: | ---: | ---: |');
  const counters = {};
  for (const workers of [2, 4]) {
    const iters = Math.round(5_000_000 * scale);
    const res = {};
    for (const padded of [false, true]) {
      const xs = [];
      for (let r = 0; r < runs; r++) {
        const c = new PaddedCounters(workers, { padded });
        const { ms } = await timed(Array.from({ length: workers }, (_, me) => ({ kind: 'counter', counters: c.handle, iters, me })));
        if (c.sum() !== workers * iters) throw new Error('lost increments');
        xs.push((ms * 1e6) / (workers * iters));
      }
      res[padded] = median(xs);
    }
    counters[workers] = res;
    console.log(`| ${workers} | unpadded (4 B apart) | ${fmt(workers * iters)} | ${res[false].toFixed(2)} | |`);
    console.log(`| ${workers} | padded (128 B apart) | ${fmt(workers * iters)} | ${res[true].toFixed(2)} | ${(res[false] / res[true]).toFixed(2)}x |`);
  }

  console.log('\n## Ratios');
  for (const [label, rate] of Object.entries(channelRates)) console.log(`- ${label}: ${(rate / post).toFixed(1)}x postMessage (target >= 10x)`);
  console.log(`- contended Mutex, 2 workers: ${(contended['mutex/2'] / unc['Mutex lock()+unlock()']).toFixed(1)}x the uncontended cost`);
  for (const w of [2, 4]) console.log(`- padded counters, ${w} workers: ${(counters[w][false] / counters[w][true]).toFixed(2)}x faster than unpadded`);
  console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}
