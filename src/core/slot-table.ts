/**
 * Views of the slot buffer and the payload codec: how task arguments and
 * results are written into, and read from, a slot (see `layout.ts`).
 *
 * Codecs, chosen per payload:
 * - C_NONE: nothing (no arguments / `undefined` result);
 * - C_F64: up to INLINE_F64 numbers stored as float64 inline — the fast path,
 *   no serializer involved;
 * - C_INLINE / C_HEAP: structured-serialized bytes (typed arrays over
 *   SharedArrayBuffers become handles, see `platform/node.ts`), inline when
 *   they fit, otherwise in a shared-heap block that the reader frees.
 *
 * Publication: the writer stores the payload and its header fields, then
 * changes the slot's state word (an Atomics store / CAS); a reader that loads
 * that state observes the payload (all Atomics are sequentially consistent,
 * and plain typed-array writes before an Atomics store are visible to a
 * thread that then loads it).
 */
import type { SharedHeap } from '../memory/shared-heap.js';
import { load, store } from '../memory/atomics.js';
import { platform } from '../platform/platform.js';
import type { BufferRegistry } from './control.js';
import { SerializationError } from './errors.js';
import {
  C_F64, C_HEAP, C_INLINE, C_NONE, INLINE_BYTES, INLINE_F64, S_ARG_CODEC, S_ARG_LEN, S_ARG_PTR, S_RES_CODEC,
  S_RES_LEN, S_RES_PTR, S_STATE, SLOT_BYTES, SLOT_HEADER_BYTES, SLOT_WORDS, STATE_BITS, STATE_MASK,
} from './layout.js';

/** Which payload of a slot: its arguments or its result. */
const ARG = 0;
const RES = 1;

/** Access to every slot of a pool from one thread. */
export class SlotTable {
  readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly u8: Uint8Array;

  constructor(readonly buffer: SharedArrayBuffer, private readonly heap: SharedHeap, private readonly buffers: BufferRegistry) {
    this.i32 = new Int32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.u8 = new Uint8Array(buffer);
  }

  /** Word index of field `f` of slot `s`. */
  word(s: number, f: number): number {
    return s * SLOT_WORDS + f;
  }

  get(s: number, f: number): number {
    return load(this.i32, s * SLOT_WORDS + f);
  }

  set(s: number, f: number, v: number): void {
    store(this.i32, s * SLOT_WORDS + f, v);
  }

  /** The slot's state (without generation). */
  state(s: number): number {
    return load(this.i32, s * SLOT_WORDS + S_STATE) & STATE_MASK;
  }

  /** The slot's generation. */
  gen(s: number): number {
    return load(this.i32, s * SLOT_WORDS + S_STATE) >>> STATE_BITS;
  }

  /** Writes an argument list. Throws SerializationError for values that cannot travel. */
  writeArgs(s: number, args: readonly unknown[]): void {
    const n = args.length;
    if (n === 0) return this.header(s, ARG, C_NONE, 0, 0);
    if (n <= INLINE_F64) {
      let numeric = true;
      for (let k = 0; k < n; k++) if (typeof args[k] !== 'number') { numeric = false; break; }
      if (numeric) {
        const base = (s * SLOT_BYTES + SLOT_HEADER_BYTES) >> 3;
        for (let k = 0; k < n; k++) this.f64[base + k] = args[k] as number;
        return this.header(s, ARG, C_F64, n, 0);
      }
    }
    this.writeBytes(s, ARG, this.serialize(args, 'arguments'));
  }

  /** Writes the argument list `[arg]` without the array (the common one-argument call). */
  writeArg(s: number, arg: unknown): void {
    if (typeof arg === 'number') {
      this.f64[(s * SLOT_BYTES + SLOT_HEADER_BYTES) >> 3] = arg;
      return this.header(s, ARG, C_F64, 1, 0);
    }
    this.writeBytes(s, ARG, this.serialize([arg], 'arguments'));
  }

