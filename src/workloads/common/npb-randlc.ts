/**
 * NPB's linear congruential generator x_{k+1} = a*x_k mod 2^46 in double arithmetic,
 * exactly as NPB's `randlc`/`vranlc` (the "23-bit split"): a and x are split into
 * 23-bit halves so that every product and sum is an integer below 2^53, hence exact.
 * The result equals a uint64 multiply masked to 46 bits (what the C reference does).
 *
 * Unlike NPB (which passes x by reference), these functions return the new state;
 * the uniform deviate is `R46 * state`, the value *after* the multiplication.
 */

/** 2^-23. */
export const R23 = 1 / 8388608;
/** 2^-46. */
export const R46 = R23 * R23;
/** 2^23. */
export const T23 = 8388608;
/** 2^46. */
export const T46 = T23 * T23;

/**
 * One LCG step: returns a*x mod 2^46 (both arguments integers in [0, 2^46), as doubles).
 * NPB's `randlc(&x, a)` returns `R46 * randlcStep(x, a)` and stores the step in x.
 */
export function randlcStep(x: number, a: number): number {
  let t1 = R23 * a;
  const a1 = Math.trunc(t1);
  const a2 = a - T23 * a1;
  t1 = R23 * x;
  const x1 = Math.trunc(t1);
  const x2 = x - T23 * x1;
  t1 = a1 * x2 + a2 * x1;
  const t2 = Math.trunc(R23 * t1);
  const z = t1 - T23 * t2;
  const t3 = T23 * z + a2 * x2;
  const t4 = Math.trunc(R46 * t3);
  return t3 - T46 * t4;
}

/**
 * NPB `vranlc`: writes n uniforms R46*x_1 .. R46*x_n into y[offset..offset+n) and
 * returns the final state x_n.
 */
export function vranlc(n: number, x: number, a: number, y: Float64Array, offset = 0): number {
  const a1 = Math.trunc(R23 * a);
  const a2 = a - T23 * a1;
  for (let i = 0; i < n; i++) {
    const x1 = Math.trunc(R23 * x);
    const x2 = x - T23 * x1;
    const t1 = a1 * x2 + a2 * x1;
    const t2 = Math.trunc(R23 * t1);
    const z = t1 - T23 * t2;
    const t3 = T23 * z + a2 * x2;
    const t4 = Math.trunc(R46 * t3);
    x = t3 - T46 * t4;
    y[offset + i] = R46 * x;
  }
  return x;
}

/** a^e mod 2^46 (e a non-negative integer) by binary exponentiation with {@link randlcStep}. */
export function powMod46(a: number, e: number): number {
  let result = 1;
  let base = a;
  while (e > 0) {
    if (e % 2 === 1) result = randlcStep(result, base);
    e = Math.floor(e / 2);
    if (e > 0) base = randlcStep(base, base);
  }
  return result;
}
