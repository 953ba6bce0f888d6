/**
 * The Node.js implementation of the {@link Platform} interface.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Deserializer, Serializer as V8Serializer } from 'node:v8';
import { Worker, isMainThread, parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Platform, PlatformPort, Serializer } from './platform.js';

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

const serializer: Serializer = {
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

let preloads: { url: string; register: boolean }[] | undefined;

/**
 * Worker threads do not inherit the module hooks that `tsx` (or `node --import
 * tsx`) installs in the main thread, so when the process runs under tsx each
 * worker registers tsx's ESM hooks itself, resolved from the working directory
 * first and from Tessera's own location second.
 */
function detectPreloads(): { url: string; register: boolean }[] {
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (!args.some((a) => /(^|[\\/@])tsx([\\/]|$)/.test(a) || a === 'tsx')) return [];
  try {
    // The ESM build of tsx's API (the "import" condition), as seen from Tessera's location.
    return [{ url: import.meta.resolve('tsx/esm/api'), register: true }];
  } catch {
    // not resolvable from here: try the program's working directory
  }
  try {
    const cjs = createRequire(join(process.cwd(), 'noop.js')).resolve('tsx/esm/api');
    return [{ url: pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href, register: true }];
  } catch {
    // tsx is not installed where we can see it
  }
  return [];
}

/**
 * The Node options a worker inherits: the process's `execArgv` without those that
 * describe the main program's own entry (`--eval`/`-e`, `--print`/`-p` with their
 * code, `--input-type`, `--check`, `--interactive`, `--test*`, `--watch*`). Node applies
 * `execArgv` to a worker's file entry too, and rejects `--input-type` there, so a pool
 * created from `node --input-type=module -e "…"` would otherwise never start a worker.
 */
export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print' || a === '--input-type') {
      i++; // the option's value
      continue;
    }
    if (/^(--eval|--print|--input-type)=/.test(a) || a === '-c' || a === '--check' || a === '-i' || a === '--interactive') continue;
    if (/^--(test|watch)([-=]|$)/.test(a)) continue;
    out.push(a);
  }
  return out;
}

/** `undefined` (inherit, Node's default) unless the filter removed something. */
let execArgv: string[] | undefined | null = null;

/** The Node.js platform. */
export const nodePlatform: Platform = {
  availableParallelism,
  createWorker(url, options) {
    if (execArgv === null) {
      const filtered = workerExecArgv();
      execArgv = filtered.length === process.execArgv.length ? undefined : filtered;
    }
    return new Worker(url, {
      name: options.name,
      execArgv,
      workerData: options.workerData,
      transferList: options.transferList as never,
      resourceLimits: options.resourceLimits,
    });
  },
  receiveSync(port: PlatformPort) {
    return receiveMessageOnPort(port as unknown as MessagePort);
  },
  serializer,
  workerContext() {
    if (isMainThread || parentPort === null) return undefined;
    return { workerData, parentPort: parentPort as unknown as PlatformPort };
  },
  now() {
    // process.hrtime, not performance.now(): the same ~40 ns a call, but the global
    // `performance` is created on first use, ~0.5 ms of a worker's start-up.
    const [s, ns] = process.hrtime();
    return s * 1e3 + ns / 1e6;
  },
  workerPreloads() {
    preloads ??= detectPreloads();
    return preloads;
  },
  exitThread: () => process.exit(0),
};
