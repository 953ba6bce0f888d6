/**
 * Channel: a bounded multi-producer multi-consumer channel of numbers or
 * byte strings, on the lock-free {@link MpmcRing} plus two sequence words.
 *
 * Layout (int32 words; see sync/README.md):
 *   [0]  RECV_WAITERS  receivers in their slow path (a sender wakes one only when > 0)
 *   [1]  SEND_WAITERS  senders in their slow path (a receiver wakes one only when > 0)
 *   [16] RECV_SEQ      sequence word receivers sleep on
 *   [17] SEND_SEQ      sequence word senders sleep on
 *   [32…]              the ring (records: f64 = 2 words, i32 = 1 word,
 *                      bytes = 1 length word + ceil(maxMessageBytes / 4) words)
 *
 * The fast paths touch only the ring and read one waiters word, so
 * uncontended messages cost no wake-up. A sleeper announces itself in its
 * *_WAITERS word, reads its sequence word, retries, then sleeps; the other
 * side changes the ring first and reads *_WAITERS after (a Dekker pair), so
 * no wake-up is lost.
 *
 * Close seals the ring: every send that has not claimed a position by then
 * fails with {@link ChannelClosedError}; sends that did are delivered, and
 * receivers drain them before they see the channel closed. So a `send` that
 * returns has delivered its message to whoever keeps receiving, exactly once.
 */
import { add, load, spinHint, sub } from '../memory/atomics.js';
import { checkHandle } from '../memory/handle.js';
import { allocateWords } from '../memory/layout.js';
import { MpmcRing } from '../memory/mpmc-ring.js';
import { checkInteger, checkOneOf, checkOptions } from '../shared/check.js';
import { InvalidArgumentError } from '../shared/errors.js';
import { ChannelClosedError } from './errors.js';
import { WaitWord, blockUntil, cancelledError, checkTimeout, checkWaitOptions, deadlineAfter, timeoutError, waitUntilAsync } from './wait-word.js';
import type { WaitOptions, WaitOutcome } from './wait-word.js';

const RECV_WAITERS = 0;
const SEND_WAITERS = 1;
const RECV_SEQ = 16;
const SEND_SEQ = 17;
const RING_BASE = 32;

/** Failed attempts a blocking call spins through before it sleeps. */
const SPIN_LIMIT = 200;
/** Spin pause after the k-th failed attempt: doubles from 64 to 1024 iterations, so a
 * receiver polling an almost empty ring does not pull the cell's cache line away from
 * the sender at every message. */
function backoff(k: number): number {
  return spinHint(64 << Math.min(k, 4));
}

/** What a channel carries: float64 numbers, int32 numbers, or byte strings. */
export type ChannelMode = 'f64' | 'i32' | 'bytes';

/** Options of {@link Channel}. */
export interface ChannelOptions {
  /** Messages the channel holds; rounded up to a power of two (see `capacity`). */
  capacity: number;
  /** Message type. @default "f64" */
  mode?: ChannelMode;
  /** Largest message in bytes (mode `"bytes"` only). @default 256 */
  maxMessageBytes?: number;
  /** Name used in error messages. @default "Channel" */
  name?: string;
}

/** The structured-cloneable handle of a {@link Channel}. */
export interface ChannelHandle {
  readonly kind: 'tessera.Channel';
  readonly buffer: SharedArrayBuffer;
  readonly mode: ChannelMode;
  readonly capacity: number;
  readonly maxMessageBytes: number;
  readonly name: string;
}

/**
 * A bounded MPMC channel in shared memory. `send`/`recv` block (workers),
 * `sendAsync`/`recvAsync` do not (main thread), `trySend`/`tryRecv` never
 * wait. Messages are numbers (`Channel.numbers`, `Channel.int32`) or byte
 * strings (`Channel.bytes`); each is delivered exactly once, in order per
 * producer.
 *
 * @example
 * const ch = Channel.numbers(1024);
 * worker.postMessage(ch.handle);       // worker: Channel.fromHandle(h).send(42)
 * for await (const x of ch) use(x);    // main thread, until ch.close() and drained
 */
