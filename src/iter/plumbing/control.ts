/**
 * Control words of one operation and the per-pool scratch memory they live in.
 *
 * Layout of a job's `Int32Array ctl` (each hot word on its own 128-byte
 * line, see memory/layout.ts):
 *
 * ```
 * [C_NEXT]          dynamic/guided: the next leaf nobody has claimed
 * [C_STOP]          lowest leaf with a decisive outcome (an error; a hit of
 *                   any/all/find); leaves above it are skipped. Starts at `leaves`.
 * [C_CANCEL]        1 once the caller cancelled: runners stop between leaves
 * [C_DONE]          runners that have finished (the main thread waits for all)
 * [C_RANGES + r*PADDED_SLOT_WORDS]
 *                   adaptive: runner r's remaining leaves, packed (lo << 16) | hi
 * ```
 *
 * Scratch: SharedArrayBuffers shared with a pool are registered with it for
 * the pool's life (core/README.md), so every buffer an operation needs
 * (control words, partials, copies of non-shared sources) comes from a
 * per-pool free list of blocks that are reused, never from a fresh buffer
 * per call. A block returns to the list only after every runner of its
 * operation has finished.
 */
import { PADDED_SLOT_WORDS, alignUp } from '../../memory/layout.js';

export const C_NEXT = 0;
export const C_STOP = PADDED_SLOT_WORDS;
export const C_CANCEL = 2 * PADDED_SLOT_WORDS;
export const C_DONE = 3 * PADDED_SLOT_WORDS;
export const C_RANGES = 4 * PADDED_SLOT_WORDS;

/** Int32 words of the control region for `runners` runners. */
export function controlWords(runners: number): number {
  return C_RANGES + runners * PADDED_SLOT_WORDS;
}

/** Packs a leaf range into one word: 16 bits each (leaves ≤ 0xffff). */
export function packRange(lo: number, hi: number): number {
  return ((lo << 16) | hi) | 0;
}

export function rangeLo(word: number): number {
  return word >>> 16;
}

export function rangeHi(word: number): number {
  return word & 0xffff;
}

/** A reusable shared block. */
export interface ScratchBlock {
  readonly sab: SharedArrayBuffer;
}

/** Smallest block allocated (bytes). */
const MIN_BLOCK = 1 << 16;

/**
 * The scratch blocks of one pool. `take` returns the smallest free block
 * of at least `bytes`, or a new one (a power of two); `give` puts it back.
 */
export class ScratchPool {
  private readonly free: ScratchBlock[] = [];

  take(bytes: number): ScratchBlock {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const b = this.free[i]!;
      if (b.sab.byteLength >= bytes && (best < 0 || b.sab.byteLength < this.free[best]!.sab.byteLength)) best = i;
    }
    if (best >= 0) return this.free.splice(best, 1)[0]!;
    let size = MIN_BLOCK;
    while (size < bytes) size *= 2;
    return { sab: new SharedArrayBuffer(size) };
  }

  give(block: ScratchBlock): void {
    this.free.push(block);
  }
}

/** Carves typed views out of a block: each region starts on a 128-byte boundary. */
export class Carver {
  private at = 0;
  /** Bytes needed so far (call with a null block to size a layout). */
  get bytes(): number {
    return this.at;
  }
  constructor(private readonly sab: SharedArrayBuffer | null) {}

  take<A>(ctor: { new (b: SharedArrayBuffer, o: number, l: number): A; BYTES_PER_ELEMENT: number }, length: number): A {
    const at = this.at;
    this.at = alignUp(at + length * ctor.BYTES_PER_ELEMENT, PADDED_SLOT_WORDS * 4);
    return (this.sab === null ? null : new ctor(this.sab, at, length)) as A;
  }
}
