/**
 * Kernels: the functions of a chain. A kernel is either an inline function
 * (its source travels to the workers, so it cannot capture variables: pass
 * values through the `context` option), a one-argument built-in such as
 * `Math.sqrt`, or a reference to a task-module export made with
 * {@link kernels}, which may import anything.
 */
import { functionSource } from '../core/inline-function.js';
import { InvalidArgumentError } from '../shared/errors.js';
import type { FnDesc } from './plumbing/plan.js';

const KERNEL_REF = Symbol.for('tessera.kernelRef');

/** A reference to function `F` exported by a task module, usable wherever a chain takes a function. */
export interface KernelRef<F extends (...args: any[]) => unknown = (...args: any[]) => unknown> {
  readonly [KERNEL_REF]: true;
  /** The module's URL. */
  readonly module: string;
  /** The export's name. */
  readonly name: string;
  /** Phantom field carrying the function's type. */
  readonly __type?: F;
}

/** An inline function or a task-module reference of type `F`. */
export type Kernel<F extends (...args: any[]) => unknown> = F | KernelRef<F>;

/** The task-module references of module `T`: one {@link KernelRef} per exported function. */
export type KernelRefs<T> = {
  readonly [K in keyof T as T[K] extends (...args: any[]) => unknown ? K : never]: T[K] extends (...args: any[]) => unknown ? KernelRef<T[K]> : never;
};

/**
 * References to the exports of a task module, for use in parallel-iterator
 * chains: `pool.range(0, n).map(k.square).sum()` runs `square` from the
 * module in the workers (each worker imports the module once). The module
 * must also be importable from the main thread when one of its functions is
 * used to combine results (`reduce`, `minBy`, `maxBy`).
 *
 * @param url the module's URL, e.g. `new URL('./kernels.js', import.meta.url)`
 * @returns an object whose property `name` is a reference to export `name`
 * @throws InvalidArgumentError when `url` is not a URL
 * @example
 * const k = kernels<typeof import('./kernels.js')>(new URL('./kernels.js', import.meta.url));
 * const total = await pool.range(0, 1e6).map(k.weight).sum();
 */
export function kernels<T>(url: URL | string): KernelRefs<T> {
  let href: string;
  try {
    href = new URL(String(url)).href;
  } catch {
    throw new InvalidArgumentError('url', url, 'a module URL such as new URL("./kernels.js", import.meta.url)');
  }
  const cache = new Map<string, KernelRef>();
  return new Proxy({} as KernelRefs<T>, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      let ref = cache.get(name);
      if (ref === undefined) {
        ref = Object.freeze({ [KERNEL_REF]: true as const, module: href, name });
        cache.set(name, ref);
      }
      return ref;
    },
  });
}

/** True when `value` is a {@link KernelRef}. */
export function isKernelRef(value: unknown): value is KernelRef {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[KERNEL_REF] === true;
}

const sources = new WeakMap<object, FnDesc>();

/**
 * Built-in one-argument functions that may be passed as kernels by name
 * (`map(Math.sqrt)`): they exist in every worker, and ignore the context
 * argument they receive.
 */
const NATIVES = new Map<unknown, string>();
for (const name of Object.getOwnPropertyNames(Math)) {
  const f = (Math as unknown as Record<string, unknown>)[name];
  if (typeof f === 'function' && f.length === 1) NATIVES.set(f, `Math.${name}`);
}
for (const name of ['isFinite', 'isInteger', 'isNaN', 'isSafeInteger']) NATIVES.set((Number as unknown as Record<string, unknown>)[name], `Number.${name}`);
NATIVES.set(Boolean, 'Boolean');

/**
 * The travelling form of a kernel.
 * @throws InvalidArgumentError when `fn` is neither a function nor a {@link KernelRef}
 */
export function fnDesc(field: string, fn: unknown): FnDesc {
  if (isKernelRef(fn)) return { module: fn.module, name: fn.name };
  if (typeof fn !== 'function') throw new InvalidArgumentError(field, fn, 'a function or a kernel reference from kernels(url)');
  let d = sources.get(fn);
  if (d === undefined) {
    const native = NATIVES.get(fn);
    d = { src: native ?? functionSource(fn as (...args: any[]) => unknown) };
    sources.set(fn, d);
  }
  return d;
}

const mainModules = new Map<string, Promise<Record<string, unknown>>>();

/**
 * The callable form of a kernel on the main thread (to combine partial
 * results): the function itself, or the export imported here.
 */
export async function mainThreadKernel<F extends (...args: any[]) => unknown>(fn: Kernel<F>): Promise<F> {
  if (!isKernelRef(fn)) return fn;
  let p = mainModules.get(fn.module);
  if (p === undefined) {
    p = import(fn.module) as Promise<Record<string, unknown>>;
    mainModules.set(fn.module, p);
  }
  const f = (await p)[fn.name];
  if (typeof f !== 'function') throw new InvalidArgumentError('kernel', fn.name, `a function exported by ${fn.module}`);
  return f as F;
}
