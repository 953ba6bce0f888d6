/**
 * Collecting: `collect()` gathers the items into an array in sequential
 * order; `collectShared(kind)` into a new shared typed array;
 * `collectInto(target)` (indexed chains) writes item `i` into `target[i]`.
 *
 * How the items travel:
 * - indexed chain into a typed array: each leaf writes its items at their
 *   final index, in place (no copy at all);
 * - filtered chain (at most one item per index) into a typed array: each leaf
 *   writes its items packed at the start of its own index range in a scratch
 *   array, and the main thread moves each leaf's run to its final offset
 *   (one `memcpy`);
 * - everything else: each leaf returns an array, serialized back through the
 *   pool, concatenated in leaf order on the main thread.
 */
import { allocateShared, type AnyTypedArray, type ElementArrays, type ElementKind } from '../../memory/shared-array.js';
import { checkOneOf } from '../../shared/check.js';
import { InvalidArgumentError } from '../../shared/errors.js';
import { ELEMENT_KINDS, elementKindOf, isShared } from '../../memory/shared-array.js';
import type { TermEmit } from '../plumbing/emit-types.js';
import { drive, type Outcome, type Drivable } from '../plumbing/bridge.js';
import type { TermDesc } from '../plumbing/plan.js';
import type { CallOptions } from '../options.js';


type AtTerm = Extract<TermDesc, { t: 'collectAt' }>;
type CompactTerm = Extract<TermDesc, { t: 'collectCompact' }>;

/** Leaf code of `collect`: an array per leaf. */
export const collectEmit: TermEmit = {
  init: (e) => e.line('const $acc = [];'),
  step: (s, _t, v) => s.e.line(`$acc.push(${v});`),
  end: (e) => e.line('$t_S.n = $acc.length; return $acc;'),
};

/** Leaf code of an indexed collect into a typed array: `out[i] = x`. */
export const collectAtEmit: TermEmit<AtTerm> = {
  init: () => undefined,
  step: (s, t, v) => s.e.line(`${s.e.bind(t.out)}[${s.idx}] = ${v};`),
  end: (e) => e.line('return undefined;'),
};

/** Leaf code of a filtered collect: items packed from `out[lo]`, their count in `$t_S.n`. */
export const collectCompactEmit: TermEmit<CompactTerm> = {
  init: (e, t) => e.line(`let $n = 0; const $o = ${e.bind(t.out)};`),
  step: (s, _t, v) => s.e.line(`$o[$t_lo + $n++] = ${v};`),
  end: (e) => e.line('$t_S.n = $n; return 0;'),
};

function concat<T>(o: Outcome): T[] {
  const parts = o.values.slice().sort((a, b) => a.leaf - b.leaf);
  let total = 0;
  for (const p of parts) total += (p.value as T[]).length;
  const out = new Array<T>(total);
  let at = 0;
  for (const p of parts) for (const x of p.value as T[]) out[at++] = x;
  return out;
}

/** Collects the items into an array, in order. */
export function collect<T>(it: Drivable, options?: CallOptions): Promise<T[]> {
  return drive(it, { t: 'collect' }, options, (o) => concat<T>(o));
}

/** True when every adapter yields at most one item per index (a filtered collect can pack in place). */
function atMostOnePerIndex(it: Drivable): boolean {
  return it.chain.ops.every((op) => op.t !== 'flatMap');
}

/** Collects the items into a new shared typed array of `kind`. */
export async function collectShared<K extends ElementKind>(it: Drivable, kind: K, options?: CallOptions): Promise<ElementArrays[K]> {
  checkOneOf('kind', kind, ELEMENT_KINDS);
  if (it.chain.indexed) {
    const out = allocateShared(kind, it.chain.len);
    if (out.length > 0) await drive(it, { t: 'collectAt', out }, options, () => undefined);
    return out;
  }
  if (atMostOnePerIndex(it)) {
    let scratch: AnyTypedArray | undefined;
    return drive(
      it,
      (m) => {
        scratch = m.scratchArray(kind, m.n);
        return { t: 'collectCompact', out: scratch };
      },
      options,
      (o) => {
        let total = 0;
        for (let k = 0; k < o.leaves; k++) total += o.parts[2 * k + 1]!;
        const out = allocateShared(kind, total);
        let at = 0;
        for (let k = 0; k < o.leaves; k++) {
          const c = o.parts[2 * k + 1]!;
          const lo = k * o.leafSize;
          (out as Uint8Array).set((scratch as Uint8Array).subarray(lo, lo + c), at);
          at += c;
        }
        return out;
      },
    );
  }
  const items = await collect(it, options);
  const out = allocateShared(kind, items.length);
  for (let i = 0; i < items.length; i++) (out as unknown as unknown[])[i] = items[i];
  return out;
}

/** Writes item `i` into `target[i]` (indexed chains); resolves to `target`. */
export async function collectInto<A extends AnyTypedArray>(it: Drivable, target: A, options?: CallOptions): Promise<A> {
  if (elementKindOf(target) === undefined || !isShared(target)) throw new InvalidArgumentError('target', target, 'a shared typed array (shared.float64(n) …)');
  if (!it.chain.indexed) throw new InvalidArgumentError('collectInto', 'a filtered chain', 'an indexed chain (use collectShared for filtered chains)');
  if (target.length < it.chain.len) throw new InvalidArgumentError('target.length', target.length, `at least the chain's length ${it.chain.len}`);
  if (it.chain.len > 0) await drive(it, { t: 'collectAt', out: target }, options, () => undefined);
  return target;
}
