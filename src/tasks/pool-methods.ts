/**
 * `pool.actor(…)` and `pool.graph(…)`: the tasks layer's methods on `Pool`,
 * added to `Pool.prototype` by module augmentation when the package entry
 * imports this module. They are thin forwards to {@link actor} and
 * `new TaskGraph(pool, options)`, which can be used directly as well.
 */
import { Pool } from '../core/pool.js';
import { actor, type ActorArgs, type ActorInstance, type ActorRef } from './actor.js';
import { TaskGraph, type TaskGraphOptions } from './graph.js';

declare module '../core/pool.js' {
  interface Pool {
    /**
     * Creates an actor: a stateful instance of export `exportName` (a class or
     * a factory) of task module `url`, living in one worker (round robin).
     * See `spawnActor` for supervision, snapshots and placement options.
     * @example const counter = await pool.actor<typeof import('./counter.js'), 'Counter'>(url, 'Counter', 0);
     */
    actor<M = Record<string, unknown>, K extends keyof M & string = keyof M & string>(url: URL | string, exportName: K, ...args: ActorArgs<M[K]>): Promise<ActorRef<ActorInstance<M[K]>>>;
    /** Creates a task graph on this pool: `new TaskGraph(pool, options)`. */
    graph(options?: TaskGraphOptions): TaskGraph;
  }
}

Object.defineProperty(Pool.prototype, 'actor', {
  configurable: true,
  writable: true,
  value: function actorMethod(this: Pool, url: URL | string, exportName: string, ...args: unknown[]) {
    return actor(this, url, exportName, ...(args as never[]));
  },
});

Object.defineProperty(Pool.prototype, 'graph', {
  configurable: true,
  writable: true,
  value: function graphMethod(this: Pool, options?: TaskGraphOptions) {
    return new TaskGraph(this, options);
  },
});
