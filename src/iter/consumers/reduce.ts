/**
 * `reduce(identity, op)`: each leaf folds its items into
 * `op(…op(op(identity(context), x0, context), x1, context)…)`; the leaf
 * results combine in the fixed tree of plumbing/leaves.ts with
 * `op(a, b, context)` on the main thread. For an associative `op` with
 * `identity()` as its neutral element this equals the sequential
 * `items.reduce((a, b) => op(a, b), identity())`; for floating-point ops it
 * is still the same on any thread count and policy. `op` must also be
 * callable on the main thread.
 */
import type { TermEmit } from '../plumbing/emit-types.js';
import { treeReduce } from '../plumbing/leaves.js';
import { drive, type Drivable } from '../plumbing/bridge.js';
import type { TermDesc } from '../plumbing/plan.js';
import { fnDesc, mainThreadKernel, type Kernel } from '../kernel.js';
import type { CallOptions, KernelOptions } from '../options.js';


type ReduceTerm = Extract<TermDesc, { t: 'reduce' }>;

/** Leaf code of `reduce`. */
export const reduceEmit: TermEmit<ReduceTerm> = {
  init: (e, t) => e.line(`let $acc = ${e.fn(t.identity)}(${e.bind(t.c)});`),
  step: (s, t, v) => s.e.line(`$acc = ${s.e.fn(t.f)}($acc, ${v}, ${s.e.bind(t.c)});`),
  end: (e) => e.line('return $acc;'),
};

/** Reduces the items with `op`, starting each leaf from `identity(context)`. */
export async function reduce<T, C>(
  it: Drivable,
  identity: Kernel<(context: C) => T>,
  op: Kernel<(a: T, b: T, context: C) => T>,
  options?: KernelOptions<C> & CallOptions,
): Promise<T> {
  const t: ReduceTerm = { t: 'reduce', identity: fnDesc('identity', identity), f: fnDesc('op', op), c: options?.context };
  const [id, f] = await Promise.all([mainThreadKernel(identity), mainThreadKernel(op)]);
  const c = options?.context as C;
  return drive(it, t, options, (o) => {
    if (o.leaves === 0) return id(c);
    const parts = new Array<T>(o.leaves);
    for (const p of o.values) parts[p.leaf] = p.value as T;
    return treeReduce(parts, (a, b) => f(a, b, c)) as T;
  });
}
