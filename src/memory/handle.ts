/**
 * Handles: the plain, structured-cloneable description of a shared object
 * (its `SharedArrayBuffer`s, offsets and options, tagged with a `kind`) that
 * travels to another thread with `postMessage` and is turned back into a live
 * object there by the class's static `fromHandle`.
 */
import { InvalidArgumentError } from '../shared/errors.js';
import { isSharedArrayBuffer } from './layout.js';

/** What every handle has: a `kind` tag naming the class that can rebuild it. */
export interface SharedHandle {
  /** Class tag, e.g. `"tessera.Mutex"`. */
  readonly kind: string;
}

/**
 * Checks that `value` is a handle of `kind` whose `bufferField` holds a
 * `SharedArrayBuffer`, and returns it typed.
 *
 * @throws {InvalidArgumentError} naming the field when it is not.
 */
export function checkHandle<H extends SharedHandle>(value: unknown, kind: string, bufferField = 'buffer'): H {
  if (typeof value !== 'object' || value === null || (value as SharedHandle).kind !== kind) {
    throw new InvalidArgumentError('handle', value, `a handle of kind "${kind}"`);
  }
  const buffer = (value as Record<string, unknown>)[bufferField];
  if (!isSharedArrayBuffer(buffer)) {
    throw new InvalidArgumentError(`handle.${bufferField}`, buffer, 'a SharedArrayBuffer');
  }
  return value as H;
}
