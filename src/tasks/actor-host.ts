/**
 * Worker side of actors (a task module the actor system loads into the
 * pool): holds the actor instances living in this worker, keyed by
 * `actorId:incarnation`, and runs their methods. Calls reach it as tasks
 * pinned to this worker, which the worker runs one at a time in submission
 * order (it awaits an async method before taking the next task), so an
 * actor's calls are serial and ordered. Not part of the public API.
 */
import { currentTask, enterTask, leaveTask, type RunningTask } from '../core/task-context.js';
import { ActorLostError } from './errors.js';

type Instance = Record<string, unknown>;

const instances = new Map<string, Instance>();

/** Identifies this worker thread (module state lives and dies with the thread). */
const THREAD = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** What `actorCreate` reports to the main thread. */
export interface CreatedActor {
  /** The instance's method names (own and inherited, without `constructor`). */
  methods: string[];
  /** True when the instance has both `snapshot()` and `restore(snapshot)`. */
  snapshots: boolean;
  /** Token of the thread holding the instance. */
  thread: string;
}

function isClass(f: unknown): boolean {
  return typeof f === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(f));
}

function methodNames(obj: object): string[] {
  const names = new Set<string>();
  for (let p: object | null = obj; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const k of Object.getOwnPropertyNames(p)) {
      if (k === 'constructor' || names.has(k)) continue;
      const d = Object.getOwnPropertyDescriptor(p, k);
      if (d !== undefined && typeof d.value === 'function') names.add(k);
    }
  }
  return [...names];
}

/**
 * Creates the instance: `new Export(...args)` for a class, `await Export(...args)`
 * for a factory function; then, when `restoreFrom` holds a snapshot, calls
 * `instance.restore(snapshot)`.
 */
export async function actorCreate(key: string, url: string, exportName: string, args: unknown[], restoreFrom: [unknown] | undefined): Promise<CreatedActor> {
  const task = currentTask() as RunningTask;
  const mod = (await import(url)) as Record<string, unknown>;
  const Export = mod[exportName];
  if (typeof Export !== 'function') throw new TypeError(`Module ${url} has no exported class or factory function "${exportName}"`);
  // After the await the worker has left the task's context: enter it again so currentTask() works in the constructor.
  let made: unknown;
  enterTask(task);
  try {
    made = isClass(Export) ? new (Export as new (...a: unknown[]) => unknown)(...args) : (Export as (...a: unknown[]) => unknown)(...args);
  } finally {
    leaveTask();
  }
  const instance = (await made) as Instance;
  if (typeof instance !== 'object' || instance === null) throw new TypeError(`Actor factory "${exportName}" returned ${instance === null ? 'null' : typeof instance}, not an object`);
  const snapshots = typeof instance.snapshot === 'function' && typeof instance.restore === 'function';
  if (restoreFrom !== undefined && snapshots) await (instance.restore as (s: unknown) => unknown).call(instance, restoreFrom[0]);
  instances.set(key, instance);
  return { methods: methodNames(instance), snapshots, thread: THREAD };
}

function method(key: string, name: string): [Instance, (...a: unknown[]) => unknown] {
  const instance = instances.get(key);
  if (instance === undefined) throw new ActorLostError(key.slice(0, key.lastIndexOf(':')), THREAD);
  const f = instance[name];
  if (typeof f !== 'function') throw new TypeError(`Actor ${key} has no method "${name}"`);
  return [instance, f as (...a: unknown[]) => unknown];
}

/** Calls `instance[name](...args)`. */
export function actorCall(key: string, name: string, args: unknown[]): unknown {
  const [instance, f] = method(key, name);
  return f.apply(instance, args);
}

/** Calls `instance[name](...args)`, then takes a snapshot: resolves `[result, snapshot]`. */
export function actorCallSnap(key: string, name: string, args: unknown[]): unknown {
  const [instance, f] = method(key, name);
  const r = f.apply(instance, args);
  const snap = (v: unknown): unknown => {
    const s = (instance.snapshot as () => unknown).call(instance);
    return typeof (s as PromiseLike<unknown>)?.then === 'function' ? (s as Promise<unknown>).then((x) => [v, x]) : [v, s];
  };
  return typeof (r as PromiseLike<unknown>)?.then === 'function' ? (r as Promise<unknown>).then(snap) : snap(r);
}

/** Takes a snapshot now. */
export function actorSnapshot(key: string): unknown {
  const [instance, f] = method(key, 'snapshot');
  return f.call(instance);
}

/** Removes the instance, calling its `[Symbol.asyncDispose]`, `[Symbol.dispose]` or `dispose` first when it has one. */
export async function actorDestroy(key: string): Promise<void> {
  const instance = instances.get(key);
  if (instance === undefined) return;
  instances.delete(key);
  const disposers = [(instance as Record<symbol, unknown>)[Symbol.asyncDispose], (instance as Record<symbol, unknown>)[Symbol.dispose], instance.dispose];
  const d = disposers.find((f) => typeof f === 'function') as (() => unknown) | undefined;
  if (d !== undefined) await d.call(instance);
}
