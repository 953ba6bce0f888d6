/**
 * `map(fn)`: each item `x` becomes `fn(x, context)`. Keeps a chain indexed.
 */
import type { Emitter } from '../plumbing/emitter.js';
import type { OpEmit } from '../plumbing/emit-types.js';
import type { OpDesc } from '../plumbing/plan.js';
import { fnDesc, type Kernel } from '../kernel.js';
import type { KernelOptions } from '../options.js';

/** Emits `v' = f(v, c)`. */
export const mapEmit: OpEmit<Extract<OpDesc, { t: 'map' }>> = (s, op, v) => {
  const f = s.e.fn(op.f);
  const c = s.e.bind(op.c);
  const out = s.e.temp();
  s.e.line(`const ${out} = ${f}(${v}, ${c});`);
  return out;
};

/** Emits a call `f(args…, c)` of a kernel with its context; shared by the adapters and consumers. */
export function callKernel(e: Emitter, f: Parameters<Emitter['fn']>[0], c: unknown, ...args: string[]): string {
  return `${e.fn(f)}(${args.join(', ')}, ${e.bind(c)})`;
}

/** The `map` adapter's description (main thread). */
export function mapOp<T, U, C>(fn: Kernel<(x: T, context: C) => U>, options: KernelOptions<C> | undefined): Extract<OpDesc, { t: 'map' }> {
  return { t: 'map', f: fnDesc('fn', fn), c: options?.context };
}
