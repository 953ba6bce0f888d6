/**
 * Shared typed arrays: typed arrays backed by a `SharedArrayBuffer`, so that
 * handing one to a task or a worker (with `postMessage` or as a task argument)
 * shares the memory instead of copying it. A shared typed array is its own
 * handle: structured clone keeps the buffer shared.
 */
import { InvalidArgumentError } from '../shared/errors.js';
import { checkInteger, checkOneOf } from '../shared/check.js';
import { isSharedArrayBuffer } from './layout.js';

/** Element type names accepted by {@link allocateShared} and the `shared` helpers. */
export type ElementKind =
  | 'int8' | 'uint8' | 'uint8clamped' | 'int16' | 'uint16' | 'int32' | 'uint32'
  | 'float32' | 'float64' | 'bigint64' | 'biguint64';

/** The typed array class for each {@link ElementKind}. */
export interface ElementArrays {
  int8: Int8Array;
  uint8: Uint8Array;
  uint8clamped: Uint8ClampedArray;
  int16: Int16Array;
  uint16: Uint16Array;
  int32: Int32Array;
  uint32: Uint32Array;
  float32: Float32Array;
  float64: Float64Array;
  bigint64: BigInt64Array;
  biguint64: BigUint64Array;
}

/** Any typed array Tessera can share. */
export type AnyTypedArray = ElementArrays[ElementKind];

interface TypedArrayClass<A> {
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): A;
  readonly BYTES_PER_ELEMENT: number;
}

const CLASSES: { [K in ElementKind]: TypedArrayClass<ElementArrays[K]> } = {
  int8: Int8Array,
  uint8: Uint8Array,
  uint8clamped: Uint8ClampedArray,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  float32: Float32Array,
  float64: Float64Array,
  bigint64: BigInt64Array,
  biguint64: BigUint64Array,
};

/** Every element kind, in a stable order. */
export const ELEMENT_KINDS = Object.keys(CLASSES) as readonly ElementKind[];

/** Largest element count accepted (2^32 - 1 bytes of float64 is far beyond any machine we target). */
const MAX_LENGTH = 2 ** 31 - 1;

/** Bytes per element of `kind`. */
export function elementBytes(kind: ElementKind): number {
  return CLASSES[kind].BYTES_PER_ELEMENT;
}

/**
 * A typed array view of `kind` over existing shared memory.
 *
 * @throws {InvalidArgumentError} when the buffer is not shared or the range is out of bounds or misaligned.
 */
export function viewShared<K extends ElementKind>(kind: K, buffer: SharedArrayBuffer, byteOffset: number, length: number): ElementArrays[K] {
  if (!isSharedArrayBuffer(buffer)) throw new InvalidArgumentError('buffer', buffer, 'a SharedArrayBuffer');
  const cls = CLASSES[kind];
  checkInteger('byteOffset', byteOffset, 0);
  checkInteger('length', length, 0, MAX_LENGTH);
  if (byteOffset % cls.BYTES_PER_ELEMENT !== 0 || byteOffset + length * cls.BYTES_PER_ELEMENT > buffer.byteLength) {
    throw new InvalidArgumentError('byteOffset', byteOffset, `a multiple of ${cls.BYTES_PER_ELEMENT} with room for ${length} ${kind} elements in ${buffer.byteLength} bytes`);
  }
  return new cls(buffer, byteOffset, length);
}

/**
 * Allocates a zeroed shared typed array of `length` elements of `kind`.
 *
 * @param kind element type, e.g. `"float64"`
 * @param length number of elements, an integer >= 0
 * @throws {InvalidArgumentError} when `kind` or `length` is invalid.
 * @example
 * const xs = allocateShared('float64', 1024); // Float64Array over a SharedArrayBuffer
 */
export function allocateShared<K extends ElementKind>(kind: K, length: number): ElementArrays[K] {
  checkOneOf('kind', kind, ELEMENT_KINDS);
  checkInteger('length', length, 0, MAX_LENGTH);
  const cls = CLASSES[kind];
  return new cls(new SharedArrayBuffer(length * cls.BYTES_PER_ELEMENT), 0, length);
}

/** The element kind of a typed array, or `undefined` for anything else. */
export function elementKindOf(array: unknown): ElementKind | undefined {
  if (!ArrayBuffer.isView(array) || array instanceof DataView) return undefined;
  for (const kind of ELEMENT_KINDS) if (array instanceof CLASSES[kind]) return kind;
  return undefined;
}

/** True when `array` is a typed array whose memory is a `SharedArrayBuffer`. */
export function isShared(array: unknown): boolean {
  return elementKindOf(array) !== undefined && isSharedArrayBuffer((array as AnyTypedArray).buffer);
}

/**
 * Copies `source` into a new shared typed array. A typed array keeps its
 * element type unless `kind` is given; any other array-like becomes
 * `kind` (default `float64`).
 *
 * @param source a typed array, an array of numbers (or bigints for the bigint kinds) or another array-like
 * @param kind element type of the copy
 * @throws {InvalidArgumentError} when `source` is not array-like or `kind` is invalid.
 * @example
 * const masses = shared.from([1.5, 2.5, 3.5]); // shared Float64Array
 * const ids = shared.from(new Int32Array([1, 2, 3])); // shared Int32Array
 */
export function sharedFrom(source: ArrayLike<number> | ArrayLike<bigint> | AnyTypedArray, kind?: ElementKind): AnyTypedArray {
  if (typeof source !== 'object' || source === null || typeof (source as ArrayLike<unknown>).length !== 'number') {
    throw new InvalidArgumentError('source', source, 'a typed array or an array-like of numbers');
  }
  const k = kind ?? elementKindOf(source) ?? 'float64';
  const out = allocateShared(k, source.length);
  if (ArrayBuffer.isView(source) && elementKindOf(source) === k) {
    (out as Uint8Array).set(source as unknown as Uint8Array);
  } else {
    const isBig = k === 'bigint64' || k === 'biguint64';
    for (let i = 0; i < source.length; i++) {
      const v = (source as ArrayLike<unknown>)[i];
      (out as unknown as unknown[])[i] = isBig ? BigInt(v as bigint) : Number(v);
    }
  }
  return out;
}
