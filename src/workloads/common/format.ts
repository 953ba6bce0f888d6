/**
 * Output formatting helpers shared by the workloads (numbers printed the way the
 * reference programs print them).
 */

/**
 * `x` with exactly `digits` decimals, like C's `printf("%.*f", digits, x)` for values
 * that are not exact decimal ties (ties differ only in C's round-half-even vs JS's
 * round-half-up, which binary doubles with 9 decimals practically never hit).
 */
export function formatFixed(x: number, digits: number): string {
  return x.toFixed(digits);
}

/** An unsigned 32-bit integer as 8 lower-case hex digits. */
export function hex32(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}

/**
 * The exact bits of a double as 16 hex digits (big-endian notation), for reports that
 * must show bit-for-bit agreement.
 */
export function doubleBitsHex(x: number): string {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return hex32(v.getUint32(0)) + hex32(v.getUint32(4));
}
