/**
 * Worker side of task graphs (a task module the graph loads into every
 * worker): runs one node's export with its arguments, reading stored results
 * of its dependencies straight from the shared object store, and leaves a
 * large result in the store instead of sending it back (see
 * object-store.ts). Not part of the public API.
 *
 * Two entry points keep the common call cheap: `runNode(id, min, ...args)`
 * names the export by a number, so a node whose arguments are numbers
 * travels on the pool's float64 fast path; a worker that does not know the
 * id yet (or has not attached the store) fails it with `ERR_GRAPH_SETUP`
 * before running anything, and the main thread resends the node once through
 * `setupAndRun`, which carries the module URL, the export name and the store.
 */
import { TesseraError } from '../shared/errors.js';
import { currentTask, enterTask, leaveTask, type RunningTask } from '../core/task-context.js';
import type { SharedHeap } from '../memory/shared-heap.js';
import { attachStore, isStoredMarker, loadStored, storeResult } from './object-store.js';

type Fn = (...args: unknown[]) => unknown;

/** The code of the error that asks the main thread to resend a node through `setupAndRun`. */
export const SETUP_NEEDED = 'ERR_GRAPH_SETUP';

/** Exports known in this worker, by the id the main thread gave them. */
const exportsById = new Map<number, Fn>();
/** The pool's object store, attached in this worker (a worker belongs to one pool). */
let heap: SharedHeap | undefined;

/**
 * Runs export `id` with `args` (any of which may be a stored-result marker).
 * @param minStoredBytes results at least this large (serialized) stay in the store
 * @returns the result, or a marker for the store block that holds it
 * @throws TesseraError `ERR_GRAPH_SETUP` when this worker does not know `id` yet (nothing ran)
 */
export function runNode(id: number, minStoredBytes: number, ...args: unknown[]): unknown {
  const fn = exportsById.get(id);
  if (fn === undefined || heap === undefined) throw new TesseraError(SETUP_NEEDED, `graph export #${id} is not set up in this worker yet`);
  return runWith(fn, heap, args, minStoredBytes);
}

/** Registers export `name` of module `url` as `id`, attaches the store, then runs the node as {@link runNode} does. */
export async function setupAndRun(id: number, url: string, name: string, store: Uint8Array, minStoredBytes: number, ...args: unknown[]): Promise<unknown> {
  const task = currentTask() as RunningTask;
  heap ??= attachStore(store);
  let fn = exportsById.get(id);
  if (fn === undefined) {
    const mod = (await import(url)) as Record<string, unknown>;
    const f = mod[name];
    if (typeof f !== 'function') throw new TypeError(`Task module ${url} has no exported function "${name}"`);
    exportsById.set(id, (fn = f as Fn));
  }
  // After an await the worker has left the task's context: enter it again so currentTask() works in `fn`.
  enterTask(task);
  try {
    return await runWith(fn, heap, args, minStoredBytes);
  } finally {
    leaveTask();
  }
}

function runWith(fn: Fn, store: SharedHeap, args: unknown[], minStoredBytes: number): unknown {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (isStoredMarker(a)) args[i] = loadStored(store, a);
  }
  const result = fn(...args);
  if (typeof result === 'object' && result !== null && typeof (result as PromiseLike<unknown>).then === 'function') {
    return (result as PromiseLike<unknown>).then((v) => storeResult(store, v, minStoredBytes));
  }
  return storeResult(store, result, minStoredBytes);
}
