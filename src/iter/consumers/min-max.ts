/**
 * `min()` and `max()` of numbers, as `Math.min(...items)` and
 * `Math.max(...items)`: NaN if any item is NaN, -0 below +0, and
 * `undefined` (not ±Infinity) when there are no items.
 */
import type { TermEmit } from '../plumbing/emit-types.js';
import { drive, type Outcome, type Drivable } from '../plumbing/bridge.js';
import type { CallOptions } from '../options.js';


function emitFor(fn: 'min' | 'max'): TermEmit {
  return {
    init: (e) => e.line(`let $acc = ${fn === 'min' ? 'Infinity' : '-Infinity'}, $n = 0;`),
    step: (s, _t, v) => s.e.line(`$acc = Math.${fn}($acc, ${v}); $n++;`),
    end: (e) => e.line('$t_S.n = $n; return $acc;'),
  };
}

/** Leaf code of `min`. */
export const minEmit = emitFor('min');
/** Leaf code of `max`. */
export const maxEmit = emitFor('max');

function combine(o: Outcome, f: (a: number, b: number) => number): number | undefined {
  let acc: number | undefined;
  for (let k = 0; k < o.leaves; k++) {
    if (o.parts[2 * k + 1] === 0) continue;
    const v = o.parts[2 * k]!;
    acc = acc === undefined ? v : f(acc, v);
  }
  return acc;
}

/** The smallest item; `undefined` when there is none. */
export function min(it: Drivable, options?: CallOptions): Promise<number | undefined> {
  return drive(it, { t: 'min' }, options, (o) => combine(o, Math.min));
}

/** The largest item; `undefined` when there is none. */
export function max(it: Drivable, options?: CallOptions): Promise<number | undefined> {
  return drive(it, { t: 'max' }, options, (o) => combine(o, Math.max));
}
