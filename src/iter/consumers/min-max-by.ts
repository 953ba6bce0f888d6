/**
 * `minBy(compare)` and `maxBy(compare)`: the least (greatest) item by a
 * comparator `compare(a, b, context)` (negative when `a < b`). Ties go as in
 * Rust: `minBy` returns the first least item, `maxBy` the last greatest one,
 * i.e. `items.reduce((a, b) => compare(b, a) < 0 ? b : a)` and
 * `items.reduce((a, b) => compare(b, a) >= 0 ? b : a)`. Leaf results combine
 * on the main thread in index order, so the comparator must also be callable
 * there (an inline function, or a task-module export importable there).
 */
import type { TermEmit } from '../plumbing/emit-types.js';
import { EMPTY, treeReduce } from '../plumbing/leaves.js';
import { drive, type Drivable } from '../plumbing/bridge.js';
import type { TermDesc } from '../plumbing/plan.js';
import { fnDesc, mainThreadKernel, type Kernel } from '../kernel.js';
import type { CallOptions, KernelOptions } from '../options.js';


type MinByTerm = Extract<TermDesc, { t: 'minBy' }>;

/** Leaf code of `minBy`/`maxBy`. */
export const minByEmit: TermEmit<MinByTerm> = {
  init: (e) => e.line('let $acc, $n = 0;'),
  step: (s, t, v) => s.e.line(`if ($n++ === 0 || ${s.e.fn(t.f)}(${v}, $acc, ${s.e.bind(t.c)}) ${t.max ? '>=' : '<'} 0) $acc = ${v};`),
  end: (e) => e.line('$t_S.n = $n > 0 ? 1 : 0; return $acc;'),
};

/** Shared body of minBy and maxBy. */
export async function minBy<T, C>(it: Drivable, compare: Kernel<(a: T, b: T, context: C) => number>, max: boolean, options?: KernelOptions<C> & CallOptions): Promise<T | undefined> {
  const f = fnDesc('compare', compare);
  const cmp = await mainThreadKernel(compare);
  const c = options?.context as C;
  return drive(it, { t: 'minBy', f, c, max }, options, (o) => {
    const parts = new Array<T | typeof EMPTY>(o.leaves).fill(EMPTY);
    for (const p of o.values) if (p.n > 0) parts[p.leaf] = p.value as T;
    const r = treeReduce(parts, max ? (a, b) => (cmp(b, a, c) >= 0 ? b : a) : (a, b) => (cmp(b, a, c) < 0 ? b : a));
    return r === EMPTY ? undefined : r;
  });
}
