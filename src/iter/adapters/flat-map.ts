/**
 * `flatMap(fn)`: replaces each item by the items of the iterable
 * `fn(x, context)` returns (an array, a typed array, a generator…), in order.
 * Not indexed afterwards.
 */
import type { OpEmit } from '../plumbing/emit-types.js';
import type { OpDesc } from '../plumbing/plan.js';
import { callKernel } from './map.js';
import { fnDesc, type Kernel } from '../kernel.js';
import type { KernelOptions } from '../options.js';

/** Opens `for (const v' of fn(v, c)) {`: the rest of the chain runs once per inner item. */
export const flatMapEmit: OpEmit<Extract<OpDesc, { t: 'flatMap' }>> = (s, op, v) => {
  const out = s.e.temp();
  s.e.openBlock(`for (const ${out} of ${callKernel(s.e, op.f, op.c, v)}) {`);
  return out;
};

/** The `flatMap` adapter's description (main thread). */
export function flatMapOp<T, U, C>(fn: Kernel<(x: T, context: C) => Iterable<U>>, options: KernelOptions<C> | undefined): Extract<OpDesc, { t: 'flatMap' }> {
  return { t: 'flatMap', f: fnDesc('fn', fn), c: options?.context };
}
