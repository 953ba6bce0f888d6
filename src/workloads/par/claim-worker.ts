/**
 * Worker side of {@link runClaimed} (`units.ts`): a task claims work units one at a time
 * from a shared counter until none are left.
 */
import { progressReporter } from './progress-worker.js';

/**
 * Claims units from `counter[0]` (shared by all tasks of the loop, starting at 0) and runs
 * `body` on each, until the counter passes `units`; reports the units done so far as this
 * task's progress (throttled). Call from inside a task.
 * @returns the number of units this task ran
 */
export function claimUnits(counter: Int32Array, units: number, body: (unit: number) => void): number {
  const report = progressReporter(units);
  let done = 0;
  for (;;) {
    const u = Atomics.add(counter, 0, 1);
    if (u >= units) return done;
    body(u);
    report(++done);
  }
}
