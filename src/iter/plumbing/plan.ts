/**
 * The plan: plain, serializable descriptions of a parallel-iterator chain
 * (its source, its adapters and its consumer) as they travel from the main
 * thread to the workers. Every field is data (numbers, strings, shared typed
 * arrays); functions travel as {@link FnDesc}. See iter/README.md.
 */
import type { AnyTypedArray } from '../../memory/shared-array.js';

/** A function that travels to the workers: an inline function's source, or a task-module export. */
export type FnDesc = { readonly src: string } | { readonly module: string; readonly name: string };

/**
 * Where a chain's items come from, once materialized for one operation:
 * - `range`: the integers `start, start + 1, …` (`len` of them);
 * - `typed`: the elements of a shared typed array (zero copy); `chunkAs` says
 *   what a chunk of it is: a `view` of the caller's shared array, a `slice`
 *   (the array is a private copy, whose views must not escape), or an
 *   `array` (the source was an array of numbers);
 * - `objects`: arbitrary values, serialized in blocks of `block` items into
 *   shared bytes (`offsets[b]` … `offsets[b + 1]` is block `b`); `buffers`
 *   lists the SharedArrayBuffers the values refer to.
 */
export type SourceDesc =
  | { readonly t: 'range'; readonly start: number; readonly len: number }
  | { readonly t: 'typed'; readonly array: AnyTypedArray; readonly len: number; readonly chunkAs: 'view' | 'slice' | 'array' }
  | {
      readonly t: 'objects';
      readonly bytes: Uint8Array;
      readonly offsets: Float64Array;
      readonly block: number;
      readonly len: number;
      readonly buffers: SharedArrayBuffer[];
    };

/** One adapter of a chain. `c` is the `context` value the adapter's function receives. */
export type OpDesc =
  | { readonly t: 'map'; readonly f: FnDesc; readonly c: unknown }
  | { readonly t: 'filter'; readonly f: FnDesc; readonly c: unknown }
  | { readonly t: 'filterMap'; readonly f: FnDesc; readonly c: unknown }
  | { readonly t: 'flatMap'; readonly f: FnDesc; readonly c: unknown }
  | { readonly t: 'inspect'; readonly f: FnDesc; readonly c: unknown }
  | { readonly t: 'enumerate' }
  | { readonly t: 'zip'; readonly other: ChainDesc }
  | { readonly t: 'chunks'; readonly size: number; readonly innerLen: number }
  | { readonly t: 'fold'; readonly init: FnDesc; readonly f: FnDesc; readonly c: unknown };

/** A source and its adapters. */
export interface ChainDesc {
  readonly src: SourceDesc;
  readonly ops: readonly OpDesc[];
}

/** Adapters that keep a chain indexed (one item per index, random access). */
export const INDEXED_OPS: ReadonlySet<OpDesc['t']> = new Set(['map', 'inspect', 'enumerate', 'zip', 'chunks']);

/** The consumer at the end of a chain: what each leaf computes. */
export type TermDesc =
  | { readonly t: 'sum' }
  | { readonly t: 'product' }
  | { readonly t: 'count' }
  | { readonly t: 'min' }
  | { readonly t: 'max' }
  | { readonly t: 'reduce'; readonly identity: FnDesc; readonly f: FnDesc; readonly c: unknown }
  | { readonly t: 'minBy'; readonly f: FnDesc; readonly c: unknown; readonly max: boolean }
  | { readonly t: 'any'; readonly f: FnDesc; readonly c: unknown }
  | { readonly t: 'all'; readonly f: FnDesc; readonly c: unknown }
  | { readonly t: 'find'; readonly f: FnDesc; readonly c: unknown }
  | { readonly t: 'findIndex'; readonly f: FnDesc; readonly c: unknown }
  | { readonly t: 'forEach'; readonly f: FnDesc; readonly c: unknown }
  | { readonly t: 'forEachMut'; readonly f: FnDesc; readonly c: unknown; readonly out: AnyTypedArray }
  | { readonly t: 'collect' }
  | { readonly t: 'collectAt'; readonly out: AnyTypedArray }
  | { readonly t: 'collectCompact'; readonly out: AnyTypedArray };

/**
 * How a leaf's result travels back (see plumbing/README in iter/README.md):
 * - `f64`: one float64 per leaf in the shared partials array;
 * - `f64n`: a float64 and an item count per leaf (min, max, compaction);
 * - `value`: any value, returned in the runner's result with the leaf index;
 * - `decide`: a leaf that returns a decisive value stops the later leaves
 *   (any, all, find);
 * - `none`: nothing (forEach, writes into shared memory).
 */
export type PartialMode = 'f64' | 'f64n' | 'value' | 'decide' | 'none';

/** How each consumer's leaf result travels back. */
export const TERM_MODES: { readonly [K in TermDesc['t']]: PartialMode } = {
  sum: 'f64',
  product: 'f64',
  count: 'f64',
  min: 'f64n',
  max: 'f64n',
  reduce: 'value',
  minBy: 'value',
  any: 'decide',
  all: 'decide',
  find: 'decide',
  findIndex: 'decide',
  forEach: 'none',
  forEachMut: 'none',
  collect: 'value',
  collectAt: 'none',
  collectCompact: 'f64n',
};

/** Scheduling policies, in the order of their numeric codes. */
export const SCHEDULES = ['static', 'dynamic', 'guided', 'adaptive'] as const;

/** One runner's share of a job: everything a worker needs to run leaves. */
export interface JobDesc {
  readonly chain: ChainDesc;
  readonly term: TermDesc;
  /** Items in the top-level index space. */
  readonly n: number;
  /** Items per leaf (the last leaf may be shorter). */
  readonly leafSize: number;
  /** Number of leaves: `ceil(n / leafSize)`. */
  readonly leaves: number;
  /** Index into {@link SCHEDULES}. */
  readonly schedule: number;
  /** Runner tasks taking part. */
  readonly runners: number;
  /** Control words of this job (see plumbing/control.ts). */
  readonly ctl: Int32Array;
  /** Shared partials (`f64`: one per leaf, `f64n`: two per leaf), else an empty array. */
  readonly parts: Float64Array;
}

/** Kinds of events a runner reports, with the leaf index. */
export const EV_VALUE = 0;
export const EV_ERROR = 1;
export const EV_DECIDED = 2;
