/**
 * Fork–join for task-module code running on the pool.
 */
import { InvalidArgumentError } from '../shared/errors.js';
import { JOIN_RUNTIME, type JoinRuntime, type TaskCall } from './join-runtime.js';

export type { TaskCall };

/**
 * Describes a call of `fn` with `args` that any worker can run: `fn` must be
 * an export of a task module loaded with `pool.load()`.
 * @example join(call(fib, n - 1), call(fib, n - 2))
 */
export function call<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): TaskCall<R> {
  if (typeof fn !== 'function') throw new InvalidArgumentError('fn', fn, 'a function exported by a task module');
  return { fn, args };
}

/**
 * Runs `a` and `b` potentially in parallel and returns both results, as
 * Rayon's `join`. Call it inside a task running on the pool: `b` is offered
 * to other workers (it must be a {@link call} of a task-module export, with
 * arguments that can be serialized); `a` runs here at once. If no other
 * worker takes `b`, it runs here after `a`; if one does, this worker runs
 * other work until `b` is done, so recursive divide-and-conquer balances
 * itself. Both halves must be synchronous.
 *
 * Outside a worker (on the main thread) both halves run here, in order.
 * @throws the error of `a` if it throws (after `b` has finished), else the error of `b`.
 * @example
 * export function fib(n: number): number {
 *   if (n < 20) return fibSeq(n);
 *   const [x, y] = join(call(fib, n - 1), call(fib, n - 2));
 *   return x + y;
 * }
 */
export function join<A, B>(a: (() => A) | TaskCall<A>, b: TaskCall<B>): [A, B] {
  if (typeof a !== 'function' && (typeof a !== 'object' || a === null || typeof a.fn !== 'function')) {
    throw new InvalidArgumentError('a', a, 'a function or call(fn, ...args)');
  }
  if (typeof b !== 'object' || b === null || typeof b.fn !== 'function') {
    throw new InvalidArgumentError('b', b, 'call(fn, ...args) with fn exported by a task module');
  }
  const rt = (globalThis as Record<symbol, JoinRuntime | undefined>)[JOIN_RUNTIME];
  if (rt === undefined) {
    const ra = typeof a === 'function' ? a() : a.fn(...a.args);
    return [ra, b.fn(...b.args)];
  }
  return rt.join(a, b);
}

