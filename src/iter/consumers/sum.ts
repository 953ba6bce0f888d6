/**
 * `sum()` and `product()` of numbers. Each leaf adds (multiplies) its items
 * left to right from 0 (1); the leaf results combine in the fixed tree of
 * plumbing/leaves.ts, so the floating-point result is the same on any number
 * of threads and under any policy. It equals a left-to-right loop exactly
 * when every partial sum is exact (integers below 2^53); otherwise it is a
 * pairwise sum, usually more accurate.
 */
import type { TermEmit } from '../plumbing/emit-types.js';
import { treeReduceF64 } from '../plumbing/leaves.js';
import { drive, type Outcome, type Drivable } from '../plumbing/bridge.js';
import type { CallOptions } from '../options.js';


/** Leaf code of `sum`. */
export const sumEmit: TermEmit = {
  init: (e) => e.line('let $acc = 0;'),
  step: (s, _t, v) => s.e.line(`$acc += ${v};`),
  end: (e) => e.line('return $acc;'),
};

/** Leaf code of `product`. */
export const productEmit: TermEmit = {
  init: (e) => e.line('let $acc = 1;'),
  step: (s, _t, v) => s.e.line(`$acc *= ${v};`),
  end: (e) => e.line('return $acc;'),
};

const add = (a: number, b: number) => a + b;
const mul = (a: number, b: number) => a * b;

/** Combines the leaf sums; 0 for no items. */
export function sum(it: Drivable, options?: CallOptions): Promise<number> {
  return drive(it, { t: 'sum' }, options, (o: Outcome) => (o.leaves === 0 ? 0 : treeReduceF64(o.parts, add, 0, o.leaves)));
}

/** Combines the leaf products; 1 for no items. */
export function product(it: Drivable, options?: CallOptions): Promise<number> {
  return drive(it, { t: 'product' }, options, (o: Outcome) => (o.leaves === 0 ? 1 : treeReduceF64(o.parts, mul, 0, o.leaves)));
}
