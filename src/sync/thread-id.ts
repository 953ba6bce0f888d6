/**
 * A small per-thread identity for lock ownership checks. `memory/` and
 * `sync/` may not import `node:worker_threads`, so the id is either set by
 * the runtime (the pool gives each worker a unique one with
 * {@link setCurrentThreadId}) or drawn at random on first use: 31 random bits,
 * so two threads collide with probability ~2^-31 per pair. Ids are only used
 * to check that the unlocking thread is the holder and to detect a thread
 * blocking on a lock it holds; the deadlock detector names threads by its own
 * slots, not by these ids.
 */
import { checkInteger } from '../shared/check.js';

/** Per thread, on `globalThis`: a pool worker's bundled runtime sets it, the package's modules read it. */
const state = ((globalThis as Record<symbol, unknown>)[Symbol.for('tessera.threadId')] ??= { current: 0 }) as { current: number };

function randomId(): number {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
  let r: number;
  if (c?.getRandomValues !== undefined) r = c.getRandomValues(new Uint32Array(1))[0] ?? 0;
  else r = Math.floor(Math.random() * 2 ** 31);
  return (r & 0x7fffffff) || 1;
}

/** This thread's id, an integer in [1, 2^31 - 1], drawn on first use unless set. */
export function currentThreadId(): number {
  if (state.current === 0) state.current = randomId();
  return state.current;
}

/**
 * Sets this thread's id. Call it before the thread takes any lock (a lock
 * taken under the old id can no longer be unlocked by this thread).
 *
 * @param id an integer in [1, 2^31 - 1], unique among the threads sharing locks
 * @throws {InvalidArgumentError} when `id` is out of range.
 */
export function setCurrentThreadId(id: number): void {
  state.current = checkInteger('id', id, 1, 2 ** 31 - 1);
}
