/**
 * Worker side: turning a {@link FnDesc} into a function outside generated
 * chains (sort comparators): inline sources are compiled once per worker,
 * task modules imported once per worker.
 */
import { compileInline } from '../../core/inline-function.js';
import type { FnDesc } from './plan.js';

type Fn = (...args: any[]) => any;

const inline = new Map<string, Fn>();
/** Task modules imported by this worker, by URL. */
export const importedModules = new Map<string, Record<string, unknown>>();

/** Imports the task modules `urls` that this worker has not imported yet. */
export async function importModules(urls: Iterable<string>): Promise<void> {
  for (const url of urls) if (!importedModules.has(url)) importedModules.set(url, (await import(url)) as Record<string, unknown>);
}

/** The function described by `f`; its module must have been imported ({@link importModules}). */
export function resolveFn(f: FnDesc): Fn {
  if ('src' in f) {
    let fn = inline.get(f.src);
    if (fn === undefined) {
      fn = compileInline(f.src) as Fn;
      inline.set(f.src, fn);
    }
    return fn;
  }
  const fn = importedModules.get(f.module)?.[f.name];
  if (typeof fn !== 'function') throw new TypeError(`iter: ${f.module} has no exported function "${f.name}"`);
  return fn as Fn;
}

/** Resolves `f` (importing its module first when needed). */
export async function resolveFnAsync(f: FnDesc): Promise<Fn> {
  if ('module' in f) await importModules([f.module]);
  return resolveFn(f);
}
