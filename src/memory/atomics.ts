/**
 * The one Atomics shim. Every shared-memory access in `memory/`, `sync/` and
 * `core/` goes through these functions, so that tests can observe or perturb
 * the order of operations (see {@link setAtomicsHook}) and so that a model
 * checker or a tracing build can be swapped in at one place.
 *
 * All operations are sequentially consistent (JavaScript Atomics have no
 * weaker orderings), which the protocols in `core/README.md` and
 * `memory/README.md` rely on.
 */

/** An integer typed array that Atomics accepts for wait/notify. */
export type WaitArray = Int32Array;

/** Called before each hooked atomic operation; used by interleaving tests. */
export type AtomicsHook = (op: string, index: number) => void;

let hook: AtomicsHook | undefined;

/**
 * Installs (or with `undefined`, removes) a hook called before every
 * read-modify-write and wait in this thread. Testing aid only: the hook runs in
 * the calling thread and must not itself use these functions.
 */
export function setAtomicsHook(h: AtomicsHook | undefined): void {
  hook = h;
}

export function load(a: Int32Array, i: number): number {
  return Atomics.load(a, i);
}

export function store(a: Int32Array, i: number, v: number): number {
  return Atomics.store(a, i, v);
}

export function add(a: Int32Array, i: number, v: number): number {
  if (hook !== undefined) hook('add', i);
  return Atomics.add(a, i, v);
}

export function sub(a: Int32Array, i: number, v: number): number {
  if (hook !== undefined) hook('sub', i);
  return Atomics.sub(a, i, v);
}

export function or(a: Int32Array, i: number, v: number): number {
  if (hook !== undefined) hook('or', i);
  return Atomics.or(a, i, v);
}

export function exchange(a: Int32Array, i: number, v: number): number {
  if (hook !== undefined) hook('exchange', i);
  return Atomics.exchange(a, i, v);
}

/** Compare-and-swap; returns the value found (success when it equals `expected`). */
export function cas(a: Int32Array, i: number, expected: number, replacement: number): number {
  if (hook !== undefined) hook('cas', i);
  return Atomics.compareExchange(a, i, expected, replacement);
}

/**
 * Blocks the calling thread while `a[i] === expected`, at most `timeoutMs`.
 * Must not be called on a thread that may not block (a browser main thread);
 * the main thread uses {@link waitAsync}.
 */
export function wait(a: Int32Array, i: number, expected: number, timeoutMs = Infinity): 'ok' | 'not-equal' | 'timed-out' {
  if (hook !== undefined) hook('wait', i);
  return Atomics.wait(a, i, expected, timeoutMs);
}

/** Non-blocking wait: resolves when notified, on timeout, or at once if `a[i] !== expected`. */
export function waitAsync(a: Int32Array, i: number, expected: number, timeoutMs = Infinity): Promise<'ok' | 'not-equal' | 'timed-out'> {
  if (hook !== undefined) hook('waitAsync', i);
  const r = Atomics.waitAsync(a, i, expected, timeoutMs);
  return r.async ? r.value : Promise.resolve(r.value);
}

/** Wakes up to `count` threads waiting on `a[i]`; returns how many were woken. */
export function notify(a: Int32Array, i: number, count = Infinity): number {
  return Atomics.notify(a, i, count);
}

/**
 * Busy-wait hint for spin loops. JavaScript has no pause instruction; a short
 * arithmetic loop keeps the spinning thread off the shared cache lines.
 */
export function spinHint(iterations: number): number {
  let x = 0;
  for (let k = 0; k < iterations; k++) x = (x + k) | 0;
  return x;
}
