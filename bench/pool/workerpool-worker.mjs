// Worker file for the workerpool peer of `npm run bench -- pool`:
// `pool.exec('inc', [x])` and `pool.exec('sqrtSum', [a, lo, hi])`.
import workerpool from 'workerpool';

function sqrtSum(a, lo, hi) {
  let s = 0;
  for (let i = lo; i < hi; i++) s += Math.sqrt(a[i]);
  return s;
}

workerpool.worker({ inc: (x) => x + 1, sqrtSum });
