/**
 * Recovery of a crashed worker's region (see core/README.md, "Crashes"): the task that
 * died owned the join halves in the worker's deque and join slots, so they are cancelled;
 * halves that thieves are running are waited for before a new thread takes the region.
 */
import { cas, load } from '../memory/atomics.js';
import type { Deque } from './deque.js';
import { EMPTY } from './deque.js';
import { S_STATE, ST_CANCELLED, ST_QUEUED, ST_RUNNING } from './layout.js';
import type { SlotTable } from './slot-table.js';

/** What recovering a region needs from the pool. */
export interface RegionRecoveryHost {
  /** True once the pool is terminated: stop. */
  stopped(): boolean;
  /** True while tasks are outstanding (the retry timer then keeps the process alive). */
  busy(): boolean;
  /** Starts the new thread (called once the region is safe to reuse). */
  restart(): void;
}

/**
 * Empties `deque` (its refs point at join halves of the dead task), cancels every
 * queued join slot in [`first`, `first + count`), then calls `host.restart()` as soon
 * as none of those slots is still running on a thief (polling every 5 ms).
 */
export function recoverRegion(deque: Deque, slots: SlotTable, first: number, count: number, host: RegionRecoveryHost): void {
  for (let ref = deque.steal(); ref !== EMPTY; ref = deque.steal()) void ref;
  const word = (s: number) => slots.word(s, S_STATE);
  for (let s = first; s < first + count; s++) {
    const v = load(slots.i32, word(s));
    if ((v & 15) === ST_QUEUED) cas(slots.i32, word(s), v, (v & ~15) | ST_CANCELLED);
  }
  const running = () => {
    for (let s = first; s < first + count; s++) if (slots.state(s) === ST_RUNNING) return true;
    return false;
  };
  const attempt = () => {
    if (host.stopped()) return;
    if (running()) {
      const timer = setTimeout(attempt, 5);
      if (!host.busy()) timer.unref?.();
      return;
    }
    host.restart();
  };
  attempt();
}