export class Channel<T extends number | Uint8Array = number> {
  /** The message type. */
  readonly mode: ChannelMode;
  /** Largest message in bytes (bytes mode), else 0. */
  readonly maxMessageBytes: number;
  /** The name given at creation. */
  readonly name: string;
  readonly #a: Int32Array;
  readonly #ring: MpmcRing;
  readonly #recvSeq: WaitWord;
  readonly #sendSeq: WaitWord;
  readonly #scratch = new Int32Array(2);
  readonly #scratchF64 = new Float64Array(this.#scratch.buffer);
  readonly #bytes: Uint8Array;
  #pending: Uint8Array = new Uint8Array(0);
  #received: Uint8Array = new Uint8Array(0);
  readonly #fillBytes = (words: Int32Array, at: number): void => {
    words[at] = this.#pending.length;
    this.#bytes.set(this.#pending, (at + 1) * 4);
  };
  readonly #readBytes = (words: Int32Array, at: number): void => {
    const n = words[at] ?? 0;
    this.#received = this.#bytes.slice((at + 1) * 4, (at + 1) * 4 + n);
  };

  #batchSrc: ArrayLike<number> = [];
  #batchFrom = 0;
  #batchOut: { [k: number]: number } = [];
  #batchTo = 0;
  readonly #fillI32 = (words: Int32Array, at: number, k: number): void => {
    words[at] = this.#batchSrc[this.#batchFrom + k] as number;
  };
  readonly #fillF64 = (words: Int32Array, at: number, k: number): void => {
    this.#scratchF64[0] = this.#batchSrc[this.#batchFrom + k] as number;
    words[at] = this.#scratch[0] as number;
    words[at + 1] = this.#scratch[1] as number;
  };
  readonly #readI32 = (words: Int32Array, at: number, k: number): void => {
    this.#batchOut[this.#batchTo + k] = words[at] as number;
  };
  readonly #readF64 = (words: Int32Array, at: number, k: number): void => {
    this.#scratch[0] = words[at] as number;
    this.#scratch[1] = words[at + 1] as number;
    this.#batchOut[this.#batchTo + k] = this.#scratchF64[0] as number;
  };

  /**
   * @param options capacity, mode, message size, name
   * @throws {InvalidArgumentError} for bad options.
   */
  constructor(options: ChannelOptions);
  constructor(options: ChannelOptions | undefined, handle: ChannelHandle);
  constructor(options?: ChannelOptions, handle?: ChannelHandle) {
    let capacity: number;
    if (handle === undefined) {
      const o = checkOptions('options', options);
      const requested = checkInteger('options.capacity', o.capacity, 1, 2 ** 24);
      capacity = Math.max(2, 2 ** Math.ceil(Math.log2(requested)));
      this.mode = o.mode === undefined ? 'f64' : checkOneOf('options.mode', o.mode, ['f64', 'i32', 'bytes'] as const);
      this.maxMessageBytes = this.mode !== 'bytes' ? 0 : o.maxMessageBytes === undefined ? 256 : checkInteger('options.maxMessageBytes', o.maxMessageBytes, 1, 2 ** 24);
      if (o.name !== undefined && typeof o.name !== 'string') throw new InvalidArgumentError('options.name', o.name, 'a string');
      this.name = o.name ?? 'Channel';
    } else {
      capacity = handle.capacity;
      this.mode = handle.mode;
      this.maxMessageBytes = handle.maxMessageBytes;
      this.name = handle.name;
    }
    const recordWords = this.mode === 'f64' ? 2 : this.mode === 'i32' ? 1 : 1 + Math.ceil(this.maxMessageBytes / 4);
    this.#a = handle === undefined ? allocateWords(RING_BASE + MpmcRing.words(capacity, recordWords)) : new Int32Array(handle.buffer);
    this.#ring = new MpmcRing(this.#a, RING_BASE, capacity, recordWords);
    if (handle === undefined) this.#ring.init();
    this.#recvSeq = new WaitWord(this.#a, RECV_SEQ);
    this.#sendSeq = new WaitWord(this.#a, SEND_SEQ);
    this.#bytes = new Uint8Array(this.#a.buffer, this.#a.byteOffset, this.#a.length * 4);
  }

  /**
   * A channel of float64 numbers.
   *
   * @param capacity messages held, rounded up to a power of two
   * @throws {InvalidArgumentError} for a bad capacity.
   */
  static numbers(capacity: number, options?: { name?: string }): Channel<number> {
    return new Channel<number>({ ...options, capacity, mode: 'f64' });
  }

  /** A channel of int32 numbers (one word per message: the fastest mode). @throws {InvalidArgumentError} */
  static int32(capacity: number, options?: { name?: string }): Channel<number> {
    return new Channel<number>({ ...options, capacity, mode: 'i32' });
  }

  /**
   * A channel of byte strings of at most `maxMessageBytes` bytes, received as fresh `Uint8Array`s.
   *
   * @default maxMessageBytes 256
   * @throws {InvalidArgumentError} for a bad capacity or size.
   */
  static bytes(capacity: number, maxMessageBytes = 256, options?: { name?: string }): Channel<Uint8Array> {
    return new Channel<Uint8Array>({ ...options, capacity, mode: 'bytes', maxMessageBytes });
  }

  /**
   * The channel described by `handle`, in any thread.
   *
   * @throws {InvalidArgumentError} when `handle` is not a Channel handle.
   */
  static fromHandle<T extends number | Uint8Array = number>(handle: ChannelHandle): Channel<T> {
    return new Channel<T>(undefined, checkHandle<ChannelHandle>(handle, 'tessera.Channel'));
  }

  /** The structured-cloneable handle. */
  get handle(): ChannelHandle {
    return {
      kind: 'tessera.Channel',
      buffer: this.#a.buffer as SharedArrayBuffer,
      mode: this.mode,
      capacity: this.#ring.capacity,
      maxMessageBytes: this.maxMessageBytes,
      name: this.name,
    };
  }

  /** Messages the channel holds (the requested capacity rounded up to a power of two). */
  get capacity(): number {
    return this.#ring.capacity;
  }

  /** Messages waiting now (approximate while others send or receive). */
  get size(): number {
    return this.#ring.size();
  }

  /** True once {@link Channel.close} was called. */
  get closed(): boolean {
    return this.#ring.isSealed();
  }

  /**
   * Sends without waiting.
   *
   * @returns false when the channel is full
   * @throws {ChannelClosedError} when the channel is closed.
   * @throws {InvalidArgumentError} when `value` does not fit the mode.
   */
  trySend(value: T): boolean {
    if (this.#push(value)) {
      if (load(this.#a, RECV_WAITERS) > 0) this.#recvSeq.bump(1);
      return true;
    }
    if (this.#ring.isSealed()) throw this.#closedError('send on a closed channel');
    return false;
  }

  /**
   * Sends, blocking while the channel is full.
   *
   * @param timeoutMs give up after this many ms
   * @default timeoutMs Infinity
   * @throws {ChannelClosedError} when the channel is (or gets) closed before the message is in.
   * @throws {TimeoutError} when there was no room in time.
   * @throws {InvalidArgumentError} when `value` does not fit the mode.
   */
  send(value: T, timeoutMs?: number): void {
    if (this.trySend(value)) return;
    const limit = checkTimeout(timeoutMs);
    for (let k = 0; k < SPIN_LIMIT; k++) {
      backoff(k);
      if (this.trySend(value)) return;
    }
    let sent = false;
    const attempt = (): boolean => (sent = this.#push(value)) || this.#ring.isSealed();
    add(this.#a, SEND_WAITERS, 1);
    let outcome: WaitOutcome;
    try {
      outcome = blockUntil(this.#sendSeq, attempt, deadlineAfter(limit));
    } finally {
      sub(this.#a, SEND_WAITERS, 1);
    }
    this.#afterSend(sent, outcome, limit, undefined);
  }

  /**
   * Async form of {@link Channel.send} (main thread).
   *
   * @throws {ChannelClosedError}, {TimeoutError} or {CancelledError}.
   */
  async sendAsync(value: T, options?: WaitOptions): Promise<void> {
    const { timeoutMs, signal } = checkWaitOptions(options);
    if (this.trySend(value)) return;
    let sent = false;
    const attempt = (): boolean => (sent = this.#push(value)) || this.#ring.isSealed();
    add(this.#a, SEND_WAITERS, 1);
    let outcome: WaitOutcome;
    try {
      outcome = await waitUntilAsync(this.#sendSeq, attempt, deadlineAfter(timeoutMs), signal);
    } finally {
      sub(this.#a, SEND_WAITERS, 1);
    }
    this.#afterSend(sent, outcome, timeoutMs, signal);
  }

  /**
   * Receives without waiting.
   *
   * @returns the oldest message, or `undefined` when none is ready
   * @throws {ChannelClosedError} when the channel is closed and drained.
   */
  tryRecv(): T | undefined {
    const ok = this.#pop();
    if (ok) {
      if (load(this.#a, SEND_WAITERS) > 0) this.#sendSeq.bump(1);
      return this.#value();
    }
    if (this.#ring.isDrained()) throw this.#closedError('receive on a closed and drained channel');
    return undefined;
  }

  /**
   * Receives, blocking while the channel is empty.
   *
   * @param timeoutMs give up after this many ms
   * @default timeoutMs Infinity
   * @throws {ChannelClosedError} when the channel is closed and every message has been received.
   * @throws {TimeoutError} when no message came in time.
   */
  recv(timeoutMs?: number): T {
    let v = this.tryRecv();
    if (v !== undefined) return v;
    const limit = checkTimeout(timeoutMs);
    for (let k = 0; k < SPIN_LIMIT; k++) {
      backoff(k);
      v = this.tryRecv();
      if (v !== undefined) return v;
    }
    let got = false;
    const attempt = (): boolean => (got = this.#pop()) || this.#ring.isDrained();
    add(this.#a, RECV_WAITERS, 1);
    let outcome: WaitOutcome;
    try {
      outcome = blockUntil(this.#recvSeq, attempt, deadlineAfter(limit));
    } finally {
      sub(this.#a, RECV_WAITERS, 1);
    }
    return this.#afterRecv(got, outcome, limit, undefined);
  }

  /**
   * Async form of {@link Channel.recv} (main thread).
   *
   * @throws {ChannelClosedError}, {TimeoutError} or {CancelledError}.
   */
  async recvAsync(options?: WaitOptions): Promise<T> {
    const { timeoutMs, signal } = checkWaitOptions(options);
    const v = this.tryRecv();
    if (v !== undefined) return v;
    let got = false;
    const attempt = (): boolean => (got = this.#pop()) || this.#ring.isDrained();
    add(this.#a, RECV_WAITERS, 1);
    let outcome: WaitOutcome;
    try {
      outcome = await waitUntilAsync(this.#recvSeq, attempt, deadlineAfter(timeoutMs), signal);
    } finally {
      sub(this.#a, RECV_WAITERS, 1);
    }
    return this.#afterRecv(got, outcome, timeoutMs, signal);
  }

  /**
   * Sends `values[from … from + count - 1]` without waiting, as many as fit,
   * claiming ring cells in runs (one CAS per run). Number modes only.
   *
   * @returns how many were sent (0 when full)
   * @throws {ChannelClosedError} when the channel is closed.
   * @throws {InvalidArgumentError} in bytes mode, or when a value does not fit the mode.
   */
  trySendMany(values: ArrayLike<number>, from = 0, count = values.length - from): number {
    this.#checkBatch(values, from, count);
    const n = this.#pushMany(values, from, count);
    if (n > 0) {
      if (load(this.#a, RECV_WAITERS) > 0) this.#recvSeq.bump(n);
      return n;
    }
    if (count > 0 && this.#ring.isSealed()) throw this.#closedError('send on a closed channel');
    return 0;
  }

  /**
   * Sends every value in order, blocking while the channel is full; the
   * values go in runs of up to the free space, far cheaper per message than
   * `send`. Number modes only.
   *
   * @param timeoutMs give up after this many ms (values sent so far stay sent)
   * @default timeoutMs Infinity
   * @throws {ChannelClosedError} when the channel closes first; its `sent` says how many went in.
   * @throws {TimeoutError} when there was no room in time.
   * @throws {InvalidArgumentError} in bytes mode, or when a value does not fit the mode.
   */
  sendMany(values: ArrayLike<number>, timeoutMs?: number): void {
    const total = values.length;
    this.#checkBatch(values, 0, total);
    const limit = checkTimeout(timeoutMs);
    let sent = 0;
    const step = (): number => {
      const n = this.#pushMany(values, sent, total - sent);
      if (n > 0) {
        sent += n;
        if (load(this.#a, RECV_WAITERS) > 0) this.#recvSeq.bump(n);
      }
      return n;
    };
    step();
    for (let k = 0; sent < total && k < SPIN_LIMIT; k++) {
      if (step() === 0) {
        if (this.#ring.isSealed()) break;
        backoff(k);
      }
    }
    if (sent < total && !this.#ring.isSealed()) {
      const deadline = deadlineAfter(limit);
      add(this.#a, SEND_WAITERS, 1);
      let outcome: WaitOutcome;
      try {
        outcome = blockUntil(this.#sendSeq, () => (step(), sent === total || this.#ring.isSealed()), deadline);
      } finally {
        sub(this.#a, SEND_WAITERS, 1);
      }
      if (outcome === 'timed-out' && sent < total) throw timeoutError(`Channel "${this.name}" sendMany (${sent} of ${total} sent)`, 'completed', limit);
    }
    if (sent < total) throw new ChannelClosedError(`Channel "${this.name}": closed after ${sent} of ${total} messages of a sendMany`, { sent });
  }

  /**
   * Receives up to `max` messages into `out[to …]` without waiting, in one
   * run of ring cells. Number modes only.
   *
   * @returns how many were received (0 when none is ready)
   * @throws {ChannelClosedError} when the channel is closed and drained.
   */
  tryRecvMany(out: { [k: number]: number; length: number }, to = 0, max = out.length - to): number {
    this.#checkOut(out, to, max);
    const n = this.#popMany(out, to, max);
    if (n > 0) {
      if (load(this.#a, SEND_WAITERS) > 0) this.#sendSeq.bump(n);
      return n;
    }
    if (max > 0 && this.#ring.isDrained()) throw this.#closedError('receive on a closed and drained channel');
    return 0;
  }

  /**
   * Blocks until at least one message is ready, then receives up to
   * `out.length` of them into `out` (from index 0). Number modes only.
   *
   * @returns how many were received (>= 1)
   * @throws {ChannelClosedError} when the channel is closed and drained.
   * @throws {TimeoutError} when no message came in time.
   */
  recvMany(out: { [k: number]: number; length: number }, timeoutMs?: number): number {
    let n = this.tryRecvMany(out, 0, out.length);
    if (n > 0 || out.length === 0) return n;
    const limit = checkTimeout(timeoutMs);
    for (let k = 0; k < SPIN_LIMIT; k++) {
      backoff(k);
      n = this.tryRecvMany(out, 0, out.length);
      if (n > 0) return n;
    }
    add(this.#a, RECV_WAITERS, 1);
    let outcome: WaitOutcome;
    try {
      outcome = blockUntil(this.#recvSeq, () => (n = this.#popMany(out, 0, out.length)) > 0 || this.#ring.isDrained(), deadlineAfter(limit));
    } finally {
      sub(this.#a, RECV_WAITERS, 1);
    }
    if (n > 0) {
      if (load(this.#a, SEND_WAITERS) > 0) this.#sendSeq.bump(n);
      return n;
    }
    if (outcome === 'done') throw this.#closedError('receive on a closed and drained channel');
    throw timeoutError(`Channel "${this.name}" receive`, 'completed', limit);
  }

  /**
   * Closes the channel: later sends throw {@link ChannelClosedError};
   * receivers get the messages already sent, then `ChannelClosedError`
   * (iterators end). Idempotent; any thread may close.
   */
  close(): void {
    this.#ring.seal();
    this.#sendSeq.bump();
    this.#recvSeq.bump();
  }

  /** Receives until the channel is closed and drained (blocking; workers). */
  *[Symbol.iterator](): Iterator<T> {
    for (;;) {
      try {
        yield this.recv();
      } catch (e) {
        if (e instanceof ChannelClosedError) return;
        throw e;
      }
    }
  }

  /** Receives until the channel is closed and drained (main thread). */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      try {
        yield await this.recvAsync();
      } catch (e) {
        if (e instanceof ChannelClosedError) return;
        throw e;
      }
    }
  }

  #afterSend(sent: boolean, outcome: WaitOutcome, timeoutMs: number, signal: AbortSignal | undefined): void {
    if (sent) {
      if (load(this.#a, RECV_WAITERS) > 0) this.#recvSeq.bump(1);
      return;
    }
    if (outcome === 'done') throw this.#closedError('send on a closed channel');
    throw outcome === 'aborted' ? cancelledError(`Channel "${this.name}"`, signal) : timeoutError(`Channel "${this.name}" send`, 'completed', timeoutMs);
  }

  #afterRecv(got: boolean, outcome: WaitOutcome, timeoutMs: number, signal: AbortSignal | undefined): T {
    if (got) {
      if (load(this.#a, SEND_WAITERS) > 0) this.#sendSeq.bump(1);
      return this.#value();
    }
    if (outcome === 'done') throw this.#closedError('receive on a closed and drained channel');
    throw outcome === 'aborted' ? cancelledError(`Channel "${this.name}"`, signal) : timeoutError(`Channel "${this.name}" receive`, 'completed', timeoutMs);
  }

  #checkBatch(values: ArrayLike<number>, from: number, count: number): void {
    if (this.mode === 'bytes') throw new InvalidArgumentError('mode', this.mode, 'a number mode ("f64" or "i32") for batch operations');
    if (typeof values !== 'object' || values === null || typeof values.length !== 'number') throw new InvalidArgumentError('values', values, 'an array-like of numbers');
    checkInteger('from', from, 0, values.length);
    checkInteger('count', count, 0, values.length - from);
    for (let k = from; k < from + count; k++) {
      const v = values[k];
      if (typeof v !== 'number' || (this.mode === 'i32' && (v | 0) !== v)) {
        throw new InvalidArgumentError(`values[${k}]`, v, this.mode === 'i32' ? 'an int32 integer' : 'a number');
      }
    }
  }

  #checkOut(out: { length: number }, to: number, max: number): void {
    if (this.mode === 'bytes') throw new InvalidArgumentError('mode', this.mode, 'a number mode ("f64" or "i32") for batch operations');
    if (typeof out !== 'object' || out === null || typeof out.length !== 'number') throw new InvalidArgumentError('out', out, 'an array or typed array');
    checkInteger('to', to, 0, out.length);
    checkInteger('max', max, 0, out.length - to);
  }

  #pushMany(values: ArrayLike<number>, from: number, count: number): number {
    if (count === 0) return 0;
    this.#batchSrc = values;
    this.#batchFrom = from;
    return this.#ring.pushManyWith(count, this.mode === 'i32' ? this.#fillI32 : this.#fillF64);
  }

  #popMany(out: { [k: number]: number }, to: number, max: number): number {
    if (max === 0) return 0;
    this.#batchOut = out;
    this.#batchTo = to;
    return this.#ring.popManyWith(max, this.mode === 'i32' ? this.#readI32 : this.#readF64);
  }

  #push(value: T): boolean {
    switch (this.mode) {
      case 'f64':
        if (typeof value !== 'number') throw new InvalidArgumentError('value', value, 'a number');
        this.#scratchF64[0] = value;
        return this.#ring.pushRecord(this.#scratch);
      case 'i32':
        if (typeof value !== 'number' || (value | 0) !== value) throw new InvalidArgumentError('value', value, 'an int32 integer');
        return this.#ring.push(value);
      default:
        if (!(value instanceof Uint8Array) || value.length > this.maxMessageBytes) {
          throw new InvalidArgumentError('value', value, `a Uint8Array of at most ${this.maxMessageBytes} bytes`);
        }
        this.#pending = value;
        return this.#ring.pushWith(this.#fillBytes);
    }
  }

  /** Pops one record into the scratch space; false when empty. */
  #pop(): boolean {
    switch (this.mode) {
      case 'f64':
        return this.#ring.popRecord(this.#scratch);
      case 'i32':
        return this.#ring.popRecord(this.#scratch);
      default:
        return this.#ring.popWith(this.#readBytes);
    }
  }

  /** The message last popped by {@link Channel.#pop}. */
  #value(): T {
    switch (this.mode) {
      case 'f64':
        return this.#scratchF64[0] as T;
      case 'i32':
        return this.#scratch[0] as T;
      default:
        return this.#received as T;
    }
  }

  #closedError(detail: string): ChannelClosedError {
    return new ChannelClosedError(`Channel "${this.name}": ${detail}`);
  }
}
