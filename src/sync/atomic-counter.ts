/**
 * AtomicCounter: one int32 in shared memory with atomic read-modify-write.
 *
 * Layout (int32 words):
 *   [0] VALUE  the counter; arithmetic wraps modulo 2^32 (as int32)
 */
import { add, cas, exchange, load, store, sub } from '../memory/atomics.js';
import { checkHandle } from '../memory/handle.js';
import { allocateWords } from '../memory/layout.js';
import { checkInteger } from '../shared/check.js';

const VALUE = 0;
const WORDS = 1;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The structured-cloneable handle of an {@link AtomicCounter}. */
export interface AtomicCounterHandle {
  readonly kind: 'tessera.AtomicCounter';
  readonly buffer: SharedArrayBuffer;
}

/**
 * A shared int32 counter. All operations are atomic and sequentially consistent.
 *
 * @example
 * const done = new AtomicCounter();
 * // in each worker: done.increment();
 * done.load(); // total
 */
export class AtomicCounter {
  readonly #a: Int32Array;

  /**
   * @param initial starting value, an int32
   * @default initial 0
   * @throws {InvalidArgumentError} when `initial` is not an int32.
   */
  constructor(initial?: number);
  constructor(initial: number, handle: AtomicCounterHandle);
  constructor(initial = 0, handle?: AtomicCounterHandle) {
    if (handle === undefined) {
      checkInteger('initial', initial, INT32_MIN, INT32_MAX);
      this.#a = allocateWords(WORDS);
      store(this.#a, VALUE, initial);
    } else {
      this.#a = new Int32Array(handle.buffer);
    }
  }

  /**
   * The counter described by `handle`, in any thread.
   *
   * @throws {InvalidArgumentError} when `handle` is not an AtomicCounter handle.
   */
  static fromHandle(handle: AtomicCounterHandle): AtomicCounter {
    return new AtomicCounter(0, checkHandle<AtomicCounterHandle>(handle, 'tessera.AtomicCounter'));
  }

  /** The structured-cloneable handle. */
  get handle(): AtomicCounterHandle {
    return { kind: 'tessera.AtomicCounter', buffer: this.#a.buffer as SharedArrayBuffer };
  }

  /** The current value. */
  load(): number {
    return load(this.#a, VALUE);
  }

  /** Sets the value. */
  store(value: number): void {
    store(this.#a, VALUE, value);
  }

  /** Adds 1; returns the new value. */
  increment(): number {
    return (add(this.#a, VALUE, 1) + 1) | 0;
  }

  /** Subtracts 1; returns the new value. */
  decrement(): number {
    return (sub(this.#a, VALUE, 1) - 1) | 0;
  }

  /** Adds `delta` (an int32); returns the previous value. */
  fetchAdd(delta: number): number {
    return add(this.#a, VALUE, delta);
  }

  /** Subtracts `delta` (an int32); returns the previous value. */
  fetchSub(delta: number): number {
    return sub(this.#a, VALUE, delta);
  }

  /** Sets the value; returns the previous one. */
  exchange(value: number): number {
    return exchange(this.#a, VALUE, value);
  }

  /** Sets `replacement` if the value is `expected`; returns the value found (success when it equals `expected`). */
  compareExchange(expected: number, replacement: number): number {
    return cas(this.#a, VALUE, expected, replacement);
  }
}
