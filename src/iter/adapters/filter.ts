/**
 * `filter(pred)`: keeps the items for which `pred(x, context)` is truthy.
 * The chain is no longer indexed afterwards (positions are unknown until it runs).
 */
import type { OpEmit } from '../plumbing/emit-types.js';
import type { OpDesc } from '../plumbing/plan.js';
import { callKernel } from './map.js';
import { fnDesc, type Kernel } from '../kernel.js';
import type { KernelOptions } from '../options.js';

/** Emits `if (!pred(v, c)) continue;`. */
export const filterEmit: OpEmit<Extract<OpDesc, { t: 'filter' }>> = (s, op, v) => {
  s.e.line(`if (!${callKernel(s.e, op.f, op.c, v)}) continue;`);
  return v;
};

/** The `filter` adapter's description (main thread). */
export function filterOp<T, C>(pred: Kernel<(x: T, context: C) => unknown>, options: KernelOptions<C> | undefined): Extract<OpDesc, { t: 'filter' }> {
  return { t: 'filter', f: fnDesc('pred', pred), c: options?.context };
}
