/**
 * Word and cache-line sizes shared by every shared-memory layout in `memory/`
 * and `sync/`, and the allocation helper they use. See memory/README.md.
 */
import { InvalidArgumentError } from '../shared/errors.js';

/** Bytes per int32 word, the unit of every layout. */
export const WORD_BYTES = 4;

/** Bytes of one cache line on the x86-64 and most ARM cores we target. */
export const CACHE_LINE_BYTES = 64;

/** int32 words per cache line. */
export const CACHE_LINE_WORDS = CACHE_LINE_BYTES / WORD_BYTES;

/**
 * Bytes between two independently written hot words. 128, not 64: Intel's
 * adjacent-line prefetcher pulls cache lines in pairs and Apple silicon has
 * 128-byte lines (the same choice as crossbeam's `CachePadded`).
 */
export const PADDED_SLOT_BYTES = 128;

/** int32 words in {@link PADDED_SLOT_BYTES}. */
export const PADDED_SLOT_WORDS = PADDED_SLOT_BYTES / WORD_BYTES;

/** Rounds `n` up to a multiple of `alignment` (a power of two). */
export function alignUp(n: number, alignment: number): number {
  return Math.ceil(n / alignment) * alignment;
}

/** True when `value` is a `SharedArrayBuffer` (also one from another realm). */
export function isSharedArrayBuffer(value: unknown): value is SharedArrayBuffer {
  return Object.prototype.toString.call(value) === '[object SharedArrayBuffer]';
}

/**
 * Allocates `words` zeroed int32 words in a fresh `SharedArrayBuffer`,
 * rounded up to whole cache lines.
 *
 * @throws {InvalidArgumentError} when `words` is not a positive integer.
 */
export function allocateWords(words: number): Int32Array {
  if (!Number.isInteger(words) || words < 1) throw new InvalidArgumentError('words', words, 'an integer >= 1');
  return new Int32Array(new SharedArrayBuffer(alignUp(words * WORD_BYTES, CACHE_LINE_BYTES)));
}
