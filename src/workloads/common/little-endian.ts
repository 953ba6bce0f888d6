/**
 * Little-endian byte views of typed arrays, for hashing numeric arrays in the byte
 * order WORKLOADS.md specifies (binary64 / uint32, little-endian).
 */

/** True when the host stores typed-array elements little-endian (every current JS engine on x86 and ARM). */
export const HOST_IS_LITTLE_ENDIAN: boolean = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Typed arrays whose elements can be laid out as little-endian bytes. */
export type NumericArray = Float64Array | Float32Array | Uint32Array | Int32Array | Uint16Array | Int16Array | Uint8Array;

/**
 * The elements of `array`, in index order, as little-endian bytes.
 * On a little-endian host this is a zero-copy view of the same memory (shared memory
 * included); on a big-endian host it is a byte-swapped copy.
 */
export function littleEndianBytes(array: NumericArray): Uint8Array {
  const view = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  const size = array.BYTES_PER_ELEMENT;
  if (HOST_IS_LITTLE_ENDIAN || size === 1) return view;
  const out = new Uint8Array(view.length);
  for (let e = 0; e < view.length; e += size) {
    for (let b = 0; b < size; b++) out[e + b] = view[e + size - 1 - b]!;
  }
  return out;
}
