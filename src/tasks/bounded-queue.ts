/**
 * A bounded FIFO between two pipeline stages on the main thread. Producers
 * wait while it holds `capacity` items; consumers wait while it is empty.
 * An item offered while a consumer waits goes straight to it. After
 * `close()` consumers drain what is left and then get {@link END}; after
 * `abort(err)` every waiting and later operation fails with `err`.
 *
 * The `try…` forms complete without a promise when they can, which keeps a
 * busy pipeline off the microtask queue.
 */

/** Returned by `pull` once the queue is closed and drained. */
export const END: unique symbol = Symbol('tessera.queue.end');
/** Returned by `tryPull` when no item is ready yet. */
export const EMPTY: unique symbol = Symbol('tessera.queue.empty');

interface Pusher<T> {
  item: T;
  resolve: () => void;
  reject: (e: unknown) => void;
}

interface Puller<T> {
  resolve: (v: T | typeof END) => void;
  reject: (e: unknown) => void;
}

/** The bounded FIFO described at the top of this file. */
export class BoundedQueue<T> {
  readonly #items: (T | undefined)[] = [];
  #head = 0;
  readonly #pullers: Puller<T>[] = [];
  readonly #pushers: Pusher<T>[] = [];
  #closed = false;
  #error: { error: unknown } | undefined;

  /** @param capacity most items held (>= 1) */
  constructor(readonly capacity: number) {}

  /** Items held now. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  /** True once closed or aborted. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Adds `item` if there is room (or a consumer waiting); false when full. Throws after abort/close. */
  tryPush(item: T): boolean {
    if (this.#error !== undefined) throw this.#error.error;
    if (this.#closed) throw new Error('Tessera internal error: push on a closed queue');
    const p = this.#pullers.shift();
    if (p !== undefined) {
      p.resolve(item);
      return true;
    }
    if (this.size < this.capacity) {
      this.#items.push(item);
      return true;
    }
    return false;
  }

  /** Adds `item`, waiting while the queue is full. */
  push(item: T): Promise<void> | undefined {
    if (this.tryPush(item)) return undefined;
    return new Promise<void>((resolve, reject) => this.#pushers.push({ item, resolve, reject }));
  }

  /** Takes the oldest item, {@link END} when closed and drained, or {@link EMPTY}. Throws after abort. */
  tryPull(): T | typeof END | typeof EMPTY {
    if (this.#error !== undefined) throw this.#error.error;
    if (this.#head < this.#items.length) {
      const v = this.#items[this.#head] as T;
      this.#items[this.#head++] = undefined;
      if (this.#head === this.#items.length) {
        this.#items.length = 0;
        this.#head = 0;
      } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
        this.#items.splice(0, this.#head);
        this.#head = 0;
      }
      const w = this.#pushers.shift();
      if (w !== undefined) {
        this.#items.push(w.item);
        w.resolve();
      }
      return v;
    }
    return this.#closed ? END : EMPTY;
  }

  /** Takes the oldest item, waiting while the queue is empty; {@link END} once closed and drained. */
  pull(): Promise<T | typeof END> | T | typeof END {
    const v = this.tryPull();
    if (v !== EMPTY) return v;
    return new Promise<T | typeof END>((resolve, reject) => this.#pullers.push({ resolve, reject }));
  }

  /** No more items will be pushed: waiting consumers get {@link END} once the queue is drained. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.size === 0) for (const p of this.#pullers.splice(0)) p.resolve(END);
  }

  /** Fails every waiting and later operation with `error`, dropping the items held. */
  abort(error: unknown): void {
    if (this.#error !== undefined) return;
    this.#error = { error };
    this.#closed = true;
    this.#items.length = 0;
    this.#head = 0;
    for (const p of this.#pullers.splice(0)) p.reject(error);
    for (const p of this.#pushers.splice(0)) p.reject(error);
  }
}
