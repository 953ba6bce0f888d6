/**
 * Per-lock contention statistics in shared memory, aggregated over every
 * thread that uses the lock. Enabled per lock with `{ stats: true }`; when
 * disabled nothing is recorded and nothing is allocated.
 *
 * Layout (int32 words from `base`, {@link STATS_WORDS} in all):
 *   [0] ACQUISITIONS   successful acquisitions (wraps at 2^31)
 *   [1] CONTENDED      acquisitions that found the lock taken and had to spin or wait
 *   [2] TIMEOUTS       waits that gave up (timeout or abort)
 *   [3] WAIT_US_LO     total wait in µs, low 32 bits (unsigned)
 *   [4] WAIT_US_HI     total wait in µs, high bits (carry from WAIT_US_LO)
 *   [5] MAX_WAIT_US    longest single wait in µs (int32, saturating)
 *
 * The 64-bit total is two words updated one after the other: a reader racing
 * with a carry may see it 2^32 µs low for an instant. Statistics, not accounting.
 */
import { add, cas, load, store } from '../memory/atomics.js';

const ACQUISITIONS = 0;
const CONTENDED = 1;
const TIMEOUTS = 2;
const WAIT_US_LO = 3;
const WAIT_US_HI = 4;
const MAX_WAIT_US = 5;

/** Words a statistics block occupies. */
export const STATS_WORDS = 8;

const MAX_INT32 = 0x7fffffff;

/** A snapshot of a lock's contention statistics. */
export interface LockStats {
  /** Successful acquisitions (every mode of the lock). */
  acquisitions: number;
  /** Acquisitions that found the lock taken and had to spin or wait. */
  contended: number;
  /** Waits that gave up by timeout or abort. */
  timeouts: number;
  /** Total time spent waiting by contended acquisitions and given-up waits, in ms. */
  totalWaitMs: number;
  /** Longest single wait, in ms. */
  maxWaitMs: number;
}

/** Writer and reader of one statistics block. Used by the locks; read it through their `stats()`. */
export class ContentionStats {
  readonly #a: Int32Array;
  readonly #base: number;

  constructor(words: Int32Array, base: number) {
    this.#a = words;
    this.#base = base;
  }

  /** Records an acquisition that did not wait. */
  uncontended(): void {
    add(this.#a, this.#base + ACQUISITIONS, 1);
  }

  /** Records an acquisition after waiting `waitedMs`. */
  contended(waitedMs: number): void {
    add(this.#a, this.#base + ACQUISITIONS, 1);
    add(this.#a, this.#base + CONTENDED, 1);
    this.#addWait(waitedMs);
  }

  /** Records a wait of `waitedMs` that gave up. */
  gaveUp(waitedMs: number): void {
    add(this.#a, this.#base + TIMEOUTS, 1);
    this.#addWait(waitedMs);
  }

  #addWait(waitedMs: number): void {
    const a = this.#a;
    const b = this.#base;
    const us = Math.min(MAX_INT32, Math.max(0, Math.round(waitedMs * 1000)));
    const before = add(a, b + WAIT_US_LO, us) >>> 0;
    if (before + us > 0xffffffff) add(a, b + WAIT_US_HI, 1);
    let max = load(a, b + MAX_WAIT_US);
    while (us > max) {
      const seen = cas(a, b + MAX_WAIT_US, max, us);
      if (seen === max) break;
      max = seen;
    }
  }

  /** A consistent-enough snapshot of the counters. */
  snapshot(): LockStats {
    const a = this.#a;
    const b = this.#base;
    let hi: number;
    let lo: number;
    do {
      hi = load(a, b + WAIT_US_HI);
      lo = load(a, b + WAIT_US_LO) >>> 0;
    } while (hi !== load(a, b + WAIT_US_HI));
    return {
      acquisitions: load(a, b + ACQUISITIONS) >>> 0,
      contended: load(a, b + CONTENDED) >>> 0,
      timeouts: load(a, b + TIMEOUTS) >>> 0,
      totalWaitMs: (hi * 2 ** 32 + lo) / 1000,
      maxWaitMs: load(a, b + MAX_WAIT_US) / 1000,
    };
  }

  /** Sets every counter to zero (not atomic as a whole: do it while the lock is idle). */
  reset(): void {
    for (let k = 0; k < STATS_WORDS; k++) store(this.#a, this.#base + k, 0);
  }
}
