/**
 * `forEach(fn)`: calls `fn(x, context)` for every item, for its side
 * effects (typically writes into shared memory). `forEachMut(fn)`: on an
 * iterator straight over an array, replaces each element in place by
 * `fn(value, index, context)`; a shared typed array is updated where it lies
 * (zero copy), an ordinary typed array or an array of numbers is copied in
 * and back.
 */
import type { TermEmit } from '../plumbing/emit-types.js';
import { drive, type Drivable } from '../plumbing/bridge.js';
import type { TermDesc } from '../plumbing/plan.js';
import { InvalidArgumentError } from '../../shared/errors.js';
import { fnDesc, type Kernel } from '../kernel.js';
import type { CallOptions, KernelOptions } from '../options.js';

import type { AnyTypedArray } from '../../memory/shared-array.js';

type ForEachTerm = Extract<TermDesc, { t: 'forEach' }>;
type ForEachMutTerm = Extract<TermDesc, { t: 'forEachMut' }>;

/** Leaf code of `forEach`. */
export const forEachEmit: TermEmit<ForEachTerm> = {
  init: () => undefined,
  step: (s, t, v) => s.e.line(`${s.e.fn(t.f)}(${v}, ${s.e.bind(t.c)});`),
  end: (e) => e.line('return undefined;'),
};

/** Leaf code of `forEachMut`: `a[i] = fn(a[i], i, c)`. */
export const forEachMutEmit: TermEmit<ForEachMutTerm> = {
  init: () => undefined,
  step: (s, t, v) => s.e.line(`${s.e.bind(t.out)}[${s.idx}] = ${s.e.fn(t.f)}(${v}, ${s.idx}, ${s.e.bind(t.c)});`),
  end: (e) => e.line('return undefined;'),
};

/** Runs `fn` on every item. */
export async function forEach<T, C>(it: Drivable, fn: Kernel<(x: T, context: C) => unknown>, options?: KernelOptions<C> & CallOptions): Promise<void> {
  await drive(it, { t: 'forEach', f: fnDesc('fn', fn), c: options?.context }, options, () => undefined);
}

/** Replaces each element of the source array by `fn(value, index, context)`. */
export async function forEachMut<C>(it: Drivable, fn: Kernel<(value: any, index: number, context: C) => number | bigint>, options?: KernelOptions<C> & CallOptions): Promise<void> {
  const chain = it.chain;
  if (chain.ops.length > 0 || (chain.src.t !== 'typed' && chain.src.t !== 'numbers')) {
    throw new InvalidArgumentError('forEachMut', chain.src.t, 'an iterator straight over a typed array or an array of numbers (no adapters before it)');
  }
  const f = fnDesc('fn', fn);
  let copy: AnyTypedArray | undefined;
  await drive(
    it,
    (m) => {
      const src = m.chain.src as Extract<typeof m.chain.src, { t: 'typed' }>;
      copy = src.array;
      return { t: 'forEachMut', f, c: options?.context, out: src.array };
    },
    options,
    () => {
      const s = chain.src;
      if (copy === undefined) return;
      if (s.t === 'typed' && copy !== s.array) (s.array as Uint8Array).set(copy as unknown as Uint8Array);
      if (s.t === 'numbers') {
        const a = s.array as number[];
        for (let i = 0; i < a.length; i++) a[i] = (copy as Float64Array)[i]!;
      }
    },
  );
}
