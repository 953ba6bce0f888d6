/**
 * Fork–join beyond core's `join`:
 *
 * - on the main thread, `pool.join(a, b)` and `pool.scope(body)` run jobs
 *   concurrently on the pool and wait for all of them (structured
 *   concurrency). The caller sees the error of the lowest job in spawn order
 *   that failed (the body's own error first), never whichever failed first in
 *   time: a failure of job i cancels jobs i+1, i+2, … (their `AbortSignal`
 *   fires; jobs spawned later start cancelled) while jobs before i run on,
 *   since one of them failing would take precedence — the same rule as a
 *   parallel iterator's leaves;
 * - inside a task, `scope(body)` spawns task-module calls that other workers
 *   may steal, built on core's `join` (core/join-runtime.ts): each spawned
 *   call becomes the stealable half of one join.
 */
import type { Pool } from '../core/pool.js';
import type { InlineTaskOptions } from '../core/pool-options.js';
import { join, type TaskCall } from '../core/join.js';
import { JOIN_RUNTIME } from '../core/join-runtime.js';
import type { TaskContext } from '../core/task-context.js';
import { checkFunction } from '../shared/check.js';
import { InvalidArgumentError, TesseraError } from '../shared/errors.js';

/**
 * Work for `pool.join` / `scope.spawn` on the main thread: a function of the
 * scope's `AbortSignal` (typically calling remote functions or `pool.run`),
 * or `call(remoteFn, ...args)` with a function from `pool.load()`.
 */
export type Job<T> = ((signal: AbortSignal) => T | PromiseLike<T>) | TaskCall<T | PromiseLike<T>>;

/** The handle `pool.scope(body)` gives its body. */
export interface Scope {
  /**
   * Starts `job` now; resolves to its result. The scope waits for it.
   * @throws TesseraError `ERR_SCOPE_CLOSED` once the scope has finished
   */
  spawn<T>(job: Job<T>): Promise<Awaited<T>>;
  /** `pool.run(fn, input, options)` cancelled with the scope. */
  run<I, R, C = undefined>(fn: (input: I, ctx: TaskContext<C>) => R, input?: I, options?: InlineTaskOptions<C>): Promise<Awaited<R>>;
  /**
   * Fires when the body or any job failed; for the body. A job should use the
   * signal it is given instead, which fires only when the body or an earlier
   * job failed (a job that stopped on this one could hide an error of its own
   * that ranks before the one that fired it).
   */
  readonly signal: AbortSignal;
}

function startJob<T>(job: Job<T>, signal: AbortSignal): Promise<T> {
  if (typeof job === 'function') return Promise.resolve().then(() => job(signal));
  if (typeof job !== 'object' || job === null || typeof job.fn !== 'function') {
    throw new InvalidArgumentError('job', job, 'a function of an AbortSignal or call(remoteFn, ...args)');
  }
  const fn = job.fn as ((...args: unknown[]) => T | PromiseLike<T>) & { with?: (o: { signal: AbortSignal }) => (...args: unknown[]) => PromiseLike<T> };
  if (typeof fn.with === 'function') return Promise.resolve(fn.with({ signal })(...job.args));
  return Promise.resolve().then(() => fn(...job.args));
}

/**
 * `pool.scope(body)`: runs `body` with a {@link Scope}; resolves to the
 * body's value once every spawned job has settled.
 */
