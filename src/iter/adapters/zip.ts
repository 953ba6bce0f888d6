/**
 * `zip(other)`: pairs item `i` of this chain with item `i` of another
 * indexed chain (or array): `[x, y]`. The length is the shorter of the two.
 * Keeps a chain indexed.
 */
import type { OpEmit } from '../plumbing/emit-types.js';
import type { OpDesc } from '../plumbing/plan.js';

/** Emits `v' = [v, other(i)]`, the other chain's item produced in place. */
export const zipEmit: OpEmit<Extract<OpDesc, { t: 'zip' }>> = (s, op, v) => {
  const y = s.indexed(op.other, s.idx);
  const out = s.e.temp();
  s.e.line(`const ${out} = [${v}, ${y}];`);
  return out;
};
