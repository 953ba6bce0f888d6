import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { random } from 'tessera';

const M64 = (1n << 64n) - 1n;
const GAMMA = 0x9e3779b97f4a7c15n;

function mix64(z: bigint): bigint {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
  return z ^ (z >> 31n);
}

/** The reference: SplitMix64 in BigInt, keyed as documented in iter/random.ts. */
function reference(seed: number, stream: number, index: number): bigint {
  const k = mix64(BigInt(seed) ^ 0x243f6a8885a308d3n);
  const key = mix64((k + GAMMA * BigInt(stream + 1)) & M64);
  return mix64((key + GAMMA * BigInt(index + 1)) & M64);
}

describe('iter random - counter-based SplitMix64 streams', () => {
  it('matches a BigInt SplitMix64 for many keys, including large ones', () => {
    const cases: [number, number, number][] = [[0, 0, 0], [1, 0, 0], [42, 7, 123456], [2 ** 53 - 1, 2 ** 40, 2 ** 52], [2 ** 32, 2 ** 32 + 1, 2 ** 32 - 1]];
    for (let i = 0; i < 200; i++) cases.push([i * 7919, i % 5, i * 104729]);
    for (const [s, t, i] of cases) {
      const [h, l] = random.bits(s, t, i);
      assert.equal((BigInt(h) << 32n) | BigInt(l), reference(s, t, i), `(${s}, ${t}, ${i})`);
    }
  });

  it('a plain SplitMix64 sequence is what one stream walks through', () => {
    const key = mix64((mix64(5n ^ 0x243f6a8885a308d3n) + GAMMA * 4n) & M64);
    let state = key;
    for (let i = 0; i < 50; i++) {
      state = (state + GAMMA) & M64;
      const [h, l] = random.bits(5, 3, i);
      assert.equal((BigInt(h) << 32n) | BigInt(l), mix64(state));
    }
  });

  it('uniform is in [0, 1) with a plausible mean; streams differ', () => {
    let sum = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = random.uniform(9, 0, i);
      assert.ok(u >= 0 && u < 1);
      sum += u;
    }
    assert.ok(Math.abs(sum / n - 0.5) < 0.01);
    assert.notEqual(random.uniform(9, 0, 5), random.uniform(9, 1, 5));
    assert.notEqual(random.uniform(9, 0, 5), random.uniform(10, 0, 5));
    assert.equal(random.uniform(9, 0, 5), random.uniform(9, 0, 5));
  });

  it('normal has mean 0 and variance 1; int stays in range', () => {
    let s = 0;
    let q = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const z = random.normal(3, 0, i);
      s += z;
      q += z * z;
    }
    assert.ok(Math.abs(s / n) < 0.03);
    assert.ok(Math.abs(q / n - 1) < 0.03);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(random.int(1, 2, i, 1, 7));
    assert.deepEqual([...seen].sort(), [1, 2, 3, 4, 5, 6]);
  });
});
