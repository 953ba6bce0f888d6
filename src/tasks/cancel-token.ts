/**
 * A one-shot cancellation token that the pool accepts as a task's `signal`.
 *
 * Creating an `AbortController` and registering the pool's listener on its
 * `EventTarget` costs several microseconds per task in Node, as much as the
 * task's dispatch itself; a graph creates one per node. The pool reads only
 * `aborted` and `reason` and calls `addEventListener('abort', fn, { once })`
 * / `removeEventListener('abort', fn)` (core/pool.ts, `submit` and
 * `settle`), so this class implements exactly that subset with one listener
 * slot. It is internal to the tasks layer; see the README for the core
 * change that would make it unnecessary.
 */
export class CancelToken {
  aborted = false;
  reason: unknown = undefined;
  #listener: (() => void) | undefined;

  addEventListener(_type: 'abort', listener: () => void): void {
    this.#listener = listener;
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    if (this.#listener === listener) this.#listener = undefined;
  }

  /** Cancels once; calls the listener (the pool's) if one is registered. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const l = this.#listener;
    this.#listener = undefined;
    l?.();
  }

  /** This token as the `AbortSignal` type the pool's options declare. */
  get signal(): AbortSignal {
    return this as unknown as AbortSignal;
  }
}
