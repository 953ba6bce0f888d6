/**
 * Errors of the sync layer. Each has a stable `code`; match on it (or on the
 * class), never on the message.
 */
import { TesseraError } from '../shared/errors.js';
import type { TesseraErrorOptions } from '../shared/errors.js';

/** Unlocking a lock (or releasing a guard) that the caller does not hold, e.g. a double unlock. */
export class LockNotHeldError extends TesseraError {
  /** The lock's name (its kind when it has none). */
  readonly lock: string;

  constructor(lock: string, detail: string, options?: TesseraErrorOptions) {
    super('ERR_LOCK_NOT_HELD', `${lock}: ${detail}`, options);
    this.lock = lock;
  }
}

/**
 * A wait that can never finish: a cycle in the wait-for graph recorded by a
 * {@link DeadlockDetector} (thread A holds L1 and waits for L2 while B holds
 * L2 and waits for L1), or a thread blocking on a lock it already holds.
 * `threads[i]` waits for `locks[i]`, which is held by `threads[i + 1]` (and
 * the last lock by `threads[0]`).
 */
export class DeadlockError extends TesseraError {
  /** Names of the threads in the cycle, starting with the one that detected it. */
  readonly threads: readonly string[];
  /** Names of the locks in the cycle: `locks[i]` is what `threads[i]` waits for. */
  readonly locks: readonly string[];

  constructor(threads: readonly string[], locks: readonly string[], options?: TesseraErrorOptions) {
    const steps = threads.map((t, i) => `"${t}" waits for "${locks[i] ?? '?'}" held by "${threads[(i + 1) % threads.length] ?? '?'}"`);
    super('ERR_DEADLOCK', `Deadlock: ${steps.join('; ')}`, options);
    this.threads = Object.freeze([...threads]);
    this.locks = Object.freeze([...locks]);
  }
}

/** Sending on (or receiving from a drained) closed channel. */
export class ChannelClosedError extends TesseraError {
  /** For a `sendMany` cut short by the close: how many of its messages were sent (and will be delivered). */
  readonly sent: number | undefined;

  constructor(message = 'The channel is closed', options?: TesseraErrorOptions & { sent?: number }) {
    super('ERR_CHANNEL_CLOSED', message, options);
    this.sent = options?.sent;
  }
}

/**
 * A blocking wait on a thread that may not block (a browser main thread,
 * where `Atomics.wait` throws). Use the `…Async` form there.
 */
export class BlockingNotAllowedError extends TesseraError {
  constructor(options?: TesseraErrorOptions) {
    super('ERR_BLOCKING_NOT_ALLOWED', 'This thread may not block (Atomics.wait is not allowed here); use the async form, e.g. lockAsync()', options);
  }
}

/** A primitive used against its contract, e.g. counting a latch down below zero or releasing more permits than fit. */
export class SyncMisuseError extends TesseraError {
  constructor(message: string, options?: TesseraErrorOptions) {
    super('ERR_SYNC_MISUSE', message, options);
  }
}

/** A fixed-size shared table is full, e.g. a {@link DeadlockDetector} with every thread slot taken. */
export class CapacityExceededError extends TesseraError {
  constructor(message: string, options?: TesseraErrorOptions) {
    super('ERR_CAPACITY_EXCEEDED', message, options);
  }
}
