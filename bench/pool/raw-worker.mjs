// Hand-written shared-memory baseline for (e) of `npm run bench -- pool`:
// raw worker_threads + Atomics, no library. Each worker owns the fixed range
// [lo, hi) of the shared array. Protocol over the Int32Array `ctl`:
//   ctl[GO]   generation counter; the main thread bumps it and notifies to start a round
//             (a negative value means exit);
//   ctl[DONE] workers finished in this round; each adds 1 and notifies after writing
//             its partial sum into partials[index].
// A startup handshake (first round answered with a message) lets (d) time a raw thread too.
import { workerData, parentPort } from 'node:worker_threads';

const GO = 0;
const DONE = 1;
const { ctl, a, partials, index, lo, hi } = workerData;

function sqrtSum(arr, from, to) {
  let s = 0;
  for (let i = from; i < to; i++) s += Math.sqrt(arr[i]);
  return s;
}

if (workerData.ping !== undefined) {
  // Startup mode: answer one value and leave.
  parentPort.postMessage(workerData.ping + 1);
} else {
  let seen = 0;
  for (;;) {
    Atomics.wait(ctl, GO, seen);
    const g = Atomics.load(ctl, GO);
    if (g < 0) break;
    if (g === seen) continue;
    seen = g;
    partials[index] = sqrtSum(a, lo, hi);
    Atomics.add(ctl, DONE, 1);
    Atomics.notify(ctl, DONE);
  }
}
