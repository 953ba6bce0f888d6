/**
 * Worker-side progress reporting for the parallel workloads' task modules.
 */
import { currentTask } from 'tessera';

/** Fewest milliseconds between two reports of one task. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * A throttled reporter for the running task: call it with the units done so far; it
 * forwards to `currentTask().progress(done, total)` at most every
 * {@link PROGRESS_INTERVAL_MS} ms. It never reports on its own the end of the task (each
 * report is a message to the main thread, too costly for short tasks): the main side
 * counts a finished task as complete. Call from inside a task.
 * @param total units the task will do
 */
export function progressReporter(total: number): (done: number) => void {
  const task = currentTask();
  let next = performance.now() + PROGRESS_INTERVAL_MS;
  return (done: number) => {
    const now = performance.now();
    if (now >= next) {
      next = now + PROGRESS_INTERVAL_MS;
      task.progress(done, total);
    }
  };
}
