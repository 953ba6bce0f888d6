/**
 * Worker side of task graphs (a task module the graph loads into every
 * worker): runs one node's export with its arguments, reading stored results
 * of its dependencies straight from the shared object store, and leaves a
 * large result in the store instead of sending it back (see
 * object-store.ts). Not part of the public API.
 */
import { currentTask, enterTask, leaveTask, type RunningTask } from '../core/task-context.js';
import { attachStore, isStoredMarker, loadStored, storeResult } from './object-store.js';

type Fn = (...args: unknown[]) => unknown;

/** Exports resolved so far in this worker, by `url#name`. */
const exportsByKey = new Map<string, Fn>();

/**
 * Runs export `name` of module `url` with `args`, where any argument may be a
 * stored-result marker.
 * @param store a view over the pool's object store
 * @param minStoredBytes results at least this large (serialized) stay in the store
 * @returns the result, or a marker for the store block that holds it
 */
export function runNode(url: string, name: string, args: unknown[], store: Uint8Array, minStoredBytes: number): unknown {
  const fn = exportsByKey.get(`${url}#${name}`);
  if (fn === undefined) return importThenRun(url, name, args, store, minStoredBytes);
  return runWith(fn, args, store, minStoredBytes);
}

async function importThenRun(url: string, name: string, args: unknown[], store: Uint8Array, minStoredBytes: number): Promise<unknown> {
  const task = currentTask() as RunningTask;
  const mod = (await import(url)) as Record<string, unknown>;
  const fn = mod[name];
  if (typeof fn !== 'function') throw new TypeError(`Task module ${url} has no exported function "${name}"`);
  exportsByKey.set(`${url}#${name}`, fn as Fn);
  // After the await the worker has left the task's context: enter it again so currentTask() works in `fn`.
  enterTask(task);
  try {
    return runWith(fn as Fn, args, store, minStoredBytes);
  } finally {
    leaveTask();
  }
}

function runWith(fn: Fn, args: unknown[], store: Uint8Array, minStoredBytes: number): unknown {
  const heap = attachStore(store);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (isStoredMarker(a)) args[i] = loadStored(heap, a);
  }
  const result = fn(...args);
  if (typeof result === 'object' && result !== null && typeof (result as PromiseLike<unknown>).then === 'function') {
    return (result as PromiseLike<unknown>).then((v) => storeResult(heap, v, minStoredBytes));
  }
  return storeResult(heap, result, minStoredBytes);
}
