/**
 * The sleep/wake protocol (see core/README.md, "Sleeping and waking").
 *
 * A worker that finds no work spins for a while (at most `maxSpinners`
 * workers at once), then "yields" with short timed waits, then parks on the
 * jobs-event word. Submitters wake a parked worker only when one is asleep, so
 * a busy pool pays one load per submission.
 *
 * No lost wake-up: the sleeper reads the event counter E, announces itself
 * (SLEEPERS += 1), re-checks every queue, and only then waits while the
 * counter still equals E. A submitter publishes its work, then reads
 * SLEEPERS; if it is non-zero it bumps the counter and notifies. With
 * sequentially consistent atomics either the submitter sees the sleeper's
 * announcement (and its bump makes the wait return) or the sleeper's re-check
 * sees the work.
 */
import { add, load, notify } from '../memory/atomics.js';
import { H_JOBS_EVENT, H_SLEEPERS, H_SPINNERS } from './layout.js';

/** How idle workers wait for work. */
export interface IdleStrategy {
  /**
   * Microseconds a worker busy-polls the queues before yielding. Spinning
   * gives sub-microsecond pickup but burns a core.
   * @default 50
   */
  spinMicros?: number;
  /**
   * Microseconds of short timed waits (each ~50 µs) after spinning (or, for a
   * worker not allowed to spin, at once) and before parking indefinitely.
   * Off by default: a short timed `Atomics.wait` wakes slower on a notify than
   * an indefinite one (~16 µs vs ~4 µs median measured here), and a parked
   * worker costs nothing.
   * @default 0
   */
  yieldMicros?: number;
  /**
   * Most workers spinning at once. The default leaves a core for the main
   * thread and one for a worker that is running: on 2 cores nobody spins.
   * Measured there (one task at a time, 20k calls, loaded machine): no
   * spinner p50/p99 11/30–64 µs, one spinner 10/125 µs (the spinner competes
   * with the main thread for the cores); throughput of tiny tasks is the same
   * or better without. @default max(0, cores - 2)
   */
  maxSpinners?: number;
}

/** An {@link IdleStrategy} with every field filled in. */
export type ResolvedIdleStrategy = Required<IdleStrategy>;

/**
 * Makes up to `n` idle workers take the work just published (call after publishing it):
 * spinning workers count first, and only the rest are woken from their park, if any is
 * parked. A spinner counted here has not yet left its spin, so it will still look at
 * the queues (in its spin, its yield phase or its pre-park re-check) and see the work:
 * skipping the notify loses no wake-up, and a busy spinner spares the parked workers a
 * futile wake-up that would only compete for cores.
 */
export function wakeWorkers(ctl: Int32Array, n: number): void {
  if (load(ctl, H_SLEEPERS) > 0) {
    const parked = n - load(ctl, H_SPINNERS);
    if (parked <= 0) return;
    add(ctl, H_JOBS_EVENT, 1);
    notify(ctl, H_JOBS_EVENT, parked);
  }
}

/** Wakes every worker, parked or not (shutdown, control messages). */
export function wakeAllWorkers(ctl: Int32Array): void {
  add(ctl, H_JOBS_EVENT, 1);
  notify(ctl, H_JOBS_EVENT, Infinity);
}
