/**
 * The `shared` namespace: one place to allocate shared data that can be
 * handed to any task or worker without copying.
 *
 * @example
 * import { shared } from 'tessera';
 * const xs = shared.float64(1_000_000);          // Float64Array over a SharedArrayBuffer
 * const ids = shared.from(new Int32Array([1, 2])); // shared copy, same element type
 * const p = shared.struct({ x: 'float64', y: 'float64', m: 'float64' }, 1000);
 * const bytes = shared.bytes(4096);               // growable shared byte buffer
 */
import { allocateShared, isShared, sharedFrom } from './shared-array.js';
import type { AnyTypedArray, ElementKind, ElementArrays } from './shared-array.js';
import { SharedStruct } from './struct-of-arrays.js';
import type { SharedStructOf, StructSchema } from './struct-of-arrays.js';
import { SharedBytes } from './shared-bytes.js';

/** Copies a typed array or array-like into shared memory (see {@link sharedFrom}). */
export interface SharedFrom {
  <A extends AnyTypedArray>(source: A): A;
  <K extends ElementKind>(source: ArrayLike<number> | ArrayLike<bigint> | AnyTypedArray, kind: K): ElementArrays[K];
  (source: ArrayLike<number>): Float64Array;
}

/** The type of the {@link shared} namespace object. */
export interface SharedNamespace {
  /** A zeroed shared `Int8Array` of `length` elements. @throws {InvalidArgumentError} for a bad length. */
  int8(length: number): Int8Array;
  /** A zeroed shared `Uint8Array` of `length` elements. @throws {InvalidArgumentError} for a bad length. */
  uint8(length: number): Uint8Array;
  /** A zeroed shared `Uint8ClampedArray` of `length` elements. @throws {InvalidArgumentError} for a bad length. */
  uint8Clamped(length: number): Uint8ClampedArray;
  /** A zeroed shared `Int16Array` of `length` elements. @throws {InvalidArgumentError} for a bad length. */
  int16(length: number): Int16Array;
  /** A zeroed shared `Uint16Array` of `length` elements. @throws {InvalidArgumentError} for a bad length. */
  uint16(length: number): Uint16Array;
  /** A zeroed shared `Int32Array` of `length` elements. @throws {InvalidArgumentError} for a bad length. */
  int32(length: number): Int32Array;
  /** A zeroed shared `Uint32Array` of `length` elements. @throws {InvalidArgumentError} for a bad length. */
  uint32(length: number): Uint32Array;
  /** A zeroed shared `Float32Array` of `length` elements. @throws {InvalidArgumentError} for a bad length. */
  float32(length: number): Float32Array;
  /** A zeroed shared `Float64Array` of `length` elements. @throws {InvalidArgumentError} for a bad length. */
  float64(length: number): Float64Array;
  /** A zeroed shared `BigInt64Array` of `length` elements. @throws {InvalidArgumentError} for a bad length. */
  bigInt64(length: number): BigInt64Array;
  /** A zeroed shared `BigUint64Array` of `length` elements. @throws {InvalidArgumentError} for a bad length. */
  bigUint64(length: number): BigUint64Array;
  /** A zeroed shared typed array of element type `kind`. @throws {InvalidArgumentError} for a bad kind or length. */
  array<K extends ElementKind>(kind: K, length: number): ElementArrays[K];
  /** A shared copy of `source`; typed arrays keep their type, other array-likes become `kind` (default float64). */
  from: SharedFrom;
  /** True when `array` is a typed array over a `SharedArrayBuffer`. */
  isShared(array: unknown): boolean;
  /** A shared struct of arrays (see {@link SharedStruct.create}). */
  struct<S extends StructSchema>(schema: S, length: number): SharedStructOf<S>;
  /** A growable shared byte buffer (see {@link SharedBytes.create}). @default capacity 256 */
  bytes(capacity?: number): SharedBytes;
}

/**
 * Allocation of shared data: typed arrays, structs of arrays and byte
 * buffers whose memory is shared, not copied, when passed to a worker.
 */
export const shared: SharedNamespace = Object.freeze({
  int8: (n: number) => allocateShared('int8', n),
  uint8: (n: number) => allocateShared('uint8', n),
  uint8Clamped: (n: number) => allocateShared('uint8clamped', n),
  int16: (n: number) => allocateShared('int16', n),
  uint16: (n: number) => allocateShared('uint16', n),
  int32: (n: number) => allocateShared('int32', n),
  uint32: (n: number) => allocateShared('uint32', n),
  float32: (n: number) => allocateShared('float32', n),
  float64: (n: number) => allocateShared('float64', n),
  bigInt64: (n: number) => allocateShared('bigint64', n),
  bigUint64: (n: number) => allocateShared('biguint64', n),
  array: allocateShared,
  from: sharedFrom as SharedFrom,
  isShared,
  struct: <S extends StructSchema>(schema: S, length: number) => SharedStruct.create(schema, length),
  bytes: (capacity?: number) => SharedBytes.create(capacity),
});
