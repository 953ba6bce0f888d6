/**
 * `enumerate()`: each item `x` at index `i` becomes the pair `[i, x]`.
 * Only for indexed chains (the index is the position in the chain's index
 * space, as with `Array.prototype.entries`). Keeps a chain indexed.
 */
import type { OpEmit } from '../plumbing/emit-types.js';
import type { OpDesc } from '../plumbing/plan.js';

/** Emits `v' = [i, v]`. */
export const enumerateEmit: OpEmit<Extract<OpDesc, { t: 'enumerate' }>> = (s, _op, v) => {
  const out = s.e.temp();
  s.e.line(`const ${out} = [${s.idx}, ${v}];`);
  return out;
};
