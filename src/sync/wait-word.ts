/**
 * The wait word: the one blocking primitive every lock, queue and barrier in
 * `sync/` is built on, like a Linux futex over one int32 of shared memory.
 *
 * Protocol (see sync/README.md): a waiter reads the word, re-checks its
 * condition, and then waits *while the word still equals the value it read*;
 * a waker first changes the shared state (and, where waiters watch a sequence
 * word, bumps it) and then wakes. Because `Atomics.wait` compares and sleeps
 * atomically with respect to `Atomics.notify`, a change made between the read
 * and the sleep makes the wait return `'not-equal'` at once: no wake-up is lost.
 * Wake-ups may be spurious, so every caller loops on its own condition.
 *
 * Blocking waits (`wait`) are for worker threads; the main thread uses
 * `waitAsync`, which never blocks the event loop.
 */
import { add, load, notify, wait as atomicWait, waitAsync as atomicWaitAsync } from '../memory/atomics.js';
import { CancelledError, InvalidArgumentError, TimeoutError } from '../shared/errors.js';
import { checkNumber, checkOptions, checkSignal } from '../shared/check.js';
import { BlockingNotAllowedError } from './errors.js';

/** Outcome of a wait: woken, the word already differed, or the time ran out. */
export type WaitResult = 'ok' | 'not-equal' | 'timed-out';

/** Outcome of an async wait; `'aborted'` when its `AbortSignal` fired first. */
export type AsyncWaitResult = WaitResult | 'aborted';

/** Options of every async wait (`lockAsync`, `recvAsync`, …). */
export interface WaitOptions {
  /** Give up after this many milliseconds with a `TimeoutError`. @default Infinity */
  timeoutMs?: number;
  /**
   * Stop waiting when this signal aborts, with a `CancelledError` whose `cause`
   * is the signal's reason. It cancels waiting only: an operation that can
   * complete at once does so even if the signal has already aborted.
   */
  signal?: AbortSignal;
}

/** Keeps a Node event loop alive while an async wait is pending (a pending `Atomics.waitAsync` does not). */
const KEEP_ALIVE_MS = 2 ** 30;
function noop(): void {}

/**
 * A futex-like view of one int32 word of shared memory.
 *
 * @example
 * const w = new WaitWord(words, FLAG);
 * while (w.load() === 0) w.wait(0, 100); // worker: sleep until FLAG changes
 * // elsewhere: store(words, FLAG, 1); w.wakeAll();
 */
export class WaitWord {
  /** The shared words. */
  readonly words: Int32Array;
  /** Index of the word in `words`. */
  readonly index: number;

  constructor(words: Int32Array, index: number) {
    this.words = words;
    this.index = index;
  }

  /** The word's current value (an atomic load). */
  load(): number {
    return load(this.words, this.index);
  }

  /**
   * Blocks the calling thread while the word equals `expected`, at most
   * `timeoutMs`. On Node's main thread this blocks the event loop: use
   * {@link WaitWord.waitAsync} there.
   *
   * @throws {BlockingNotAllowedError} on a thread where `Atomics.wait` is not allowed.
   */
  wait(expected: number, timeoutMs = Infinity): WaitResult {
    try {
      return atomicWait(this.words, this.index, expected, timeoutMs);
    } catch (e) {
      if (e instanceof TypeError) throw new BlockingNotAllowedError({ cause: e });
      throw e;
    }
  }

