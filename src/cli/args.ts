/**
 * Parsers of command-line values. Each throws commander's `InvalidArgumentError` with the
 * expected form, which commander turns into a one-line error naming the option.
 */
import { InvalidArgumentError } from 'commander';

/** Parses an integer written as `4096`, `1_000_000` or `1e6`. */
export function parseIntArg(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value: string) => {
    const n = /^[+-]?[\d_]+(\.\d+)?([eE][+]?\d+)?$/.test(value.trim()) ? Number(value.trim().replace(/_/g, '')) : Number.NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
      throw new InvalidArgumentError(`Expected an integer ${range}.`);
    }
    return n;
  };
}

/** Parses a finite number `> min` (e.g. `1e-10`). */
export function parseNumberArg(min: number): (value: string) => number {
  return (value: string) => {
    const s = value.trim();
    const n = s === '' ? Number.NaN : Number(s.replace(/_/g, ''));
    if (!Number.isFinite(n) || !(n > min)) throw new InvalidArgumentError(`Expected a number > ${min} (e.g. 1e-10).`);
    return n;
  };
}

/** Parses one of `choices`. */
export function parseChoiceArg<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value: string) => {
    if (!(choices as readonly string[]).includes(value)) throw new InvalidArgumentError(`Expected one of ${choices.join(', ')}.`);
    return value as T;
  };
}

/** Parses a comma-separated list of integers such as `1,2,4`. */
export function parseIntListArg(min: number, max: number): (value: string) => number[] {
  return (value: string) => {
    const parts = value.split(',').map((s) => s.trim());
    const ns = parts.map((s) => (/^\d+$/.test(s) ? Number(s) : Number.NaN));
    if (parts.length === 0 || ns.some((n) => !Number.isInteger(n) || n < min || n > max)) {
      throw new InvalidArgumentError(`Expected a comma-separated list of integers in [${min}, ${max}], e.g. 1,2,4.`);
    }
    return [...new Set(ns)];
  };
}
