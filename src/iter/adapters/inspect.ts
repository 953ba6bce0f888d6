/**
 * `inspect(fn)`: calls `fn(x, context)` for each item and passes the item on
 * unchanged (for side effects such as counting into shared memory). Keeps a
 * chain indexed.
 */
import type { OpEmit } from '../plumbing/emit-types.js';
import type { OpDesc } from '../plumbing/plan.js';
import { callKernel } from './map.js';
import { fnDesc, type Kernel } from '../kernel.js';
import type { KernelOptions } from '../options.js';

/** Emits `f(v, c)` and passes `v` on. */
export const inspectEmit: OpEmit<Extract<OpDesc, { t: 'inspect' }>> = (s, op, v) => {
  s.e.line(`${callKernel(s.e, op.f, op.c, v)};`);
  return v;
};

/** The `inspect` adapter's description (main thread). */
export function inspectOp<T, C>(fn: Kernel<(x: T, context: C) => unknown>, options: KernelOptions<C> | undefined): Extract<OpDesc, { t: 'inspect' }> {
  return { t: 'inspect', f: fnDesc('fn', fn), c: options?.context };
}
