/**
 * `count()`: the number of items that reach the consumer (after filters).
 */
import type { TermEmit } from '../plumbing/emit-types.js';
import { drive, type Drivable } from '../plumbing/bridge.js';
import type { CallOptions } from '../options.js';


/** Leaf code of `count`. */
export const countEmit: TermEmit = {
  init: (e) => e.line('let $acc = 0;'),
  step: (s) => s.e.line('$acc++;'),
  end: (e) => e.line('return $acc;'),
};

/** Adds the leaf counts (exact). */
export function count(it: Drivable, options?: CallOptions): Promise<number> {
  return drive(it, { t: 'count' }, options, (o) => {
    let n = 0;
    for (let k = 0; k < o.leaves; k++) n += o.parts[k]!;
    return n;
  });
}
