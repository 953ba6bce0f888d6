/**
 * `any(pred)` and `all(pred)` with early exit: the first leaf that decides
 * (an item matches for `any`, fails for `all`) lowers a shared stop word,
 * and leaves after it are skipped. Leaves before it still run, so the
 * outcome — including which error wins when a predicate throws — is the one
 * of a sequential left-to-right scan.
 */
import type { TermEmit } from '../plumbing/emit-types.js';
import { drive, type Drivable } from '../plumbing/bridge.js';
import type { TermDesc } from '../plumbing/plan.js';
import { fnDesc, type Kernel } from '../kernel.js';
import type { CallOptions, KernelOptions } from '../options.js';


type PredTerm = Extract<TermDesc, { t: 'any' | 'all' }>;

/** Leaf code of `any`. */
export const anyEmit: TermEmit<PredTerm> = {
  init: () => undefined,
  step: (s, t, v) => s.e.line(`if (${s.e.fn(t.f)}(${v}, ${s.e.bind(t.c)})) { $t_S.n = 1; return true; }`),
  end: (e) => e.line('return false;'),
};

/** Leaf code of `all`. */
export const allEmit: TermEmit<PredTerm> = {
  init: () => undefined,
  step: (s, t, v) => s.e.line(`if (!${s.e.fn(t.f)}(${v}, ${s.e.bind(t.c)})) { $t_S.n = 1; return false; }`),
  end: (e) => e.line('return true;'),
};

/** True when some item satisfies `pred`. */
export function any<T, C>(it: Drivable, pred: Kernel<(x: T, context: C) => unknown>, options?: KernelOptions<C> & CallOptions): Promise<boolean> {
  return drive(it, { t: 'any', f: fnDesc('pred', pred), c: options?.context }, options, (o) => o.decided !== undefined);
}

/** True when every item satisfies `pred` (also when there are none). */
export function all<T, C>(it: Drivable, pred: Kernel<(x: T, context: C) => unknown>, options?: KernelOptions<C> & CallOptions): Promise<boolean> {
  return drive(it, { t: 'all', f: fnDesc('pred', pred), c: options?.context }, options, (o) => o.decided === undefined);
}
