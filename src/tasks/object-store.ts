/**
 * The object store of task graphs: one shared heap per pool where graph
 * nodes leave their results, so that a dependant running on any worker reads
 * the bytes directly from shared memory and the main thread never decodes
 * (or re-encodes) an intermediate value it does not ask for. This is Ray's
 * object store in miniature; the design and what is and is not kept here are
 * in tasks/README.md ("Where results live").
 *
 * A stored result is the structured-serialized bytes of the value in one heap
 * block, named by a marker `{ "@tessera/stored": [offset, length] }` that
 * travels in its place. Values that hold shared memory (typed arrays over a
 * SharedArrayBuffer, bare SharedArrayBuffers) are never stored: they travel
 * through the pool as handles (zero copy) already. Small values are not stored
 * either: sending them is cheaper than a heap block.
 *
 * Ownership: a worker allocates the block and writes it before its task
 * completes (the pool's completion is the release that publishes the bytes);
 * from then on only the main thread frees it, when the node's result is
 * released and no pending dependant still needs it.
 */
import { SharedHeap } from '../memory/shared-heap.js';
import { platform } from '../platform/platform.js';

/** The key of a stored-result marker. */
export const STORED_KEY = '@tessera/stored';

/**
 * What travels in place of a stored result: `[byte offset, byte length]` in
 * the store, and for a typed array stored as raw bytes, `1 +` its index in
 * {@link RAW_TYPES} (0 or absent: structured-serialized bytes).
 */
export interface StoredMarker {
  [STORED_KEY]: [number, number] | [number, number, number];
}

/** Typed arrays stored as their raw bytes (no serializer; one copy in, one copy out). */
const RAW_TYPES = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array,
  BigInt64Array, BigUint64Array,
] as const;

/** True when `v` is a stored-result marker. */
export function isStoredMarker(v: unknown): v is StoredMarker {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, STORED_KEY);
}

/** Thrown by the share callback to refuse values that hold shared memory (they travel as handles). */
const HOLDS_SHARED = new Error('value holds shared memory');

const refuseShared = (): number => {
  throw HOLDS_SHARED;
};
const noBuffers = (id: number): SharedArrayBuffer => {
  throw new Error(`Tessera internal error: stored value refers to shared buffer #${id}`);
};

/** Default smallest serialized size, in bytes, of a result that is kept in the store. */
export const DEFAULT_MIN_STORED_BYTES = 1024;

/**
 * Encodes a node's result for the trip back to the main thread: the value
 * itself when it is small, primitive or holds shared memory; otherwise a
 * marker for a new store block holding its bytes (worker side).
 * @param heap the store (attached in this thread)
 * @param minBytes smallest serialized size worth storing
 */
export function storeResult(heap: SharedHeap, value: unknown, minBytes: number): unknown {
  if (typeof value !== 'object' || value === null || !Number.isFinite(minBytes)) return value;
  if (ArrayBuffer.isView(value) && !(value.buffer instanceof SharedArrayBuffer)) {
    const raw = RAW_TYPES.findIndex((T) => value.constructor === T);
    if (raw >= 0) return value.byteLength < minBytes ? value : storeRaw(heap, value, raw);
  }
  let bytes: Uint8Array;
  try {
    bytes = platform().serializer.serialize(value, refuseShared);
  } catch {
    return value; // holds shared memory, or cannot be serialized: the pool reports that itself
  }
  if (bytes.length < minBytes && !isStoredMarker(value)) return value;
  let at: number;
  try {
    at = heap.alloc(bytes.length);
  } catch {
    return value; // the store is full: send the value instead
  }
  heap.bytes.set(bytes, at);
  return { [STORED_KEY]: [at, bytes.length] } satisfies StoredMarker;
}

function storeRaw(heap: SharedHeap, view: ArrayBufferView, raw: number): unknown {
  let at: number;
  try {
    at = heap.alloc(view.byteLength);
  } catch {
    return view;
  }
  heap.bytes.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), at);
  return { [STORED_KEY]: [at, view.byteLength, raw + 1] } satisfies StoredMarker;
}

/**
 * Decodes a stored result (any thread; the block stays allocated). It reads
 * the block in place: a block is immutable while it is allocated, and the
 * caller holds it (see ownership above). (Copying it out first with `slice`
 * costs ~3x more on the heap's growable buffer.)
 */
export function loadStored(heap: SharedHeap, marker: StoredMarker): unknown {
  const [at, len, raw] = marker[STORED_KEY];
  if (raw !== undefined && raw > 0) {
    const Type = RAW_TYPES[raw - 1]!;
    const out = new Type(len / Type.BYTES_PER_ELEMENT);
    new Uint8Array(out.buffer).set(heap.bytes.subarray(at, at + len));
    return out;
  }
  return platform().serializer.deserialize(heap.bytes.subarray(at, at + len), noBuffers);
}

const attached = new WeakMap<SharedArrayBuffer, SharedHeap>();

/** The store behind `view` (a view over its buffer, as passed to graph tasks), attached once per thread. */
export function attachStore(view: Uint8Array): SharedHeap {
  const sab = view.buffer as SharedArrayBuffer;
  let heap = attached.get(sab);
  if (heap === undefined) attached.set(sab, (heap = SharedHeap.attach(sab)));
  return heap;
}

/** Main-thread side of one pool's store. */
export class ObjectStore {
  /** An empty view over the store's buffer: passed to graph tasks (a handle, never copied). */
  readonly view: Uint8Array;
  #liveBytes = 0;
  #liveBlocks = 0;

  constructor(readonly heap: SharedHeap) {
    this.view = new Uint8Array(heap.buffer, 0, 0);
  }

  /** Creates a store that may grow to `maxBytes`. */
  static create(maxBytes: number): ObjectStore {
    return new ObjectStore(SharedHeap.create({ initialBytes: 1 << 20, maxBytes }));
  }

  /** Records a block a worker allocated (for statistics). */
  adopt(marker: StoredMarker): void {
    this.#liveBytes += marker[STORED_KEY][1];
    this.#liveBlocks++;
  }

  /** Decodes a stored value on the main thread. */
  read(marker: StoredMarker): unknown {
    return loadStored(this.heap, marker);
  }

  /** Frees the block of `marker`. */
  free(marker: StoredMarker): void {
    this.heap.free(marker[STORED_KEY][0]);
    this.#liveBytes -= marker[STORED_KEY][1];
    this.#liveBlocks--;
  }

  /** Blocks and payload bytes currently held. */
  usage(): { blocks: number; bytes: number } {
    return { blocks: this.#liveBlocks, bytes: this.#liveBytes };
  }
}
