/**
 * Parameter checks for the workloads. Kept local (no package imports) so that kernels
 * and references load in any worker or browser without the rest of the runtime.
 */

/**
 * Checks that `value` is an integer in `[min, max]` and returns it.
 * @throws RangeError naming the parameter, the value and the expected range
 */
export function checkIntParam(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`Expected \`${name}\` to be an integer ${range}, got \`${String(value)}\` (${typeof value})`);
  }
  return value;
}

/**
 * Checks that `value` is a finite number `> min` (strictly) and returns it.
 * @throws RangeError naming the parameter, the value and the expected range
 */
export function checkPositiveNumberParam(name: string, value: number, min = 0): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > min)) {
    throw new RangeError(`Expected \`${name}\` to be a finite number > ${min}, got \`${String(value)}\` (${typeof value})`);
  }
  return value;
}
