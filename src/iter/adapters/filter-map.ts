/**
 * `filterMap(fn)`: maps each item with `fn(x, context)` and drops the
 * results that are `undefined` (JavaScript's "none"). Not indexed afterwards.
 */
import type { OpEmit } from '../plumbing/emit-types.js';
import type { OpDesc } from '../plumbing/plan.js';
import { callKernel } from './map.js';
import { fnDesc, type Kernel } from '../kernel.js';
import type { KernelOptions } from '../options.js';

/** Emits `const v' = fn(v, c); if (v' === undefined) continue;`. */
export const filterMapEmit: OpEmit<Extract<OpDesc, { t: 'filterMap' }>> = (s, op, v) => {
  const out = s.e.temp();
  s.e.line(`const ${out} = ${callKernel(s.e, op.f, op.c, v)};`);
  s.e.line(`if (${out} === undefined) continue;`);
  return out;
};

/** The `filterMap` adapter's description (main thread). */
export function filterMapOp<T, U, C>(fn: Kernel<(x: T, context: C) => U | undefined>, options: KernelOptions<C> | undefined): Extract<OpDesc, { t: 'filterMap' }> {
  return { t: 'filterMap', f: fnDesc('fn', fn), c: options?.context };
}
