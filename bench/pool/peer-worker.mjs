// Worker file for the piscina and tinypool peers of `npm run bench -- pool`.
// The default export is the tiny task; `sqrtSum` is the (e) kernel, taking one
// argument object (these pools pass a single argument) with a Float64Array over
// a SharedArrayBuffer (structured clone shares it, no copy).
export default (x) => x + 1;

export function sqrtSum({ a, lo, hi }) {
  let s = 0;
  for (let i = lo; i < hi; i++) s += Math.sqrt(a[i]);
  return s;
}
