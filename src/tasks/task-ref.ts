/**
 * {@link TaskRef}: the future of a task-graph node, returned by every graph builder.
 */
import type { ResultLocation, TaskStatus } from './graph.js';
import { FULFILLED, REJECTED, STATUS, valueOf, whenSettled, type NodeRecord } from './node-record.js';

let recordOfRef: (ref: TaskRef<unknown>) => NodeRecord;

/**
 * A node's future: awaiting it gives the node's value (decoded on the main
 * thread at that moment if it was kept in the object store), and passing it
 * as an argument to another node makes that node depend on it. Awaiting a
 * node that failed throws its error. A ref is a thenable, not a Promise: a
 * failure nobody awaits is no unhandled rejection.
 *
 * The node's value is kept until the ref is released: `release()`, the
 * graph's `close()`, or the ref being garbage-collected (with no pending
 * dependant left), as Ray does with object refs.
 */
export class TaskRef<T> implements PromiseLike<T> {
  readonly #rec: NodeRecord;

  static {
    recordOfRef = (ref) => ref.#rec;
  }

  /** @internal created by {@link TaskGraph} only */
  constructor(rec: NodeRecord) {
    this.#rec = rec;
  }

  /** The node's id, unique in its graph. */
  get id(): number {
    return this.#rec.id;
  }

  /** The node's name (its `name` option, the export's name, or `task#id`). */
  get name(): string {
    return this.#rec.name;
  }

  /** `waiting` (for dependencies or a free place), `running`, `fulfilled` or `rejected` (cancelled nodes are rejected with `CancelledError`). */
  get status(): TaskStatus {
    return STATUS[this.#rec.state]!;
  }

  /** The error of a rejected node, else `undefined`. */
  get error(): unknown {
    return this.#rec.state === REJECTED ? this.#rec.error : undefined;
  }

  /** Where the node's value is (`store`: in the pool's shared object store, not yet decoded on the main thread). */
  get location(): ResultLocation {
    const r = this.#rec;
    if (r.state === REJECTED) return 'none';
    if (r.state !== FULFILLED) return 'pending';
    if (r.hasValue) return 'main';
    return r.stored !== undefined ? 'store' : 'released';
  }

  /** Resolves with the final status once the node has settled; never rejects and never decodes the value. */
  settled(): Promise<'fulfilled' | 'rejected'> {
    return new Promise((resolve) => whenSettled(this.#rec, () => resolve(this.#rec.state === FULFILLED ? 'fulfilled' : 'rejected')));
  }

  /** Waits for the node and gives its value (or throws its error). */
  then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    const r = this.#rec;
    r.promise ??= new Promise<unknown>((resolve, reject) =>
      whenSettled(r, () => {
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the task's own error, whatever it threw
        if (r.state !== FULFILLED) reject(r.error);
        else {
          try {
            resolve(valueOf(r));
          } catch (err) {
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a decode error, passed on as thrown
            reject(err);
          }
        }
      }),
    );
    return (r.promise as Promise<T>).then(onFulfilled, onRejected);
  }

  /**
   * Cancels the node: a waiting one fails at once with `CancelledError`; a
   * running one's task is cancelled (see the pool's cancellation). Every node
   * that depends on it fails with `CancelledError` too. No effect once settled.
   */
  cancel(reason?: unknown): void {
    this.#rec.graph.cancelNode(this.#rec, reason);
  }

  /**
   * Gives up the node's value: its store block is freed as soon as no
   * pending dependant needs it. Awaiting the ref afterwards throws
   * `ResultReleasedError` unless the value was already read, and the ref can
   * no longer be an argument.
   */
  release(): void {
    this.#rec.graph.releaseNode(this.#rec);
  }
}

/** The node behind `ref` (for the graph; refs keep it private). */
export function recordOf(ref: TaskRef<unknown>): NodeRecord {
  return recordOfRef(ref);
}
