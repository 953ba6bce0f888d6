/**
 * `fold(init, fn)`: folds the items of each leaf, left to right, into one
 * accumulator: `acc = init(context)`, then `acc = fn(acc, x, context)` per
 * item. The result is a chain of accumulators, one per leaf, in leaf order;
 * leaf boundaries depend only on the length and `minChunk`/`maxChunk`, so
 * the accumulators do too. Follow it with `reduce` (Rayon's fold + reduce)
 * or any other consumer.
 *
 * In the generated leaf, a fold ends the loop: what follows it runs once per
 * leaf, on the accumulator (plumbing/codegen.ts).
 */
import type { Emitter } from '../plumbing/emitter.js';
import type { OpDesc } from '../plumbing/plan.js';
import { fnDesc, type Kernel } from '../kernel.js';
import type { KernelOptions } from '../options.js';

type FoldOp = Extract<OpDesc, { t: 'fold' }>;

/** The fold's code: its accumulator's declaration and its step. */
export const foldSection = {
  /** Declares `let acc = init(c)` before the loop; returns the accumulator's variable. */
  init(e: Emitter, op: FoldOp): string {
    const acc = e.temp();
    e.line(`let ${acc} = ${e.fn(op.init)}(${e.bind(op.c)});`);
    return acc;
  },
  /** Emits `acc = fn(acc, v, c)`. */
  step(e: Emitter, op: FoldOp, acc: string, v: string): void {
    e.line(`${acc} = ${e.fn(op.f)}(${acc}, ${v}, ${e.bind(op.c)});`);
  },
};

/** The `fold` adapter's description (main thread). */
export function foldOp<T, A, C>(init: Kernel<(context: C) => A>, fn: Kernel<(acc: A, x: T, context: C) => A>, options: KernelOptions<C> | undefined): FoldOp {
  return { t: 'fold', init: fnDesc('init', init), f: fnDesc('fn', fn), c: options?.context };
}
