/**
 * Typed access to a task module's exports: `pool.load(url)` returns a
 * `Remote<typeof import('./kernels.js')>` whose methods run the exports on
 * the pool.
 */
import type { TaskOptions } from './pool-options.js';

/** A task-module function as seen from the main thread. */
export interface RemoteFunction<A extends unknown[], R> {
  /** Runs the export on the pool with `args`; resolves to its (awaited) result. */
  (...args: A): Promise<R>;
  /** The same function with per-call options (signal, timeout, retries). */
  with(options: TaskOptions): (...args: A) => Promise<R>;
  /** The export's name. */
  readonly exportName: string;
}

/** The functions of module `T`, each returning a promise of its result. */
export type Remote<T> = {
  readonly [K in keyof T as T[K] extends (...args: any[]) => unknown ? K : never]: T[K] extends (...args: infer A) => infer R
    ? RemoteFunction<A, Awaited<R>>
    : never;
};

/** Builds the object returned by `pool.load`. */
export function makeRemote<T>(exportIds: Map<string, number>, submit: (id: number, args: unknown[], options: TaskOptions | undefined) => Promise<unknown>): Remote<T> {
  const out: Record<string, unknown> = {};
  for (const [name, id] of exportIds) {
    const fn = (...args: unknown[]) => submit(id, args, undefined);
    fn.with = (options: TaskOptions) => (...args: unknown[]) => submit(id, args, options);
    Object.defineProperty(fn, 'exportName', { value: name });
    Object.defineProperty(fn, 'name', { value: name });
    out[name] = fn;
  }
  return Object.freeze(out) as Remote<T>;
}
