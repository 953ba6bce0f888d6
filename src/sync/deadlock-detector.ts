/**
 * Debug-mode deadlock detection: locks created with `{ detector }` record a
 * wait-for graph in shared memory, and a thread about to block searches it
 * for a cycle through itself. A cycle (thread A holds L1 and waits for L2
 * while B holds L2 and waits for L1) makes the blocked `lock()` throw a
 * {@link DeadlockError} naming the threads and locks instead of hanging.
 *
 * Layout (int32 words; see sync/README.md):
 *   header [0..15]
 *     [0] GRAPH        (version << 16) | writers in progress (see below)
 *     [1] THREADS      thread slots handed out
 *     [2] LOCKS        lock slots handed out
 *     [3] MAX_THREADS  table sizes (immutable)
 *     [4] MAX_LOCKS
 *     [5] ID           random id of this detector (per-thread slot cache key)
 *   thread table: MAX_THREADS entries of 16 words
 *     [0] T_ID         the thread's {@link currentThreadId}
 *     [1] T_WAIT       0, or lockSlot * 4 + mode while the thread blocks on that lock
 *     [2] T_NAME_LEN   UTF-8 name length; stored after the name bytes [3..15]
 *   lock table: MAX_LOCKS entries of 16 words
 *     [0] L_KIND       {@link KIND_MUTEX} or {@link KIND_RWLOCK}
 *     [1] L_NAME_LEN   UTF-8 name length; stored after the name bytes [2..15]
 *   holds: MAX_THREADS × MAX_LOCKS words, hold[t * MAX_LOCKS + l]:
 *     0 not held, -1 held exclusively, n > 0 held shared n times
 *
 * Consistency: each graph change is one word store bracketed by
 * `add(GRAPH, 1)` before and `add(GRAPH, 0xffff)` (version + 1, writers − 1)
 * after. A search that reads GRAPH with no writer in progress, walks the
 * graph and reads GRAPH unchanged has seen one instant's graph (a
 * double-collect snapshot). Holds are recorded after acquiring and removed
 * before releasing, so the graph never shows a hold that does not exist; wait
 * edges are set before blocking and cleared before recording the hold.
 * A cycle is reported only when found again by a second snapshot a few
 * milliseconds later: a real deadlock is permanent, a stale edge is not.
 * Async waits (main thread) record holds but no wait edges: one thread may
 * have many async waits, and the main thread never blocks.
 */
import { add, load, store } from '../memory/atomics.js';
import { checkHandle } from '../memory/handle.js';
import { allocateWords } from '../memory/layout.js';
import { checkInteger, checkOptions } from '../shared/check.js';
import { InvalidArgumentError } from '../shared/errors.js';
import { CapacityExceededError, DeadlockError } from './errors.js';
import { currentThreadId } from './thread-id.js';

const GRAPH = 0;
const THREADS = 1;
const LOCKS = 2;
const MAX_THREADS = 3;
const MAX_LOCKS = 4;
const ID = 5;
const HEADER_WORDS = 16;

const ENTRY_WORDS = 16;
const T_ID = 0;
const T_WAIT = 1;
const T_NAME_LEN = 2;
const T_NAME = 3;
const L_KIND = 0;
const L_NAME_LEN = 1;
const L_NAME = 2;

/** Lock kind: exclusive holds only. */
export const KIND_MUTEX = 1;
/** Lock kind: shared and exclusive holds; readers queue behind waiting writers (writer preference). */
export const KIND_RWLOCK = 2;

/** Wait/hold mode: shared (read). */
export const MODE_SHARED = 1;
/** Wait/hold mode: exclusive (write, mutex). */
export const MODE_EXCLUSIVE = 2;

/** Hold value of an exclusive hold. */
const HELD_EXCLUSIVE = -1;

/** One in-progress writer, and what `add` turns it into when it finishes: version + 1, writers − 1. */
const WRITER = 1;
const WRITER_DONE = 0xffff;

/** Snapshot attempts per search before giving up until the next check. */
const SNAPSHOT_TRIES = 64;
/** How long a debug-mode waiter sleeps between searches. */
const CHECK_INTERVAL_MS = 20;
/** How long it waits before confirming a cycle found once. */
const CONFIRM_MS = 2;

/** The structured-cloneable handle of a {@link DeadlockDetector}. */
export interface DeadlockDetectorHandle {
  readonly kind: 'tessera.DeadlockDetector';
  readonly buffer: SharedArrayBuffer;
}

/** Options of {@link DeadlockDetector}. */
export interface DeadlockDetectorOptions {
  /** Threads that can take part. @default 64 */
  maxThreads?: number;
  /** Locks that can be registered. @default 256 */
  maxLocks?: number;
}

