/**
 * Inline functions: a function's source text travels to the workers, is
 * compiled there once per worker and cached by callable id. Such a function
 * cannot capture variables; one that uses a free variable fails with a
 * {@link FreeVariableError} naming it.
 */
import { InvalidArgumentError } from '../shared/errors.js';
import { FreeVariableError } from './errors.js';

/** Returns the source of `fn` in a form that compiles as an expression. */
export function functionSource(fn: (...args: any[]) => unknown): string {
  const src = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(src)) {
    throw new InvalidArgumentError('fn', fn, 'a function written in JavaScript (native and bound functions cannot travel to workers)');
  }
  if (/^class[\s{]/.test(src)) throw new InvalidArgumentError('fn', fn, 'a function, not a class');
  // Method shorthand `name(a) { … }` / `async name(a) { … }` is not an expression on its own.
  const isExpression = /^(async\s+)?(function\b|\(|[A-Za-z_$][\w$]*\s*=>)/.test(src) || /^async\s*\(/.test(src) || /^async\s+[A-Za-z_$][\w$]*\s*=>/.test(src);
  if (isExpression) return src;
  const m = /^(async\s+)?(\*\s*)?(?=[A-Za-z_$][\w$]*\s*\()/.exec(src);
  if (m !== null) return `${m[1] ?? ''}function ${m[2] ?? ''}${src.slice(m[0].length)}`;
  throw new InvalidArgumentError('fn', fn, 'an arrow function, function expression or method');
}

/** Compiles a function source in the current (worker) realm. */
export function compileInline(source: string): (...args: any[]) => unknown {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const fn = new Function(`"use strict";\nreturn (${source});`)() as unknown;
  if (typeof fn !== 'function') throw new TypeError('Inline function source did not evaluate to a function');
  return fn as (...args: any[]) => unknown;
}

/**
 * Turns a ReferenceError raised by an inline function for a missing variable
 * into a {@link FreeVariableError}; returns other errors unchanged.
 */
export function explainInlineError(err: unknown): unknown {
  if (err instanceof ReferenceError) {
    const m = /^([A-Za-z_$][\w$]*) is not defined$/.exec(err.message);
    if (m !== null) return new FreeVariableError(m[1]!, { cause: err });
  }
  return err;
}
