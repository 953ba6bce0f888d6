/**
 * `chunks(size)`: groups consecutive items into chunks of `size` (the last
 * may be shorter). A chunk of a shared typed array with no adapter before it
 * is a `subarray` view of that array (zero copy; writes reach the source); a
 * chunk of an ordinary typed array is a copy of the same type; any other
 * chunk is a new array. Keeps a chain indexed; its index space is
 * the chunk numbers, `ceil(length / size)` of them.
 */
import type { Emitter } from '../plumbing/emitter.js';
import type { OpDesc, SourceDesc } from '../plumbing/plan.js';
import { checkInteger } from '../../shared/check.js';

/**
 * Emits chunk number `idx`: a view of the source when `direct` (nothing
 * before the chunks), else an array gathered from `producer` (a helper
 * producing the items before the chunks, made on demand).
 */
export function chunksIndexSpace(e: Emitter, op: Extract<OpDesc, { t: 'chunks' }>, idx: string, src: SourceDesc, direct: boolean, producer: () => string): string {
  const size = e.bind(op.size);
  const len = e.bind(op.innerLen);
  const lo = e.temp();
  const hi = e.temp();
  const v = e.temp();
  e.line(`const ${lo} = ${idx} * ${size}, ${hi} = Math.min(${lo} + ${size}, ${len});`);
  if (direct && src.t === 'typed') {
    const a = e.bind(src.array);
    const make = { view: `${a}.subarray(${lo}, ${hi})`, slice: `${a}.slice(${lo}, ${hi})`, array: `Array.from(${a}.subarray(${lo}, ${hi}))` }[src.chunkAs];
    e.line(`const ${v} = ${make};`);
  } else if (direct && src.t === 'objects') {
    e.line(`const ${v} = ${e.bind(src, (ref) => `$t_H.objects(${ref})`)}.slice(${lo}, ${hi});`);
  } else {
    e.line(`const ${v} = $t_H.gather(${producer()}, ${lo}, ${hi});`);
  }
  return v;
}

/** The number of chunks of `size` in `len` items. */
export function chunkCount(len: number, size: number): number {
  return Math.ceil(len / size);
}

/**
 * The `chunks` adapter's description (main thread).
 * @throws InvalidArgumentError when `size` is not an integer >= 1
 */
export function chunksOp(size: number, innerLen: number): Extract<OpDesc, { t: 'chunks' }> {
  return { t: 'chunks', size: checkInteger('size', size, 1), innerLen };
}
