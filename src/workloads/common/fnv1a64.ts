/**
 * FNV-1a 64-bit hash (WORKLOADS.md, "FNV-1a 64"):
 * h = 0xcbf29ce484222325; for each byte b: h ^= b; h = h * 0x100000001b3 mod 2^64.
 *
 * The 64-bit state is carried as two uint32 halves. The prime is 2^40 + 0x1b3, so
 * h * prime = h * 0x1b3 + (h << 40): the low half times 0x1b3 is below 2^41 (exact in a
 * double), its carry goes to the high half, and (h << 40) mod 2^64 only moves the low 24
 * bits of the low half into the top of the high half. No BigInt in the loop.
 */

/** Offset basis, high and low 32-bit halves. */
const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
/** Low part of the FNV prime 0x100000001b3 = 2^40 + 0x1b3. */
const PRIME_LO = 0x1b3;
const TWO_32 = 4294967296;

/**
 * Incremental FNV-1a 64 hasher. Feed bytes in order with {@link Fnv1a64.update};
 * read the digest with {@link Fnv1a64.hex} (16 lower-case hex digits) or
 * {@link Fnv1a64.bigint}. Hashing a sequence in several `update` calls gives the same
 * digest as one call over the concatenation.
 */
export class Fnv1a64 {
  /** High 32 bits of the state, as an unsigned integer. */
  hi = OFFSET_HI;
  /** Low 32 bits of the state, as an unsigned integer. */
  lo = OFFSET_LO;

  /**
   * Absorbs `bytes[start..end)` in index order.
   * @param bytes the bytes to absorb
   * @param start first index (default 0)
   * @param end one past the last index (default `bytes.length`)
   * @returns this hasher, for chaining
   */
  update(bytes: Uint8Array, start = 0, end = bytes.length): this {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = start; i < end; i++) {
      lo = (lo ^ bytes[i]!) >>> 0;
      const p = lo * PRIME_LO; // < 2^41: exact
      const pLo = p >>> 0; // p mod 2^32
      const carry = (p - pLo) / TWO_32;
      hi = (Math.imul(hi, PRIME_LO) + carry + (lo << 8)) >>> 0;
      lo = pLo;
    }
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  /** The digest as 16 lower-case hex digits (most significant first). */
  hex(): string {
    return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }

  /** The digest as an unsigned 64-bit BigInt. */
  bigint(): bigint {
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }
}

/**
 * FNV-1a 64 of a whole byte array.
 * @returns the digest as 16 lower-case hex digits
 * @example fnv1a64Hex(new TextEncoder().encode('a')) === 'af63dc4c8601ec8c'
 */
export function fnv1a64Hex(bytes: Uint8Array): string {
  return new Fnv1a64().update(bytes).hex();
}
