/**
 * A minimal typed event emitter (no `node:events`, so it runs in browsers
 * too). Listeners run synchronously in registration order; a listener that
 * throws does not stop the others (the error is reported with
 * `reportError` where available, else rethrown asynchronously).
 */

/** Removes the listener it was returned for. */
export type Unsubscribe = () => void;

/** Emits the events of map `E` (event name → payload type). */
export class Emitter<E extends { [K in keyof E]: unknown }> {
  readonly #listeners = new Map<keyof E, Set<(payload: never) => void>>();

  /**
   * Calls `listener` with every `event` from now on.
   * @returns a function that removes the listener
   */
  on<K extends keyof E>(event: K, listener: (payload: E[K]) => void): Unsubscribe {
    let set = this.#listeners.get(event);
    if (set === undefined) this.#listeners.set(event, (set = new Set()));
    const fn = listener as (payload: never) => void;
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  }

  /** True when `event` has at least one listener (lets callers skip building payloads). */
  has(event: keyof E): boolean {
    return (this.#listeners.get(event)?.size ?? 0) > 0;
  }

  /** Calls the listeners of `event` with `payload`. */
  emit<K extends keyof E>(event: K, payload: E[K]): void {
    const set = this.#listeners.get(event);
    if (set === undefined || set.size === 0) return;
    for (const fn of [...set]) {
      try {
        (fn as (p: E[K]) => void)(payload);
      } catch (err) {
        const report = (globalThis as { reportError?: (e: unknown) => void }).reportError;
        if (typeof report === 'function') report(err);
        else
          setTimeout(() => {
            throw err;
          }, 0);
      }
    }
  }
}
