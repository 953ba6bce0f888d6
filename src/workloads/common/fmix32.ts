/**
 * MurmurHash3's 32-bit finalizer, used to seed xoshiro128** from an integer key
 * (WORKLOADS.md): z ^= z>>>16; z *= 0x85ebca6b; z ^= z>>>13; z *= 0xc2b2ae35; z ^= z>>>16,
 * all mod 2^32.
 * @param z a 32-bit value (taken mod 2^32)
 * @returns the mixed value as an unsigned 32-bit integer
 */
export function fmix32(z: number): number {
  z = (z ^ (z >>> 16)) >>> 0;
  z = Math.imul(z, 0x85ebca6b) >>> 0;
  z = (z ^ (z >>> 13)) >>> 0;
  z = Math.imul(z, 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}
