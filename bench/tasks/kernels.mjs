// Task module of `npm run bench -- tasks` (Tessera side). The piscina peer
// (peer-worker.mjs) runs the same functions, taking one argument object.

/** A small task: about 64 rounds of integer mixing (well under a microsecond). */
export function mix(a, b) {
  let h = (Math.imul(a, 31) + b) | 0;
  for (let i = 0; i < 64; i++) h = (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + i) | 0;
  return h & 0xffff;
}

export function seed(i) {
  return mix(i, 1);
}

/** Payload diamond: a vector of n float64 values (not shared memory). */
export function vector(i, n) {
  const v = new Float64Array(n);
  for (let k = 0; k < n; k++) v[k] = ((i * 131 + k * 7) % 1000) / 1000;
  return v;
}

/** Payload diamond: combines two vectors into a new one. */
export function combine(a, b) {
  const n = a.length;
  const v = new Float64Array(n);
  for (let k = 0; k < n; k++) v[k] = (a[k] + b[(k + 1) % n]) * 0.5 + 0.001;
  return v;
}

export function checksum(v) {
  let s = 0;
  for (let k = 0; k < v.length; k++) s += v[k] * (k % 7);
  return s;
}

/** Pipeline stage 1: a record from a number. */
export function parse(x) {
  return { id: x, v: mix(x, 7) };
}

/** Pipeline stage 2: adds a derived field. */
export function enrich(r) {
  return { id: r.id, v: r.v, w: mix(r.v, r.id) };
}

/** Pipeline stage 3 (on the main thread): keep even `w`. */
export function keep(r) {
  return (r.w & 1) === 0;
}

/** Pipeline stage 4: formats a record. */
export function format(r) {
  return `${r.id}:${r.w}`;
}
