/**
 * Errors crossing threads: a task's error is flattened into a plain record
 * (class name, message, stack, code, cause chain and own enumerable fields),
 * serialized into the slot, and revived on the other side as an instance of
 * the same built-in class, or an `Error` whose `name` is the original class
 * name.
 */

/** The plain form of an error. */
export interface ErrorRecord {
  name: string;
  message: string;
  stack: string | undefined;
  code: unknown;
  props: Record<string, unknown> | undefined;
  cause: ErrorRecord | { value: unknown } | undefined;
}

const BUILTINS: Record<string, ErrorConstructor> = {
  Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError,
};

/** Tessera's own error classes, revived as themselves (registered by their modules). */
const KNOWN = new Map<string, { prototype: Error }>();

/** Lets errors named `name` come back from a worker as instances of `ctor`. */
export function registerErrorClass(ctor: { prototype: Error; name: string }): void {
  KNOWN.set(ctor.name, ctor);
}

function plainProps(err: object): Record<string, unknown> | undefined {
  let props: Record<string, unknown> | undefined;
  for (const key of Object.keys(err)) {
    if (key === 'name' || key === 'message' || key === 'stack' || key === 'cause' || key === 'code') continue;
    const v = (err as Record<string, unknown>)[key];
    if (typeof v === 'function' || typeof v === 'symbol') continue;
    (props ??= {})[key] = v;
  }
  return props;
}

/** Flattens `err` (any thrown value) into an {@link ErrorRecord}. */
export function errorToRecord(err: unknown, depth = 0): ErrorRecord {
  if (!(err instanceof Error)) {
    return { name: 'Error', message: `Non-error value thrown: ${String(err)}`, stack: undefined, code: undefined, props: { thrown: safeValue(err) }, cause: undefined };
  }
  const ctorName = err.constructor?.name;
  const name = typeof err.name === 'string' && err.name !== 'Error' ? err.name : ctorName || 'Error';
  let cause: ErrorRecord['cause'];
  if ('cause' in err && err.cause !== undefined && depth < 8) {
    cause = err.cause instanceof Error ? errorToRecord(err.cause, depth + 1) : { value: safeValue(err.cause) };
  }
  return { name, message: err.message, stack: err.stack, code: safeValue((err as { code?: unknown }).code), props: safeProps(plainProps(err)), cause };
}

function safeValue(v: unknown): unknown {
  try {
    structuredClone(v);
    return v;
  } catch {
    return String(v);
  }
}

function safeProps(p: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (p === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) out[k] = safeValue(v);
  return out;
}

/** Revives an error from its record; built-in classes come back as themselves. */
export function recordToError(r: ErrorRecord): Error {
  const known = KNOWN.get(r.name);
  const Ctor = BUILTINS[r.name] ?? Error;
  const err = known !== undefined ? (Object.create(known.prototype) as Error) : new Ctor(r.message);
  if (known !== undefined) {
    Object.defineProperty(err, 'message', { value: r.message, configurable: true, writable: true, enumerable: false });
    Object.defineProperty(err, 'name', { value: r.name, configurable: true, writable: true, enumerable: false });
  } else if (Ctor === Error && r.name !== 'Error') Object.defineProperty(err, 'name', { value: r.name, configurable: true, writable: true, enumerable: false });
  if (r.stack !== undefined) Object.defineProperty(err, 'stack', { value: r.stack, configurable: true, writable: true, enumerable: false });
  if (r.code !== undefined) (err as { code?: unknown }).code = r.code;
  if (r.props !== undefined) Object.assign(err, r.props);
  if (r.cause !== undefined) {
    const cause = 'value' in r.cause && !('message' in r.cause) ? r.cause.value : recordToError(r.cause as ErrorRecord);
    Object.defineProperty(err, 'cause', { value: cause, configurable: true, writable: true, enumerable: false });
  }
  return err;
}