/** A snapshot of the wait-for graph, for reports and debugging. */
export interface WaitForGraph {
  threads: Array<{ name: string; threadId: number; waitsFor?: string; mode?: 'shared' | 'exclusive' }>;
  locks: Array<{ name: string; holders: Array<{ thread: string; mode: 'shared' | 'exclusive' }> }>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** This thread's slot in each detector, by detector id. */
const mySlots = new Map<number, number>();

/**
 * A shared wait-for graph that turns deadlocks among the locks registered
 * with it into {@link DeadlockError}s. Create one, pass it to locks as
 * `{ detector, name }`, and pass its handle (or the locks' handles, which
 * carry it) to workers. Debug aid: waits poll the graph every 20 ms.
 *
 * @example
 * const detector = new DeadlockDetector();
 * const a = new Mutex({ detector, name: 'accounts' });
 * const b = new Mutex({ detector, name: 'audit' });
 * // worker 1: a.lock(); b.lock();   worker 2: b.lock(); a.lock();
 * // → one of them throws DeadlockError { threads: [...], locks: ['audit', 'accounts'] }
 */
export class DeadlockDetector {
  readonly #a: Int32Array;
  readonly #maxThreads: number;
  readonly #maxLocks: number;
  readonly #locksBase: number;
  readonly #holdsBase: number;

  /**
   * @param options table sizes
   * @throws {InvalidArgumentError} for sizes that are not integers in [1, 4096].
   */
  constructor(options?: DeadlockDetectorOptions);
  constructor(options: DeadlockDetectorOptions | undefined, words: Int32Array);
  constructor(options?: DeadlockDetectorOptions, words?: Int32Array) {
    if (words === undefined) {
      const o = checkOptions('options', options);
      const maxThreads = o.maxThreads === undefined ? 64 : checkInteger('options.maxThreads', o.maxThreads, 1, 4096);
      const maxLocks = o.maxLocks === undefined ? 256 : checkInteger('options.maxLocks', o.maxLocks, 1, 4096);
      words = allocateWords(HEADER_WORDS + (maxThreads + maxLocks) * ENTRY_WORDS + maxThreads * maxLocks);
      store(words, MAX_THREADS, maxThreads);
      store(words, MAX_LOCKS, maxLocks);
      store(words, ID, (Math.random() * 0x7fffffff) | 1);
    }
    this.#a = words;
    this.#maxThreads = load(words, MAX_THREADS);
    this.#maxLocks = load(words, MAX_LOCKS);
    this.#locksBase = HEADER_WORDS + this.#maxThreads * ENTRY_WORDS;
    this.#holdsBase = this.#locksBase + this.#maxLocks * ENTRY_WORDS;
  }

  /**
   * The detector described by `handle`, sharing its graph.
   *
   * @throws {InvalidArgumentError} when `handle` is not a detector handle.
   */
  static fromHandle(handle: DeadlockDetectorHandle): DeadlockDetector {
    const h = checkHandle<DeadlockDetectorHandle>(handle, 'tessera.DeadlockDetector');
    return new DeadlockDetector(undefined, new Int32Array(h.buffer));
  }

