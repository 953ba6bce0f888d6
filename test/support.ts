/** Helpers shared by the test files (compiled to build/test/support.js). */
import { Pool, type PoolOptions } from 'tessera';

/** URL of a fixture file under test/fixtures/ (the sources, not the build). */
export function fixture(path: string): URL {
  return new URL(`../../test/fixtures/${path}`, import.meta.url);
}

/** Runs `body` with a fresh pool and always terminates it afterwards. */
export async function withPool<T>(options: PoolOptions, body: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool(options);
  try {
    return await body(pool);
  } finally {
    await pool.terminate();
  }
}

/** A seeded PRNG (mulberry32) for reproducible random test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
