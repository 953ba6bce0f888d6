/**
 * Argument checks used at every public boundary. Each throws
 * {@link InvalidArgumentError} naming the field, the value and the expected form.
 */
import { InvalidArgumentError } from './errors.js';

/** Checks that `value` is an integer in `[min, max]` and returns it. */
export function checkInteger(field: string, value: unknown, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(field, value, describeRange('an integer', min, max));
  }
  return value;
}

/** Checks that `value` is a finite number (or `Infinity` when `allowInfinity`) `>= min`. */
export function checkNumber(field: string, value: unknown, min = -Infinity, allowInfinity = false): number {
  const ok = typeof value === 'number' && !Number.isNaN(value) && value >= min && (allowInfinity || Number.isFinite(value));
  if (!ok) {
    const what = allowInfinity ? 'a number or Infinity' : 'a finite number';
    throw new InvalidArgumentError(field, value, min === -Infinity ? what : `${what} >= ${min}`);
  }
  return value;
}

/** Checks that `value` is one of `choices`. */
export function checkOneOf<T extends string>(field: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(field, value, `one of ${choices.map((c) => `"${c}"`).join(', ')}`);
  }
  return value as T;
}

/** Checks that `value` is a function. */
export function checkFunction(field: string, value: unknown): (...args: any[]) => unknown {
  if (typeof value !== 'function') throw new InvalidArgumentError(field, value, 'a function');
  return value as (...args: any[]) => unknown;
}

/** Checks that `value` is a non-empty string. */
export function checkString(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw new InvalidArgumentError(field, value, 'a non-empty string');
  return value;
}

/** Checks that `value` is undefined or an `AbortSignal`. */
export function checkSignal(field: string, value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || typeof (value as AbortSignal).aborted !== 'boolean' || typeof (value as AbortSignal).addEventListener !== 'function') {
    throw new InvalidArgumentError(field, value, 'an AbortSignal');
  }
  return value as AbortSignal;
}

/** Checks that `value` is a plain object (or undefined) and returns it as a record. */
export function checkOptions(field: string, value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidArgumentError(field, value, 'an options object');
  return value as Record<string, unknown>;
}

function describeRange(what: string, min: number, max: number): string {
  const hasMin = min !== Number.MIN_SAFE_INTEGER;
  const hasMax = max !== Number.MAX_SAFE_INTEGER;
  if (hasMin && hasMax) return `${what} in [${min}, ${max}]`;
  if (hasMin) return `${what} >= ${min}`;
  if (hasMax) return `${what} <= ${max}`;
  return what;
}
