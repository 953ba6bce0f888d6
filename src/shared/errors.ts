/**
 * Base error class and the errors every layer shares.
 *
 * Every Tessera error has a stable `code` (match on it, never on the message),
 * a `name` equal to its class name and an optional chained `cause`.
 */

/** Options accepted by every Tessera error constructor. */
export interface TesseraErrorOptions {
  /** The error that caused this one. */
  cause?: unknown;
}

/** Base class of all errors thrown by Tessera. */
export class TesseraError extends Error {
  /** Stable machine-readable code, e.g. `ERR_INVALID_ARGUMENT`. */
  readonly code: string;

  constructor(code: string, message: string, options?: TesseraErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
  }
}

/** Describes a value for an error message: `` `0` (number) ``. */
export function describeValue(value: unknown): string {
  let shown: string;
  if (typeof value === 'string') shown = JSON.stringify(value);
  else if (typeof value === 'function') shown = `[function ${value.name || 'anonymous'}]`;
  else if (typeof value === 'bigint') shown = `${value}n`;
  else if (typeof value === 'symbol') shown = value.toString();
  else {
    try {
      shown = JSON.stringify(value) ?? String(value);
    } catch {
      shown = String(value);
    }
  }
  if (shown.length > 80) shown = `${shown.slice(0, 77)}...`;
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return `\`${shown}\` (${type})`;
}

/**
 * A caller passed a bad value. The message names the field, the value and the
 * expected form: ``Expected `threads` to be an integer >= 1, got `0` (number)``.
 */
export class InvalidArgumentError extends TesseraError {
  /** The option or parameter that was rejected, e.g. `threads`. */
  readonly field: string;
  /** The rejected value. */
  readonly value: unknown;
  /** The expected form, e.g. `an integer >= 1`. */
  readonly expected: string;

  constructor(field: string, value: unknown, expected: string, options?: TesseraErrorOptions) {
    super('ERR_INVALID_ARGUMENT', `Expected \`${field}\` to be ${expected}, got ${describeValue(value)}`, options);
    this.field = field;
    this.value = value;
    this.expected = expected;
  }
}

/** An operation did not finish within its time limit. */
export class TimeoutError extends TesseraError {
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  constructor(message: string, timeoutMs: number, options?: TesseraErrorOptions) {
    super('ERR_TIMEOUT', message, options);
    this.timeoutMs = timeoutMs;
  }
}

/** An operation was cancelled through an `AbortSignal` (the signal's reason is the `cause`). */
export class CancelledError extends TesseraError {
  constructor(message: string, options?: TesseraErrorOptions) {
    super('ERR_CANCELLED', message, options);
  }
}
