/**
 * A task graph's node as the graph tracks it (internal to tasks/): its arguments and
 * dependencies, its state, and where its value is. Refs ({@link TaskRef}) point here;
 * nothing here points back to a ref, so refs can be garbage-collected.
 */
import type { TaskOptions } from '../core/pool-options.js';
import type { CancelToken } from './cancel-token.js';
import { ResultReleasedError } from './errors.js';
import type { TaskGraph, NodeOptions, TaskStatus } from './graph.js';
import type { StoredMarker } from './object-store.js';

export const WAITING = 0;
export const RUNNING = 1;
export const FULFILLED = 2;
export const REJECTED = 3;
export const STATUS: TaskStatus[] = ['waiting', 'running', 'fulfilled', 'rejected'];

/** Runs a node's work with its resolved arguments. */
export type Runner = (args: unknown[], options: TaskOptions) => Promise<unknown>;

/** A node as the graph tracks it. Refs point here; nothing here points back to a ref (so refs can be collected). */
export class NodeRecord {
  /** Arguments; where `argDeps[i]` is set, argument i is that node's value. */
  argDeps: (NodeRecord | undefined)[] | undefined = undefined;
  /** Distinct dependencies not yet read by this node (each holds one `users` count for it). */
  deps: NodeRecord[] = EMPTY as NodeRecord[];
  /** Dependencies not finished yet. */
  waitingOn = 0;
  dependants: NodeRecord[] = EMPTY as NodeRecord[];
  state = WAITING;
  /** The value on the main thread, when `hasValue`. */
  value: unknown = undefined;
  hasValue = false;
  /** The store block holding the value, when kept in the store. */
  stored: StoredMarker | undefined = undefined;
  error: unknown = undefined;
  /** For a failure: the node that failed first and its error (propagated as `cause`). */
  root: { name: string; error: unknown } | undefined = undefined;
  /** Pending dependants that will read this node's result. */
  users = 0;
  released = false;
  /** Cancels the node's running task. */
  controller: CancelToken | undefined = undefined;
  onSignal: (() => void) | undefined = undefined;
  waiters: (() => void)[] | undefined = undefined;
  promise: Promise<unknown> | undefined = undefined;
  #name: string | undefined;

  /**
   * @param host a task-module node (its arguments may be store markers), else arguments are decoded on the main thread
   * @param run runs the node's work
   * @param setup for task-module nodes: the same call carrying the setup a worker may still lack (see graph-host.ts)
   * @param label the export's or function's name, for the default name
   */
  constructor(
    readonly id: number,
    readonly graph: TaskGraph,
    readonly host: boolean,
    public run: Runner | undefined,
    public setup: Runner | undefined,
    public args: unknown[],
    readonly options: NodeOptions,
    private readonly label: string | undefined,
  ) {}

  /** The `name` option, else `label#id` (built on first use: most nodes never need it). */
  get name(): string {
    return (this.#name ??= this.options.name ?? `${this.label ?? 'task'}#${this.id}`);
  }
}

/** Shared empty list for nodes without arguments, dependencies or dependants (never mutated). */
export const EMPTY: unknown[] = [];

/** Calls `fn` once `r` has settled (now, if it has). */
export function whenSettled(r: NodeRecord, fn: () => void): void {
  if (r.state >= FULFILLED) fn();
  else (r.waiters ??= []).push(fn);
}

/** The node's value, decoded from the object store on first use. @throws ResultReleasedError once released */
export function valueOf(r: NodeRecord): unknown {
  if (r.hasValue) return r.value;
  if (r.stored === undefined) throw new ResultReleasedError(r.name);
  r.value = r.graph.store.read(r.stored);
  r.hasValue = true;
  return r.value;
}