  /** Reads the argument list written by {@link writeArgs} or {@link writeArg}. */
  readArgs(s: number): unknown[] {
    const codec = this.get(s, S_ARG_CODEC);
    if (codec === C_NONE) return [];
    if (codec === C_F64) {
      const n = this.get(s, S_ARG_LEN);
      const base = (s * SLOT_BYTES + SLOT_HEADER_BYTES) >> 3;
      const out = new Array<unknown>(n);
      for (let k = 0; k < n; k++) out[k] = this.f64[base + k];
      return out;
    }
    return this.readBytes(s, ARG) as unknown[];
  }

  /** Writes one result value (a task's return value or its error record). */
  writeResult(s: number, value: unknown): void {
    if (value === undefined) return this.header(s, RES, C_NONE, 0, 0);
    if (typeof value === 'number') {
      this.f64[(s * SLOT_BYTES + SLOT_HEADER_BYTES) >> 3] = value;
      return this.header(s, RES, C_F64, 1, 0);
    }
    this.writeBytes(s, RES, this.serialize(value, 'result'));
  }

  /** Reads the result written by {@link writeResult}, freeing its heap block. */
  readResult(s: number): unknown {
    const codec = this.get(s, S_RES_CODEC);
    if (codec === C_NONE) return undefined;
    if (codec === C_F64) return this.f64[(s * SLOT_BYTES + SLOT_HEADER_BYTES) >> 3];
    return this.readBytes(s, RES);
  }

  /** Frees the heap block of the slot's arguments, if any (idempotent). */
  releaseArgs(s: number): void {
    if (this.get(s, S_ARG_CODEC) === C_HEAP) {
      this.heap.free(this.get(s, S_ARG_PTR));
      this.set(s, S_ARG_CODEC, C_NONE);
    }
  }

  private serialize(value: unknown, what: string): Uint8Array {
    try {
      return platform().serializer.serialize(value, (sab) => this.buffers.share(sab));
    } catch (cause) {
      throw new SerializationError(what, { cause });
    }
  }

  private header(s: number, which: number, codec: number, len: number, ptr: number): void {
    const w = s * SLOT_WORDS;
    if (which === ARG) {
      this.i32[w + S_ARG_CODEC] = codec;
      this.i32[w + S_ARG_LEN] = len;
      this.i32[w + S_ARG_PTR] = ptr;
    } else {
      this.i32[w + S_RES_CODEC] = codec;
      this.i32[w + S_RES_LEN] = len;
      this.i32[w + S_RES_PTR] = ptr;
    }
  }

  private writeBytes(s: number, which: number, bytes: Uint8Array): void {
    if (bytes.length <= INLINE_BYTES) {
      this.u8.set(bytes, s * SLOT_BYTES + SLOT_HEADER_BYTES);
      return this.header(s, which, C_INLINE, bytes.length, 0);
    }
    const ptr = this.heap.alloc(bytes.length);
    this.heap.bytes.set(bytes, ptr);
    this.header(s, which, C_HEAP, bytes.length, ptr);
  }

  private readBytes(s: number, which: number): unknown {
    const w = s * SLOT_WORDS;
    const codec = this.i32[w + (which === ARG ? S_ARG_CODEC : S_RES_CODEC)]!;
    const len = this.i32[w + (which === ARG ? S_ARG_LEN : S_RES_LEN)]!;
    const find = (id: number) => this.buffers.find(id);
    if (codec === C_INLINE) {
      const at = s * SLOT_BYTES + SLOT_HEADER_BYTES;
      // Deserialized in place: the deserializer copies what it keeps.
      return platform().serializer.deserialize(this.u8.subarray(at, at + len), find);
    }
    const ptr = this.i32[w + (which === ARG ? S_ARG_PTR : S_RES_PTR)]!;
    try {
      return platform().serializer.deserialize(this.heap.bytes.subarray(ptr, ptr + len), find);
    } finally {
      if (which === RES) {
        this.heap.free(ptr);
        this.i32[w + S_RES_CODEC] = C_NONE;
      }
    }
  }
}
