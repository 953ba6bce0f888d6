import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDist } from './load-dist.js';

const fnv = await loadDist<typeof import('../../dist/workloads/common/fnv1a64.js')>('workloads/common/fnv1a64.js');
const { fmix32 } = await loadDist<typeof import('../../dist/workloads/common/fmix32.js')>('workloads/common/fmix32.js');
const { Xoshiro128ss, xoshiroSeed } = await loadDist<typeof import('../../dist/workloads/common/xoshiro128ss.js')>('workloads/common/xoshiro128ss.js');
const { LcgNr } = await loadDist<typeof import('../../dist/workloads/common/lcg-nr.js')>('workloads/common/lcg-nr.js');
const randlc = await loadDist<typeof import('../../dist/workloads/common/npb-randlc.js')>('workloads/common/npb-randlc.js');
const { littleEndianBytes } = await loadDist<typeof import('../../dist/workloads/common/little-endian.js')>('workloads/common/little-endian.js');
const { chunkHits } = await loadDist<typeof import('../../dist/workloads/montecarlo-pi/kernel.js')>('workloads/montecarlo-pi/kernel.js');

const M64 = (1n << 64n) - 1n;
function fnvBig(bytes: Uint8Array): string {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & M64;
  return h.toString(16).padStart(16, '0');
}

void test('fnv1a64 - published test vectors', () => {
  const enc = new TextEncoder();
  assert.equal(fnv.fnv1a64Hex(new Uint8Array()), 'cbf29ce484222325');
  assert.equal(fnv.fnv1a64Hex(enc.encode('a')), 'af63dc4c8601ec8c');
  assert.equal(fnv.fnv1a64Hex(enc.encode('foobar')), '85944171f73967e8');
});

void test('fnv1a64 - equals a BigInt reference on seeded random bytes, incremental = one shot', () => {
  const rng = new Xoshiro128ss(7);
  const bytes = new Uint8Array(5000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = rng.next() & 0xff;
  const h = fnv.fnv1a64Hex(bytes);
  assert.equal(h, fnvBig(bytes));
  const inc = new fnv.Fnv1a64().update(bytes, 0, 1234).update(bytes, 1234, 4999).update(bytes.subarray(4999));
  assert.equal(inc.hex(), h);
  assert.equal(inc.bigint(), BigInt('0x' + h));
});

void test('littleEndianBytes - binary64 bytes are little-endian', () => {
  const b = littleEndianBytes(Float64Array.of(1.0));
  assert.deepEqual([...b], [0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
});

void test('fmix32 - MurmurHash3 finalizer against a BigInt reference', () => {
  const ref = (z0: number): number => {
    let z = BigInt(z0);
    const m = 0xffffffffn;
    z ^= z >> 16n; z = (z * 0x85ebca6bn) & m; z ^= z >> 13n; z = (z * 0xc2b2ae35n) & m; z ^= z >> 16n;
    return Number(z);
  };
  for (const z of [0, 1, 2, 12345, 0x7fffffff, 0x80000000, 0xffffffff, 0xdeadbeef]) assert.equal(fmix32(z), ref(z));
  assert.equal(fmix32(0), 0);
});

void test('xoshiro128ss - seeding and steps against a BigInt reference', () => {
  const m = 0xffffffffn;
  const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & m;
  for (const key of [0, 1, 199, 12345]) {
    const s = xoshiroSeed(key).map(BigInt);
    assert.deepEqual(s.map(Number), [1, 2, 3, 4].map((i) => fmix32((key * 4 + i) >>> 0)));
    const g = new Xoshiro128ss(key);
    for (let i = 0; i < 200; i++) {
      const r = (rotl((s[1]! * 5n) & m, 7n) * 9n) & m;
      const t = (s[1]! << 9n) & m;
      s[2]! ^= s[0]!; s[3]! ^= s[1]!; s[1]! ^= s[2]!; s[0]! ^= s[3]!; s[2]! ^= t; s[3] = rotl(s[3]!, 11n);
      assert.equal(g.next(), Number(r));
    }
    assert.deepEqual(g.state(), s.map(Number));
  }
});

void test('xoshiro128ss - double53 is (a*2^26 + b)/2^53 of two outputs', () => {
  const g = new Xoshiro128ss(12345);
  const h = new Xoshiro128ss(12345);
  for (let i = 0; i < 100; i++) {
    const a = h.next() >>> 5;
    const b = h.next() >>> 6;
    const d = g.double53();
    assert.equal(d, (a * 2 ** 26 + b) / 2 ** 53);
    assert.ok(d >= 0 && d < 1);
  }
});

void test('montecarlo-pi - inlined generator in chunkHits equals the Xoshiro128ss class', () => {
  for (const c of [0, 3, 199]) {
    const g = new Xoshiro128ss(c);
    let hits = 0;
    for (let i = 0; i < 20000; i++) {
      const a = g.next() >>> 6;
      const b = g.next() >>> 6;
      if (a * a + b * b < 2 ** 52) hits++;
    }
    assert.equal(chunkHits(c, 20000), hits);
  }
});

void test('lcg-nr - first states from seed 42', () => {
  const g = new LcgNr(42);
  let s = 42n;
  for (let i = 0; i < 100; i++) {
    s = (1664525n * s + 1013904223n) & 0xffffffffn;
    assert.equal(g.uniform(), Number(s) / 2 ** 32);
  }
});

void test('npb-randlc - 23-bit split equals exact 46-bit modular multiplication', () => {
  const mask = (1n << 46n) - 1n;
  const a = 1220703125;
  let x = 271828183;
  let xb = 271828183n;
  const y = new Float64Array(1000);
  const last = randlc.vranlc(1000, x, a, y);
  for (let i = 0; i < 1000; i++) {
    xb = (xb * BigInt(a)) & mask;
    x = randlc.randlcStep(x, a);
    assert.equal(x, Number(xb));
    assert.equal(y[i], Number(xb) * 2 ** -46);
  }
  assert.equal(last, x);
  let p = 1n;
  for (let i = 0; i < 2 ** 17; i++) p = (p * BigInt(a)) & mask;
  assert.equal(randlc.powMod46(a, 2 ** 17), Number(p));
});