  /**
   * Waits without blocking while the word equals `expected`, at most
   * `timeoutMs` or until `signal` aborts. Keeps the event loop alive while
   * pending. If the signal aborts and a wake-up later arrives for this
   * abandoned wait, it is passed on to another waiter, so aborting never
   * swallows a `wakeOne`.
   */
  waitAsync(expected: number, timeoutMs = Infinity, signal?: AbortSignal): Promise<AsyncWaitResult> {
    if (signal?.aborted === true) return Promise.resolve('aborted');
    const pending = atomicWaitAsync(this.words, this.index, expected, timeoutMs);
    return new Promise<AsyncWaitResult>((resolve) => {
      let settled = false;
      const keepAlive = setInterval(noop, KEEP_ALIVE_MS);
      const onAbort = (): void => {
        if (settled) return;
        settled = true;
        clearInterval(keepAlive);
        resolve('aborted');
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      void pending.then((r) => {
        if (settled) {
          // Abandoned by abort: hand a real wake-up to the next waiter.
          if (r === 'ok') this.wakeOne();
          return;
        }
        settled = true;
        clearInterval(keepAlive);
        signal?.removeEventListener('abort', onAbort);
        resolve(r);
      });
    });
  }

  /** Wakes up to `count` waiters; returns how many were woken. */
  wake(count: number): number {
    return notify(this.words, this.index, count);
  }

  /** Wakes one waiter. */
  wakeOne(): number {
    return notify(this.words, this.index, 1);
  }

  /** Wakes every waiter. */
  wakeAll(): number {
    return notify(this.words, this.index, Infinity);
  }

  /** Adds 1 to the word (a sequence word) and wakes `count` waiters. */
  bump(count = Infinity): number {
    add(this.words, this.index, 1);
    return notify(this.words, this.index, count);
  }
}

/** The current time in milliseconds on a monotonic clock (`performance.now()`). */
export function now(): number {
  return performance.now();
}

/**
 * Checks a `timeoutMs` argument; `undefined` means no limit (`Infinity`).
 *
 * @throws {InvalidArgumentError} unless it is a number >= 0 or Infinity.
 */
export function checkTimeout(value: unknown, field = 'timeoutMs'): number {
  if (value === undefined) return Infinity;
  return checkNumber(field, value, 0, true);
}

/** Checks async wait options; returns the timeout (Infinity when none) and signal. */
export function checkWaitOptions(value: unknown): { timeoutMs: number; signal: AbortSignal | undefined } {
  if (typeof value === 'number') throw new InvalidArgumentError('options', value, 'an options object like { timeoutMs: 100 }');
  const o = checkOptions('options', value);
  return { timeoutMs: checkTimeout(o.timeoutMs, 'options.timeoutMs'), signal: checkSignal('options.signal', o.signal) };
}

/** The absolute deadline (on {@link now}'s clock) `timeoutMs` from now; Infinity stays Infinity. */
export function deadlineAfter(timeoutMs: number): number {
  return timeoutMs === Infinity ? Infinity : now() + timeoutMs;
}

/** Milliseconds left until `deadline`, never negative; Infinity for no deadline. */
export function remainingUntil(deadline: number): number {
  if (deadline === Infinity) return Infinity;
  const left = deadline - now();
  return left > 0 ? left : 0;
}

/** A {@link TimeoutError} for `what` (e.g. `Mutex "jobs"`) not done within `timeoutMs`. */
export function timeoutError(what: string, action: string, timeoutMs: number): TimeoutError {
  return new TimeoutError(`${what} was not ${action} within ${timeoutMs} ms`, timeoutMs);
}

/** A {@link CancelledError} for an aborted wait on `what`, chaining the signal's reason. */
export function cancelledError(what: string, signal: AbortSignal | undefined): CancelledError {
  return new CancelledError(`Waiting on ${what} was cancelled`, { cause: signal?.reason });
}

/** Paces a blocking wait and checks for deadlock after each slice (see DeadlockWaitScope). */
export interface WaitPacer {
  sliceMs(remainingMs: number): number;
  check(): void;
}

/** How a wait loop ended. */
export type WaitOutcome = 'done' | 'timed-out' | 'aborted';

/**
 * The eventcount loop: blocks until `attempt()` returns true or `deadline`
 * passes. Reads the sequence word `seq` *before* each attempt and sleeps only
 * while it is unchanged, so a waker that makes `attempt` succeed and then
 * bumps `seq` can never be missed.
 */
export function blockUntil(seq: WaitWord, attempt: () => boolean, deadline: number, pacer?: WaitPacer): WaitOutcome {
  for (;;) {
    const s = seq.load();
    if (attempt()) return 'done';
    const left = remainingUntil(deadline);
    if (left === 0) return 'timed-out';
    seq.wait(s, pacer === undefined ? left : pacer.sliceMs(left));
    pacer?.check();
  }
}

/** Async form of {@link blockUntil}; also ends with `'aborted'` when `signal` aborts. */
export async function waitUntilAsync(seq: WaitWord, attempt: () => boolean, deadline: number, signal: AbortSignal | undefined): Promise<WaitOutcome> {
  for (;;) {
    const s = seq.load();
    if (attempt()) return 'done';
    if (signal?.aborted === true) return 'aborted';
    const left = remainingUntil(deadline);
    if (left === 0) return 'timed-out';
    await seq.waitAsync(s, left, signal);
  }
}
