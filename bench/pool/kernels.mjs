// Tessera task module for `npm run bench -- pool`: loaded with `pool.load(url)`.
// The Float64Array argument lives in a SharedArrayBuffer and travels as a handle.
export function inc(x) {
  return x + 1;
}

export function sumRange(a, lo, hi) {
  let s = 0;
  for (let i = lo; i < hi; i++) s += Math.sqrt(a[i]);
  return s;
}
