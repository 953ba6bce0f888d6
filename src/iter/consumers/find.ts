/**
 * `find(pred)`: the first item (in sequential order) that satisfies
 * `pred(x, context)`, or `undefined`; `findIndex(pred)` (indexed chains):
 * its index, or -1. Early exit as in `any`: a hit lowers the shared stop
 * word, later leaves are skipped, earlier ones still run, and the lowest
 * hit wins — never the first one found in time.
 */
import type { TermEmit } from '../plumbing/emit-types.js';
import { drive, type Drivable } from '../plumbing/bridge.js';
import type { TermDesc } from '../plumbing/plan.js';
import { fnDesc, type Kernel } from '../kernel.js';
import type { CallOptions, KernelOptions } from '../options.js';


type FindTerm = Extract<TermDesc, { t: 'find' | 'findIndex' }>;

/** Leaf code of `find`. */
export const findEmit: TermEmit<FindTerm> = {
  init: () => undefined,
  step: (s, t, v) => s.e.line(`if (${s.e.fn(t.f)}(${v}, ${s.e.bind(t.c)})) { $t_S.n = 1; return ${t.t === 'find' ? v : s.idx}; }`),
  end: (e) => e.line('return undefined;'),
};

/** The first item satisfying `pred`, or `undefined`. */
export function find<T, C>(it: Drivable, pred: Kernel<(x: T, context: C) => unknown>, options?: KernelOptions<C> & CallOptions): Promise<T | undefined> {
  return drive(it, { t: 'find', f: fnDesc('pred', pred), c: options?.context }, options, (o) => o.decided?.value as T | undefined);
}

/** The index of the first item satisfying `pred`, or -1 (indexed chains). */
export function findIndex<T, C>(it: Drivable, pred: Kernel<(x: T, context: C) => unknown>, options?: KernelOptions<C> & CallOptions): Promise<number> {
  return drive(it, { t: 'findIndex', f: fnDesc('pred', pred), c: options?.context }, options, (o) => (o.decided === undefined ? -1 : (o.decided.value as number)));
}