export async function poolScope<R>(pool: Pool, body: (s: Scope) => R | PromiseLike<R>): Promise<Awaited<R>> {
  checkFunction('body', body);
  const anyFailure = new AbortController();
  const controllers: AbortController[] = [];
  const jobs: Promise<unknown>[] = [];
  const failures: { index: number; error: unknown }[] = [];
  // Jobs from `cancelledFrom` on are cancelled; it only decreases, so each controller is aborted at most once.
  let cancelledFrom = Infinity;
  let open = true;
  const fail = (index: number, error: unknown) => {
    failures.push({ index, error });
    if (!anyFailure.signal.aborted) anyFailure.abort(error);
    const end = Math.min(cancelledFrom, controllers.length);
    if (index + 1 >= cancelledFrom) return;
    cancelledFrom = index + 1;
    for (let j = cancelledFrom; j < end; j++) controllers[j]!.abort(error);
  };
  const s: Scope = {
    signal: anyFailure.signal,
    spawn<T>(job: Job<T>): Promise<Awaited<T>> {
      if (!open) throw new TesseraError('ERR_SCOPE_CLOSED', 'scope.spawn() was called after the scope finished');
      const index = jobs.length;
      const controller = new AbortController();
      controllers.push(controller);
      if (index >= cancelledFrom) controller.abort(anyFailure.signal.reason);
      const p = startJob(job, controller.signal) as Promise<Awaited<T>>;
      jobs.push(p.then(undefined, (e: unknown) => fail(index, e)));
      // The scope reports the failure; the caller need not handle this promise.
      p.catch(() => undefined);
      return p;
    },
    run(fn, input, options) {
      return s.spawn((signal) => pool.run(fn, input, { ...options, signal }));
    },
  };
  let value: Awaited<R> | undefined;
  try {
    value = await body(s);
  } catch (e) {
    // A body that rethrows a job's error (`await s.spawn(…)`, `Promise.all`) leaves the ranking to that job.
    if (!failures.some((f) => f.error === e)) fail(-1, e);
  }
  // Jobs may spawn more jobs while we wait.
  for (let seen = 0; seen < jobs.length; seen = jobs.length) await Promise.all(jobs.slice(seen));
  open = false;
  if (failures.length > 0) {
    failures.sort((x, y) => x.index - y.index);
    throw failures[0]!.error;
  }
  return value as Awaited<R>;
}

/**
 * `pool.join(a, b)`: runs both jobs concurrently; resolves to both results.
 * Rejects with `a`'s error if `a` failed, else `b`'s: a failure of `a`
 * cancels `b`; a failure of `b` lets `a` finish (its error would win).
 */
export async function poolJoin<A, B>(pool: Pool, a: Job<A>, b: Job<B>): Promise<[Awaited<A>, Awaited<B>]> {
  let pa: Promise<Awaited<A>> | undefined;
  let pb: Promise<Awaited<B>> | undefined;
  // The scope settles after both jobs and throws the right error; once it resolves both have succeeded.
  await poolScope(pool, (s) => {
    pa = s.spawn(a);
    pb = s.spawn(b);
  });
  return [await pa!, await pb!];
}

/** The handle `scope(body)` gives its body inside a task. */
export interface TaskScope<T> {
  /** Queues `c` (a call of a task-module export) to run once the body returns; returns its index in the results. */
  spawn(c: TaskCall<T>): number;
}

/**
 * Inside a task: runs the calls `body` spawns in parallel (other workers
 * steal them, as join halves) and returns their results in spawn order.
 * On the main thread the calls run here, in order. Meant for tens to
 * hundreds of calls (each is one nested join); for more, use a parallel
 * iterator.
 * @throws the error of the lowest failing call, after every call has finished
 * @example
 * export function render(tiles: number) {
 *   return scope((s) => { for (let t = 0; t < tiles; t++) s.spawn(call(renderTile, t)); });
 * }
 */
export function scope<T>(body: (s: TaskScope<T>) => void): T[] {
  checkFunction('body', body);
  const calls: TaskCall<T>[] = [];
  let open = true;
  body({
    spawn(c: TaskCall<T>): number {
      if (!open) throw new TesseraError('ERR_SCOPE_CLOSED', 'spawn() was called after the scope body returned');
      if (typeof c !== 'object' || c === null || typeof c.fn !== 'function') throw new InvalidArgumentError('call', c, 'call(fn, ...args) with fn exported by a task module');
      return calls.push(c) - 1;
    },
  });
  open = false;
  const out = new Array<T>(calls.length);
  const errors = new Map<number, unknown>();
  // Call i is the stealable half of a join whose other half runs calls i+1…; errors are kept as data so that
  // every call finishes and the lowest index wins.
  const runFrom = (i: number): void => {
    if (i >= calls.length) return;
    const c = calls[i]!;
    if (i === calls.length - 1) {
      try {
        out[i] = c.fn(...c.args);
      } catch (e) {
        errors.set(i, e);
      }
      return;
    }
    try {
      out[i] = join(() => runFrom(i + 1), c)[1];
    } catch (e) {
      errors.set(i, e);
    }
  };
  if ((globalThis as Record<symbol, unknown>)[JOIN_RUNTIME] === undefined) {
    // Not on a worker: run them here, in order.
    for (let i = 0; i < calls.length; i++) {
      try {
        out[i] = calls[i]!.fn(...calls[i]!.args);
      } catch (e) {
        errors.set(i, e);
      }
    }
  } else {
    runFrom(0);
  }
  if (errors.size > 0) throw errors.get(Math.min(...errors.keys()));
  return out;
}
