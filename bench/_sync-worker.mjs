// Worker side of bench/sync.mjs. Waits on a start flag, runs one kernel, and
// reports its absolute end time (performance.timeOrigin + now()).
import { workerData, parentPort } from 'node:worker_threads';
import { Mutex, RwLock, Channel, PaddedCounters } from 'tessera';

const { kind, start, iters, me } = workerData;
const absNow = () => performance.timeOrigin + performance.now();

/** Counts this worker in as ready (start[1]) and blocks until the go flag (start[0]). */
function waitStart() {
  Atomics.add(start, 1, 1);
  Atomics.notify(start, 1);
  while (Atomics.load(start, 0) === 0) Atomics.wait(start, 0, 0);
}

function report(extra = {}) {
  parentPort.postMessage({ end: absNow(), ...extra });
}

switch (kind) {
  case 'mutex': {
    const m = Mutex.fromHandle(workerData.lock);
    const data = workerData.data;
    waitStart();
    for (let i = 0; i < iters; i++) {
      const g = m.lock();
      data[0]++;
      g.unlock();
    }
    report();
    break;
  }
  case 'rwlock-write': {
    const l = RwLock.fromHandle(workerData.lock);
    const data = workerData.data;
    waitStart();
    for (let i = 0; i < iters; i++) {
      const g = l.write();
      data[0]++;
      g.unlock();
    }
    report();
    break;
  }
  case 'channel-send': {
    const ch = Channel.fromHandle(workerData.channel);
    waitStart();
    for (let i = 0; i < iters; i++) ch.send(i);
    report();
    break;
  }
  case 'channel-recv': {
    const ch = Channel.fromHandle(workerData.channel);
    waitStart();
    let sum = 0;
    for (let i = 0; i < iters; i++) sum += ch.recv();
    report({ sum });
    break;
  }
  case 'channel-send-many': {
    // Sends 0 … iters-1 in batches of `batch` small numbers.
    const ch = Channel.fromHandle(workerData.channel);
    const buf = ch.mode === 'i32' ? new Int32Array(workerData.batch) : new Float64Array(workerData.batch);
    waitStart();
    for (let i = 0; i < iters; i += buf.length) {
      const n = Math.min(buf.length, iters - i);
      for (let k = 0; k < n; k++) buf[k] = i + k;
      ch.sendMany(n === buf.length ? buf : buf.subarray(0, n));
    }
    report();
    break;
  }
  case 'channel-recv-many': {
    const ch = Channel.fromHandle(workerData.channel);
    const buf = ch.mode === 'i32' ? new Int32Array(workerData.batch) : new Float64Array(workerData.batch);
    waitStart();
    let sum = 0;
    for (let got = 0; got < iters;) {
      const n = ch.recvMany(buf);
      for (let k = 0; k < n; k++) sum += buf[k];
      got += n;
    }
    report({ sum });
    break;
  }
  case 'post-send': {
    const port = workerData.port;
    waitStart();
    for (let i = 0; i < iters; i++) port.postMessage(i);
    report();
    break;
  }
  case 'post-recv': {
    const port = workerData.port;
    let n = 0;
    let sum = 0;
    port.on('message', (v) => {
      sum += v;
      if (++n === iters) {
        report({ sum });
        port.close();
      }
    });
    Atomics.add(start, 1, 1);
    parentPort.postMessage({ ready: true });
    break;
  }
  case 'counter': {
    const c = PaddedCounters.fromHandle(workerData.counters);
    waitStart();
    for (let i = 0; i < iters; i++) c.increment(me);
    report();
    break;
  }
  default:
    throw new Error(`unknown kind ${kind}`);
}
