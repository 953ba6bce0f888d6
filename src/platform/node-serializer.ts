/**
 * The Node.js serializer of task arguments and results: V8's structured
 * serialization, with typed arrays over SharedArrayBuffers passed as
 * (buffer id, offset, length) handles instead of copies, and bare
 * SharedArrayBuffers marked and shared the same way.
 */
import { Deserializer, Serializer as V8Serializer } from 'node:v8';
import type { Serializer } from './platform.js';

/** Typed-array constructors in the order of their host-object tag. */
const VIEW_TYPES = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array, DataView,
] as const;

/** Host-object tag: a view over a SharedArrayBuffer, passed as (buffer id, offset, length). */
const TAG_SHARED_VIEW = 1;
/** Host-object tag: a view over an ordinary buffer, copied. */
const TAG_COPIED_VIEW = 2;

function viewTypeIndex(view: ArrayBufferView): number {
  for (let i = 0; i < VIEW_TYPES.length; i++) if (view instanceof VIEW_TYPES[i]!) return i;
  return 1;
}

/** Thrown (and caught) to switch to the marking walk; never escapes. */
const NEEDS_WALK = new Error('bare SharedArrayBuffer met');
/** Marks a bare SharedArrayBuffer replaced by a byte view of it for transport. */
const SAB_MARK = '__tessera_shared_buffer__';

class SharedAwareSerializer extends V8Serializer {
  constructor(private readonly share: (sab: SharedArrayBuffer) => number) {
    super();
    (this as unknown as { _setTreatArrayBufferViewsAsHostObjects(v: boolean): void })._setTreatArrayBufferViewsAsHostObjects(true);
  }

  /** Bare SharedArrayBuffers need the marking walk (see {@link serializer}). */
  _getSharedArrayBufferId(): number {
    throw NEEDS_WALK;
  }

  _writeHostObject(view: ArrayBufferView): void {
    const type = viewTypeIndex(view);
    const elem = view instanceof DataView ? 1 : (view as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    if (view.buffer instanceof SharedArrayBuffer) {
      this.writeUint32(TAG_SHARED_VIEW);
      this.writeUint32(type);
      this.writeUint32(this.share(view.buffer));
      this.writeDouble(view.byteOffset);
      this.writeDouble(view.byteLength / elem);
    } else {
      this.writeUint32(TAG_COPIED_VIEW);
      this.writeUint32(type);
      this.writeDouble(view.byteLength);
      this.writeRawBytes(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
    }
  }
}

class SharedAwareDeserializer extends Deserializer {
  constructor(bytes: Uint8Array, private readonly find: (id: number) => SharedArrayBuffer) {
    super(bytes);
  }

  _readHostObject(): ArrayBufferView {
    const tag = this.readUint32();
    const Type = VIEW_TYPES[this.readUint32()] ?? Uint8Array;
    if (tag === TAG_SHARED_VIEW) {
      const sab = this.find(this.readUint32());
      const offset = this.readDouble();
      const length = this.readDouble();
      return new (Type as unknown as new (b: ArrayBufferLike, o: number, l: number) => ArrayBufferView)(sab, offset, length);
    }
    const byteLength = this.readDouble();
    const offset = (this as unknown as { _readRawBytes(n: number): number })._readRawBytes(byteLength);
    const source = (this as unknown as { buffer: Uint8Array }).buffer;
    const copy = new ArrayBuffer(byteLength);
    new Uint8Array(copy).set(source.subarray(offset, offset + byteLength));
    const elem = Type === DataView ? 1 : (Type as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    return new (Type as unknown as new (b: ArrayBufferLike, o: number, l: number) => ArrayBufferView)(copy, 0, byteLength / elem);
  }
}

/** Copies containers on the way to bare SharedArrayBuffers, replacing each by a marked byte view. */
function markBuffers(v: unknown, seen: Map<object, unknown>): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (v instanceof SharedArrayBuffer) return { [SAB_MARK]: new Uint8Array(v) };
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof Date || v instanceof RegExp) return v;
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    seen.set(v, out);
    for (const x of v) out.push(markBuffers(x, seen));
    return out;
  }
  if (v instanceof Map) {
    const out = new Map();
    seen.set(v, out);
    for (const [k, x] of v) out.set(markBuffers(k, seen), markBuffers(x, seen));
    return out;
  }
  if (v instanceof Set) {
    const out = new Set();
    seen.set(v, out);
    for (const x of v) out.add(markBuffers(x, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(v, out);
  for (const k of Object.keys(v)) out[k] = markBuffers((v as Record<string, unknown>)[k], seen);
  return out;
}

/** Undoes {@link markBuffers} in place on a freshly deserialized value. */
function unmarkBuffers(v: unknown, seen: Set<object>): unknown {
  if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v) || seen.has(v)) return v;
  seen.add(v);
  if (!Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set)) {
    const marked = (v as Record<string, unknown>)[SAB_MARK];
    if (marked instanceof Uint8Array) return marked.buffer;
  }
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) v[i] = unmarkBuffers(v[i], seen);
  else if (v instanceof Map) for (const [k, x] of v) v.set(k, unmarkBuffers(x, seen));
  else if (v instanceof Set) {
    for (const x of [...v]) {
      const y = unmarkBuffers(x, seen);
      if (y !== x) {
        v.delete(x);
        v.add(y);
      }
    }
  } else for (const k of Object.keys(v)) (v as Record<string, unknown>)[k] = unmarkBuffers((v as Record<string, unknown>)[k], seen);
  return v;
}

/** Wire format: one flag byte (1 when bare buffers were marked), then V8's serialization. */
function encode(value: unknown, shareBuffer: (sab: SharedArrayBuffer) => number, marked: boolean): Uint8Array {
  const s = new SharedAwareSerializer(shareBuffer);
  s.writeRawBytes(new Uint8Array([marked ? 1 : 0]));
  s.writeHeader();
  s.writeValue(value);
  return s.releaseBuffer();
}

/** Task arguments and results: V8 serialization, sharing the SharedArrayBuffers behind typed arrays. */
export const nodeSerializer: Serializer = {
  serialize(value, shareBuffer) {
    try {
      return encode(value, shareBuffer, false);
    } catch (err) {
      if (err !== NEEDS_WALK) throw err;
      return encode(markBuffers(value, new Map()), shareBuffer, true);
    }
  },
  deserialize(bytes, findBuffer) {
    const d = new SharedAwareDeserializer(bytes.subarray(1), findBuffer);
    d.readHeader();
    const value = d.readValue();
    return bytes[0] === 1 ? unmarkBuffers(value, new Set()) : value;
  },
};
