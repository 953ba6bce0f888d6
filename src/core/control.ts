/**
 * Control messages: the only `postMessage` traffic of a pool. They carry what
 * cannot live in a slot — code (inline function sources, module URLs) and
 * SharedArrayBuffers (which must be posted once to each thread before a
 * handle to them can be used). Tasks never travel this way.
 *
 * A thread that meets an id it does not know yet (a callable or a buffer)
 * pulls its port synchronously (`platform().receiveSync`) until the
 * definition arrives: the sender always posts the definition before it
 * publishes the task that uses it, and a posted message is visible to
 * `receiveSync` at once.
 */
import { platform, type PlatformPort } from '../platform/platform.js';
import { TesseraError } from '../shared/errors.js';

/** A callable: an inline function's source, or a module's export. */
export type CallableDef =
  | { kind: 'inline'; source: string }
  | { kind: 'export'; module: number; name: string };

/** Messages between the main thread and a worker. */
export type ControlMessage =
  | { t: 'buffer'; id: number; sab: SharedArrayBuffer }
  /** Main → worker: stop using these ids for new handles (keep them for handles in flight); answer `forgot`. */
  | { t: 'forget'; ids: number[] }
  | { t: 'forgot'; ids: number[] }
  /** Main → worker: no handle with these ids is in flight any more: drop the buffers. */
  | { t: 'forget-done'; ids: number[] }
  | { t: 'callable'; id: number; def: CallableDef }
  | { t: 'load'; module: number; url: string }
  | { t: 'loaded'; module: number; exports: string[] }
  | { t: 'load-failed'; module: number; error: unknown }
  | { t: 'ready' }
  | { t: 'progress'; slot: number; gen: number; done: number; total: number };

/** How long a thread waits for a definition before it reports a protocol error. */
const PULL_TIMEOUT_MS = 10_000;

/**
 * Pulls messages from `port` synchronously, handing each to `handle`, until
 * `found()` is true. Throws after {@link PULL_TIMEOUT_MS}.
 */
export function pullUntil(port: PlatformPort, handle: (m: ControlMessage) => void, found: () => boolean, what: string): void {
  const p = platform();
  const deadline = p.now() + PULL_TIMEOUT_MS;
  while (!found()) {
    const got = p.receiveSync(port);
    if (got !== undefined) {
      handle(got.message as ControlMessage);
      continue;
    }
    if (p.now() > deadline) throw new TesseraError('ERR_PROTOCOL', `Tessera internal error: ${what} never arrived on the control port`);
    // The definition is posted before the task that needs it, so this is rare: yield briefly.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 0.05);
  }
}

/** Ids of the buffers first shared by worker w start here; the main thread's start at 1. */
export const WORKER_BUFFER_ID_STRIDE = 2 ** 24;

/** The worker index whose id range holds `id`, or -1 for the main thread's. */
export function bufferIdOwner(id: number): number {
  return Math.floor(id / WORKER_BUFFER_ID_STRIDE) - 1;
}

/**
 * Maps SharedArrayBuffers to small ids so that typed arrays over them travel as
 * handles. Ids are unique per pool: the main thread allocates from 1, worker w
 * from `(w + 1) * 2^24`.
 */
export class BufferRegistry {
  private readonly ids = new WeakMap<SharedArrayBuffer, number>();
  private readonly byId = new Map<number, SharedArrayBuffer>();
  private next: number;

  /**
   * @param idBase first id this thread allocates
   * @param announce posts a newly shared buffer to the other threads
   * @param pull pulls control messages until `found()` holds (see {@link pullUntil})
   */
  constructor(idBase: number, private readonly announce: (id: number, sab: SharedArrayBuffer) => void, private readonly pull: (id: number, found: () => boolean, what: string) => void) {
    this.next = idBase;
  }

  /** The id of `sab`, announcing it to the other threads the first time. */
  share(sab: SharedArrayBuffer): number {
    let id = this.ids.get(sab);
    if (id === undefined) {
      id = this.next++;
      this.add(id, sab);
      this.announce(id, sab);
    }
    return id;
  }

  /**
   * Records a buffer announced by another thread.
   * @param mapped false for a buffer being released: handles with `id` still resolve, but
   *   sharing the buffer again gives it a new id
   */
  add(id: number, sab: SharedArrayBuffer, mapped = true): void {
    if (!this.byId.has(id)) {
      this.byId.set(id, sab);
      if (mapped) this.ids.set(sab, id);
    }
  }

  /** The id of `sab` if it is registered and not being released. */
  idOf(sab: SharedArrayBuffer): number | undefined {
    return this.ids.get(sab);
  }

  /** Release, first step: `id` keeps resolving, but sharing its buffer again allocates a new id. */
  unmap(id: number): void {
    const sab = this.byId.get(id);
    if (sab !== undefined && this.ids.get(sab) === id) this.ids.delete(sab);
  }

  /** Release, last step: forgets `id` and its buffer. */
  remove(id: number): void {
    this.unmap(id);
    this.byId.delete(id);
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  /** The buffer with `id`, pulling the control port if it has not arrived yet. */
  find(id: number): SharedArrayBuffer {
    let sab = this.byId.get(id);
    if (sab === undefined) {
      this.pull(id, () => this.byId.has(id), `shared buffer #${id}`);
      sab = this.byId.get(id)!;
    }
    return sab;
  }

  /** Forgets every buffer (the pool has stopped: no handle will be resolved again). */
  clear(): void {
    this.byId.clear();
  }

  /** All known buffers, for a worker that starts later. */
  entries(): [number, SharedArrayBuffer][] {
    return [...this.byId.entries()];
  }
}