  /** The structured-cloneable handle. */
  get handle(): DeadlockDetectorHandle {
    return { kind: 'tessera.DeadlockDetector', buffer: this.#a.buffer as SharedArrayBuffer };
  }

  /**
   * Names the calling thread in reports (registering it if needed).
   *
   * @param name up to 52 bytes of UTF-8 are kept
   * @default name `thread-<slot>`
   * @throws {CapacityExceededError} when every thread slot is taken.
   */
  registerThread(name?: string): void {
    const slot = this.#threadSlot();
    if (name !== undefined) this.#writeName(this.#threadEntry(slot) + T_NAME_LEN, name, (ENTRY_WORDS - T_NAME) * 4);
  }

  /**
   * Registers a lock and returns its slot. Used by locks created with `{ detector }`.
   *
   * @throws {CapacityExceededError} when every lock slot is taken.
   */
  registerLock(kind: number, name: string): number {
    const slot = add(this.#a, LOCKS, 1);
    if (slot >= this.#maxLocks) throw new CapacityExceededError(`DeadlockDetector: all ${this.#maxLocks} lock slots are taken (raise options.maxLocks)`);
    const e = this.#lockEntry(slot);
    store(this.#a, e + L_KIND, kind);
    this.#writeName(e + L_NAME_LEN, name, (ENTRY_WORDS - L_NAME) * 4);
    return slot;
  }

  /**
   * Records that this thread is about to block on `lock` in `mode` and
   * searches for a cycle; the returned scope paces the wait and re-checks.
   */
  beginWait(lock: number, mode: number): DeadlockWaitScope {
    const me = this.#threadSlot();
    this.#change(this.#threadEntry(me) + T_WAIT, lock * 4 + mode);
    const scope = new DeadlockWaitScope(this, me);
    scope.check();
    return scope;
  }

  /** Clears this thread's wait edge. */
  endWait(me: number): void {
    this.#change(this.#threadEntry(me) + T_WAIT, 0);
  }

  /** Records that this thread acquired `lock` in `mode` (call after acquiring). */
  acquired(lock: number, mode: number): void {
    const cell = this.#holdsBase + this.#threadSlot() * this.#maxLocks + lock;
    const held = load(this.#a, cell);
    this.#change(cell, mode === MODE_EXCLUSIVE ? HELD_EXCLUSIVE : Math.max(held, 0) + 1);
  }

  /** Records that this thread is releasing `lock` held in `mode` (call before releasing). */
  releasing(lock: number, mode: number): void {
    const cell = this.#holdsBase + this.#threadSlot() * this.#maxLocks + lock;
    const held = load(this.#a, cell);
    this.#change(cell, mode === MODE_EXCLUSIVE || held <= 1 ? 0 : held - 1);
  }

  /** The name a lock was registered with. */
  lockName(lock: number): string {
    return this.#readName(this.#lockEntry(lock) + L_NAME_LEN);
  }

  /** The calling thread's name in this detector. */
  threadName(): string {
    return this.#threadName(this.#threadSlot());
  }

  /** A snapshot (not necessarily consistent) of the graph, for reports and debugging. */
  snapshot(): WaitForGraph {
    const a = this.#a;
    const nThreads = Math.min(load(a, THREADS), this.#maxThreads);
    const nLocks = Math.min(load(a, LOCKS), this.#maxLocks);
    const graph: WaitForGraph = { threads: [], locks: [] };
    for (let t = 0; t < nThreads; t++) {
      const w = load(a, this.#threadEntry(t) + T_WAIT);
      const entry: WaitForGraph['threads'][number] = { name: this.#threadName(t), threadId: load(a, this.#threadEntry(t) + T_ID) };
      if (w !== 0) {
        entry.waitsFor = this.lockName(w >> 2);
        entry.mode = (w & 3) === MODE_SHARED ? 'shared' : 'exclusive';
      }
      graph.threads.push(entry);
    }
    for (let l = 0; l < nLocks; l++) {
      const holders: WaitForGraph['locks'][number]['holders'] = [];
      for (let t = 0; t < nThreads; t++) {
        const h = load(a, this.#holdsBase + t * this.#maxLocks + l);
        if (h !== 0) holders.push({ thread: this.#threadName(t), mode: h === HELD_EXCLUSIVE ? 'exclusive' : 'shared' });
      }
      graph.locks.push({ name: this.lockName(l), holders });
    }
    return graph;
  }

  /**
   * Searches a consistent snapshot of the graph for a cycle through thread
   * slot `me`; returns it, `undefined` when there is none, or `null` when no
   * consistent snapshot could be taken (the graph kept changing).
   */
  findCycle(me: number): { threads: number[]; locks: number[] } | undefined | null {
    for (let attempt = 0; attempt < SNAPSHOT_TRIES; attempt++) {
      const before = load(this.#a, GRAPH);
      if ((before & 0xffff) !== 0) continue;
      const cycle = this.#search(me);
      if (load(this.#a, GRAPH) === before) return cycle;
    }
    return null;
  }

  /** The {@link DeadlockError} describing `cycle`. */
  errorFor(cycle: { threads: number[]; locks: number[] }): DeadlockError {
    return new DeadlockError(cycle.threads.map((t) => this.#threadName(t)), cycle.locks.map((l) => this.lockName(l)));
  }

  /** Depth-first search for a path of wait-for edges from `me` back to `me`. */
  #search(me: number): { threads: number[]; locks: number[] } | undefined {
    const nThreads = Math.min(load(this.#a, THREADS), this.#maxThreads);
    const visited = new Uint8Array(nThreads);
    const path: number[] = [me];
    const next: number[] = [0];
    visited[me] = 1;
    while (path.length > 0) {
      const depth = path.length - 1;
      const u = path[depth] as number;
      const v = this.#nextBlocker(u, next[depth] as number, nThreads);
      if (v < 0) {
        path.pop();
        next.pop();
        continue;
      }
      next[depth] = v + 1;
      if (v === me) return { threads: path.slice(), locks: path.map((t) => load(this.#a, this.#threadEntry(t) + T_WAIT) >> 2) };
      if (visited[v] === 1) continue;
      visited[v] = 1;
      path.push(v);
      next.push(0);
    }
    return undefined;
  }

  /** The first thread slot >= `from` that blocks thread `u`'s current wait, or -1. */
  #nextBlocker(u: number, from: number, nThreads: number): number {
    const a = this.#a;
    const wait = load(a, this.#threadEntry(u) + T_WAIT);
    if (wait === 0) return -1;
    const lock = wait >> 2;
    const mode = wait & 3;
    const writerPreference = mode === MODE_SHARED && load(a, this.#lockEntry(lock) + L_KIND) === KIND_RWLOCK;
    for (let v = from; v < nThreads; v++) {
      const held = load(a, this.#holdsBase + v * this.#maxLocks + lock);
      if (held === HELD_EXCLUSIVE || (held > 0 && mode === MODE_EXCLUSIVE)) return v;
      // A reader queues behind a writer that waits for the same lock.
      if (writerPreference && v !== u && load(a, this.#threadEntry(v) + T_WAIT) === lock * 4 + MODE_EXCLUSIVE) return v;
    }
    return -1;
  }

  /** One graph change: a single word store inside the GRAPH writer bracket. */
  #change(index: number, value: number): void {
    add(this.#a, GRAPH, WRITER);
    store(this.#a, index, value);
    add(this.#a, GRAPH, WRITER_DONE);
  }

  #threadSlot(): number {
    const id = load(this.#a, ID);
    let slot = mySlots.get(id);
    if (slot === undefined) {
      slot = add(this.#a, THREADS, 1);
      if (slot >= this.#maxThreads) throw new CapacityExceededError(`DeadlockDetector: all ${this.#maxThreads} thread slots are taken (raise options.maxThreads)`);
      store(this.#a, this.#threadEntry(slot) + T_ID, currentThreadId());
      mySlots.set(id, slot);
    }
    return slot;
  }

  #threadName(slot: number): string {
    return this.#readName(this.#threadEntry(slot) + T_NAME_LEN) || `thread-${slot}`;
  }

  #threadEntry(slot: number): number {
    return HEADER_WORDS + slot * ENTRY_WORDS;
  }

  #lockEntry(slot: number): number {
    return this.#locksBase + slot * ENTRY_WORDS;
  }

  /** Writes `name` as UTF-8 after the length word at `lenIndex`, then publishes the length. */
  #writeName(lenIndex: number, name: string, maxBytes: number): void {
    if (typeof name !== 'string') throw new InvalidArgumentError('name', name, 'a string');
    const bytes = new Uint8Array(maxBytes);
    const { written } = encoder.encodeInto(name, bytes);
    new Uint8Array(this.#a.buffer, this.#a.byteOffset + (lenIndex + 1) * 4, maxBytes).set(bytes);
    store(this.#a, lenIndex, written);
  }

  #readName(lenIndex: number): string {
    const n = load(this.#a, lenIndex);
    // TextDecoder rejects views of shared memory: copy first.
    return decoder.decode(new Uint8Array(this.#a.buffer, this.#a.byteOffset + (lenIndex + 1) * 4, n).slice());
  }
}

/**
 * One blocking wait under a {@link DeadlockDetector}: paces the wait in
 * short slices and re-searches the graph after each.
 */
export class DeadlockWaitScope {
  readonly #detector: DeadlockDetector;
  readonly #me: number;
  #suspect = false;

  constructor(detector: DeadlockDetector, me: number) {
    this.#detector = detector;
    this.#me = me;
  }

  /** How long to sleep before the next check, at most `remainingMs`. */
  sliceMs(remainingMs: number): number {
    return Math.min(remainingMs, this.#suspect ? CONFIRM_MS : CHECK_INTERVAL_MS);
  }

  /**
   * Searches for a cycle through this thread; the second consecutive find
   * clears the wait edge and throws.
   *
   * @throws {DeadlockError} naming the threads and locks of the cycle.
   */
  check(): void {
    const cycle = this.#detector.findCycle(this.#me);
    if (cycle === null) return;
    if (cycle === undefined) {
      this.#suspect = false;
      return;
    }
    if (!this.#suspect) {
      this.#suspect = true;
      return;
    }
    const error = this.#detector.errorFor(cycle);
    this.end();
    throw error;
  }

  /** Clears the wait edge (idempotent). */
  end(): void {
    this.#detector.endWait(this.#me);
  }
}
