/**
 * Sources of parallel iterators and what each costs.
 *
 * | source | how it reaches the workers | cost per operation |
 * | --- | --- | --- |
 * | `pool.range(start, end)` | two numbers | none |
 * | shared typed array (`shared.float64(n)`) | a handle to the same memory | none (zero copy) |
 * | typed array over an ordinary buffer | copied once into shared scratch memory | one `memcpy` of its bytes on the main thread |
 * | array of numbers | copied once into a shared `Float64Array` | one pass over it on the main thread, 8 bytes per element |
 * | any other array | serialized in blocks into shared bytes; a worker deserializes only the blocks it reads | one structured serialization on the main thread, one deserialization of each block in a worker |
 *
 * Copies are made when a consumer runs (once per operation) into scratch
 * memory the pool reuses, so running many operations does not grow memory.
 * To pay nothing, allocate data with `shared.*` and iterate it directly.
 */
import { elementKindOf, isShared, type AnyTypedArray } from '../memory/shared-array.js';
import { platform } from '../platform/platform.js';
import { InvalidArgumentError } from '../shared/errors.js';
import type { ScratchBlock, ScratchPool } from './plumbing/control.js';
import type { ChainDesc, OpDesc, SourceDesc } from './plumbing/plan.js';

/** A source as the iterator holds it before an operation runs. */
export type LazySource =
  | { readonly t: 'range'; readonly start: number; readonly len: number }
  | { readonly t: 'typed'; readonly array: AnyTypedArray }
  | { readonly t: 'numbers'; readonly array: readonly number[] }
  | { readonly t: 'objects'; readonly array: readonly unknown[] };

/** An adapter as the iterator holds it: zip refers to another lazy chain. */
export type LazyOp = Exclude<OpDesc, { t: 'zip' }> | { readonly t: 'zip'; readonly other: LazyChain };

/** A chain before materialization. */
export interface LazyChain {
  readonly src: LazySource;
  readonly ops: readonly LazyOp[];
  /** Items in the chain's index space (for a non-indexed chain: of its last indexed stage). */
  readonly len: number;
  /** True while every adapter keeps one item per index. */
  readonly indexed: boolean;
}

/** Anything `pool.iter()` accepts. */
export type IterSource<T> = readonly T[] | ArrayLike<T>;

/** Builds the lazy source of `pool.iter(source)`. */
export function lazySource(source: unknown): LazySource {
  if (elementKindOf(source) !== undefined) return { t: 'typed', array: source as AnyTypedArray };
  if (Array.isArray(source)) {
    const a = source as unknown[];
    for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'number') return { t: 'objects', array: a };
    return { t: 'numbers', array: a as number[] };
  }
  throw new InvalidArgumentError('source', source, 'an array or a typed array (use pool.range(start, end) for integer ranges)');
}

/** Items of a lazy source. */
export function sourceLength(s: LazySource): number {
  return s.t === 'range' ? s.len : s.array.length;
}

/** Items per serialized block of an `objects` source. */
const OBJECT_BLOCK = 1024;

/** Materializes a chain for one operation; scratch blocks it takes are pushed on `taken`. */
export function materialize(chain: LazyChain, scratch: ScratchPool, taken: ScratchBlock[]): ChainDesc {
  const ops: OpDesc[] = chain.ops.map((op) => (op.t === 'zip' ? { t: 'zip', other: materialize(op.other, scratch, taken) } : op));
  return { src: materializeSource(chain.src, scratch, taken), ops };
}

function materializeSource(s: LazySource, scratch: ScratchPool, taken: ScratchBlock[]): SourceDesc {
  switch (s.t) {
    case 'range':
      return s;
    case 'typed': {
      if (isShared(s.array)) return { t: 'typed', array: s.array, len: s.array.length, chunkAs: 'view' };
      const block = scratch.take(s.array.byteLength);
      taken.push(block);
      const Ctor = s.array.constructor as new (b: SharedArrayBuffer, o: number, l: number) => AnyTypedArray;
      const copy = new Ctor(block.sab, 0, s.array.length);
      (copy as Uint8Array).set(s.array as unknown as Uint8Array);
      return { t: 'typed', array: copy, len: copy.length, chunkAs: 'slice' };
    }
    case 'numbers': {
      const block = scratch.take(s.array.length * 8);
      taken.push(block);
      const copy = new Float64Array(block.sab, 0, s.array.length);
      for (let i = 0; i < copy.length; i++) copy[i] = s.array[i]!;
      return { t: 'typed', array: copy, len: copy.length, chunkAs: 'array' };
    }
    case 'objects':
      return serializeObjects(s.array, scratch, taken);
  }
}

/** Serializes `array` in blocks into shared scratch memory (the `objects` source). */
export function serializeObjects(array: readonly unknown[], scratch: ScratchPool, taken: ScratchBlock[]): Extract<SourceDesc, { t: 'objects' }> {
  const buffers: SharedArrayBuffer[] = [];
  const share = (sab: SharedArrayBuffer) => {
    let i = buffers.indexOf(sab);
    if (i < 0) i = buffers.push(sab) - 1;
    return i;
  };
  const ser = platform().serializer;
  const blocks = Math.ceil(array.length / OBJECT_BLOCK);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let b = 0; b < blocks; b++) {
    const bytes = ser.serialize(array.slice(b * OBJECT_BLOCK, (b + 1) * OBJECT_BLOCK), share);
    parts.push(bytes);
    total += bytes.length;
  }
  const offBytes = (blocks + 1) * 8;
  const block = scratch.take(offBytes + total);
  taken.push(block);
  const offsets = new Float64Array(block.sab, 0, blocks + 1);
  const bytes = new Uint8Array(block.sab, offBytes, total);
  let at = 0;
  for (let b = 0; b < blocks; b++) {
    offsets[b] = at;
    bytes.set(parts[b]!, at);
    at += parts[b]!.length;
  }
  offsets[blocks] = at;
  return { t: 'objects', bytes, offsets, block: OBJECT_BLOCK, len: array.length, buffers };
}

/** Reads items of an `objects` source (worker side), deserializing one block at a time. */
export interface ObjectReader {
  (i: number): unknown;
  slice(lo: number, hi: number): unknown[];
}

/**
 * Builds the reader of an `objects` source. It keeps the last block read,
 * or with `keepAll` every block read (for random access, as in merging).
 */
export function objectReader(s: Extract<SourceDesc, { t: 'objects' }>, keepAll = false): ObjectReader {
  let current = -1;
  let items: unknown[] = [];
  const kept = new Map<number, unknown[]>();
  const ser = platform().serializer;
  const find = (id: number) => {
    const sab = s.buffers[id];
    if (sab === undefined) throw new RangeError(`iter: unknown shared buffer #${id} in an objects source`);
    return sab;
  };
  const blockOf = (b: number) => {
    if (b !== current) {
      const k = kept.get(b);
      // The serializer reads from a copy: deserialization must not alias shared memory.
      items = k ?? (ser.deserialize(s.bytes.slice(s.offsets[b], s.offsets[b + 1]), find) as unknown[]);
      if (keepAll && k === undefined) kept.set(b, items);
      current = b;
    }
    return items;
  };
  const read = ((i: number) => blockOf(Math.floor(i / s.block))[i % s.block]) as ObjectReader;
  read.slice = (lo, hi) => {
    const out: unknown[] = [];
    for (let i = lo; i < hi; i++) out.push(read(i));
    return out;
  };
  return read;
}
