/**
 * The code generator: turns a chain and its consumer into the source of one
 * leaf function (see iter/README.md, "How a chain executes"):
 *
 * ```js
 * return function $t_leaf($t_lo, $t_hi, $t_S) {
 *   let $v0 = 0;                                   // consumer: init
 *   for (let $i = $t_lo; $i < $t_hi; $i++) {
 *     const $v2 = ($d1 + $i);                       // source: range
 *     const $v4 = $f0($v2, $d3);                    // map
 *     if (!$f1($v4, $d5)) continue;                 // filter
 *     $v0 += $v4;                                   // consumer: step
 *   }
 *   return $v0;                                     // consumer: end
 * };
 * ```
 *
 * Indexed adapters (map, inspect, enumerate, zip) and chunks give random
 * access to any index; the others (filter, filterMap, flatMap, fold) only
 * transform the stream inside the loop. A `chunks` stage moves everything
 * before it into a producer function called once per element of a chunk.
 */
import { chunksIndexSpace } from '../adapters/chunks.js';
import { enumerateEmit } from '../adapters/enumerate.js';
import { filterMapEmit } from '../adapters/filter-map.js';
import { filterEmit } from '../adapters/filter.js';
import { flatMapEmit } from '../adapters/flat-map.js';
import { foldSection } from '../adapters/fold.js';
import { inspectEmit } from '../adapters/inspect.js';
import { mapEmit } from '../adapters/map.js';
import { zipEmit } from '../adapters/zip.js';
import { anyEmit, allEmit } from '../consumers/any-all.js';
import { collectAtEmit, collectCompactEmit, collectEmit } from '../consumers/collect.js';
import { countEmit } from '../consumers/count.js';
import { findEmit } from '../consumers/find.js';
import { forEachEmit, forEachMutEmit } from '../consumers/for-each.js';
import { minByEmit } from '../consumers/min-max-by.js';
import { maxEmit, minEmit } from '../consumers/min-max.js';
import { reduceEmit } from '../consumers/reduce.js';
import { productEmit, sumEmit } from '../consumers/sum.js';
import { Emitter } from './emitter.js';
import type { EmitScope, OpEmit, TermEmit } from './emit-types.js';
import { INDEXED_OPS, TERM_MODES, type ChainDesc, type OpDesc, type PartialMode, type SourceDesc, type TermDesc } from './plan.js';

const OPS: { [K in OpDesc['t']]?: OpEmit<any> } = {
  map: mapEmit,
  inspect: inspectEmit,
  filter: filterEmit,
  filterMap: filterMapEmit,
  flatMap: flatMapEmit,
  enumerate: enumerateEmit,
  zip: zipEmit,
};

const TERMS: { [K in TermDesc['t']]: TermEmit<any> } = {
  sum: sumEmit,
  product: productEmit,
  count: countEmit,
  min: minEmit,
  max: maxEmit,
  reduce: reduceEmit,
  minBy: minByEmit,
  any: anyEmit,
  all: allEmit,
  find: findEmit,
  findIndex: findEmit,
  forEach: forEachEmit,
  forEachMut: forEachMutEmit,
  collect: collectEmit,
  collectAt: collectAtEmit,
  collectCompact: collectCompactEmit,
};

/** The generated leaf factory and what it needs at run time. */
export interface Generated {
  /** Body of `new Function('$t_K', 'random', '$t_H', source)`. */
  readonly source: string;
  /** Values for `$t_D`, in order. */
  readonly data: unknown[];
  /** Task-module functions for `$t_K`, in order. */
  readonly modules: { module: string; name: string }[];
  /** True when some function is an inline source. */
  readonly inline: boolean;
  readonly mode: PartialMode;
}

/** Index of the first adapter that does not keep the chain indexed. */
export function indexedPrefix(ops: readonly OpDesc[]): number {
  let p = 0;
  while (p < ops.length && INDEXED_OPS.has(ops[p]!.t)) p++;
  return p;
}

/** Generates the leaf function of `chain` consumed by `term`. */
export function generate(chain: ChainDesc, term: TermDesc): Generated {
  const e = new Emitter();
  const consumer = TERMS[term.t];
  consumer.init(e, term);
  const ops = chain.ops;
  const p = indexedPrefix(ops);
  // Fold accumulators are declared before the loop: one per leaf.
  const accs = new Map<number, string>();
  for (let k = p; k < ops.length; k++) {
    const op = ops[k]!;
    if (op.t === 'fold') accs.set(k, foldSection.init(e, op));
  }
  e.openBlock('for (let $i = $t_lo; $i < $t_hi; $i++) {');
  let scope = makeScope(e, '$i');
  let v = emitItem(e, chain.src, ops.slice(0, p), '$i');
  for (let k = p; k < ops.length; k++) {
    const op = ops[k]!;
    if (op.t === 'fold') {
      const acc = accs.get(k)!;
      foldSection.step(e, op, acc, v);
      e.closeAll();
      // What follows the fold runs once per leaf, on the accumulator.
      e.openBlock('do {', '} while (false);');
      scope = makeScope(e, '-1');
      v = acc;
      continue;
    }
    const emit = OPS[op.t];
    if (emit === undefined) throw new TypeError(`iter: adapter ${op.t} cannot follow a non-indexed adapter`);
    v = emit(scope, op, v);
  }
  consumer.step(scope, term, v);
  e.closeAll();
  consumer.end(e, term);
  return { source: e.source(), data: e.data, modules: e.modules, inline: e.inline, mode: TERM_MODES[term.t] };
}

function makeScope(e: Emitter, idx: string): EmitScope {
  return { e, idx, indexed: (ch, i) => emitItem(e, ch.src, ch.ops, i) };
}

/** Emits the item at index `idx` of an indexed chain (`ops` all indexed); returns its variable. */
function emitItem(e: Emitter, src: SourceDesc, ops: readonly OpDesc[], idx: string): string {
  let c = ops.length - 1;
  while (c >= 0 && ops[c]!.t !== 'chunks') c--;
  let v: string;
  if (c >= 0) {
    v = chunksIndexSpace(e, ops[c] as Extract<OpDesc, { t: 'chunks' }>, idx, src, c === 0, () => e.helper('$j', () => emitItem(e, src, ops.slice(0, c), '$j')));
  } else {
    v = sourceItem(e, src, idx);
  }
  const scope = makeScope(e, idx);
  for (let k = c + 1; k < ops.length; k++) {
    const op = ops[k]!;
    v = OPS[op.t]!(scope, op, v);
  }
  return v;
}

/** The expression of source item `idx`, bound to a fresh variable. */
export function sourceItem(e: Emitter, src: SourceDesc, idx: string): string {
  const v = e.temp();
  switch (src.t) {
    case 'range':
      e.line(`const ${v} = ${e.bind(src.start)} + ${idx};`);
      break;
    case 'typed':
      e.line(`const ${v} = ${e.bind(src.array)}[${idx}];`);
      break;
    case 'objects':
      e.line(`const ${v} = ${e.bind(src, (ref) => `$t_H.objects(${ref})`)}(${idx});`);
      break;
  }
  return v;
}
