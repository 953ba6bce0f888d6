/**
 * A shared struct of arrays: one `SharedArrayBuffer` holding one typed array
 * per field, all of the same length, for particle-like data
 * (`x, y, z, vx, vy, vz, m`). Each field starts on its own cache line, so
 * threads that write different fields never share a line at the boundaries.
 *
 * Layout: fields in schema order, field `f` at `byteOffset(f)`, a multiple of
 * {@link CACHE_LINE_BYTES}; nothing else is stored in the buffer.
 */
import { InvalidArgumentError } from '../shared/errors.js';
import { checkInteger } from '../shared/check.js';
import { ELEMENT_KINDS, elementBytes, viewShared } from './shared-array.js';
import type { ElementArrays, ElementKind } from './shared-array.js';
import { CACHE_LINE_BYTES, alignUp } from './layout.js';
import { checkHandle } from './handle.js';

/** Field names mapped to element kinds, e.g. `{ x: 'float64', id: 'int32' }`. */
export type StructSchema = Readonly<Record<string, ElementKind>>;

/** The typed arrays of a struct, one property per schema field. */
export type StructFields<S extends StructSchema> = { readonly [K in keyof S]: ElementArrays[S[K]] };

/** A {@link SharedStruct} with its fields as properties: `p.x[i]`. */
export type SharedStructOf<S extends StructSchema> = SharedStruct<S> & StructFields<S>;

/** The structured-cloneable handle of a {@link SharedStruct}. */
export interface SharedStructHandle {
  readonly kind: 'tessera.SharedStruct';
  readonly buffer: SharedArrayBuffer;
  readonly length: number;
  /** `[name, element kind, byte offset]` per field, in schema order. */
  readonly fields: ReadonlyArray<readonly [string, ElementKind, number]>;
}

/** Names a schema may not use, because they are members of {@link SharedStruct}. */
const RESERVED = new Set(['length', 'buffer', 'handle', 'schema', 'field', 'fieldNames', 'constructor']);

/**
 * A struct of shared typed arrays of equal length. Create with
 * {@link SharedStruct.create} (or `shared.struct`); pass `.handle` to another
 * thread and rebuild it there with {@link SharedStruct.fromHandle}.
 *
 * @example
 * const p = SharedStruct.create({ x: 'float64', y: 'float64', m: 'float64' }, 1000);
 * p.x[0] = 1.5;
 * worker.postMessage(p.handle); // in the worker: SharedStruct.fromHandle(h).x[0] === 1.5
 */
export class SharedStruct<S extends StructSchema = StructSchema> {
  /** Elements per field. */
  readonly length: number;
  /** The one buffer that holds every field. */
  readonly buffer: SharedArrayBuffer;
  /** Field names mapped to element kinds. */
  readonly schema: S;
  readonly #offsets: ReadonlyArray<readonly [string, ElementKind, number]>;

  private constructor(buffer: SharedArrayBuffer, length: number, offsets: ReadonlyArray<readonly [string, ElementKind, number]>) {
    this.buffer = buffer;
    this.length = length;
    this.#offsets = offsets;
    const schema: Record<string, ElementKind> = {};
    for (const [name, kind, byteOffset] of offsets) {
      schema[name] = kind;
      Object.defineProperty(this, name, { value: viewShared(kind, buffer, byteOffset, length), enumerable: true });
    }
    this.schema = Object.freeze(schema) as unknown as S;
  }

  /**
   * Allocates a zeroed struct with `length` elements per field.
   *
   * @param schema field names mapped to element kinds; names may not be `length`, `buffer`, `handle`, `schema`, `field` or `fieldNames`
   * @param length elements per field, an integer >= 0
   * @throws {InvalidArgumentError} for an empty schema, a reserved or unknown name, or a bad length.
   */
  static create<S extends StructSchema>(schema: S, length: number): SharedStructOf<S> {
    if (typeof schema !== 'object' || schema === null || Object.keys(schema).length === 0) {
      throw new InvalidArgumentError('schema', schema, 'an object mapping field names to element kinds');
    }
    checkInteger('length', length, 0, 2 ** 31 - 1);
    const offsets: Array<readonly [string, ElementKind, number]> = [];
    let bytes = 0;
    for (const [name, kind] of Object.entries(schema)) {
      if (RESERVED.has(name)) throw new InvalidArgumentError(`schema.${name}`, name, 'a field name other than a SharedStruct member');
      if (!(ELEMENT_KINDS as readonly string[]).includes(kind)) {
        throw new InvalidArgumentError(`schema.${name}`, kind, `one of ${ELEMENT_KINDS.map((k) => `"${k}"`).join(', ')}`);
      }
      offsets.push([name, kind, bytes]);
      bytes = alignUp(bytes + length * elementBytes(kind), CACHE_LINE_BYTES);
    }
    return new SharedStruct<S>(new SharedArrayBuffer(Math.max(bytes, CACHE_LINE_BYTES)), length, offsets) as SharedStructOf<S>;
  }

  /**
   * Rebuilds a struct from its handle, sharing the same memory.
   *
   * @throws {InvalidArgumentError} when `handle` is not a SharedStruct handle.
   */
  static fromHandle<S extends StructSchema = StructSchema>(handle: SharedStructHandle): SharedStructOf<S> {
    const h = checkHandle<SharedStructHandle>(handle, 'tessera.SharedStruct');
    if (!Array.isArray(h.fields)) throw new InvalidArgumentError('handle.fields', h.fields, 'an array of [name, kind, byteOffset]');
    return new SharedStruct<S>(h.buffer, checkInteger('handle.length', h.length, 0), h.fields) as SharedStructOf<S>;
  }

  /** The structured-cloneable handle; survives `postMessage` and `structuredClone`. */
  get handle(): SharedStructHandle {
    return { kind: 'tessera.SharedStruct', buffer: this.buffer, length: this.length, fields: this.#offsets.map((f) => [...f] as const) };
  }

  /** Field names in schema order. */
  get fieldNames(): Array<keyof S & string> {
    return this.#offsets.map(([name]) => name);
  }

  /**
   * The typed array of field `name`.
   *
   * @throws {InvalidArgumentError} when there is no such field.
   */
  field<K extends keyof S & string>(name: K): ElementArrays[S[K]] {
    if (!Object.prototype.hasOwnProperty.call(this.schema, name)) {
      throw new InvalidArgumentError('name', name, `one of the fields ${this.fieldNames.map((n) => `"${n}"`).join(', ')}`);
    }
    return (this as unknown as Record<string, ElementArrays[S[K]]>)[name] as ElementArrays[S[K]];
  }
}
