/**
 * What the pool does when worker threads die while starting (before they reach
 * their scheduling loop): a bad `execArgv`, a preload or task module that throws
 * on import, a resource limit too small to boot. Restarting at once would spin
 * forever and leave every task pending; instead restarts back off, and after
 * `limit` consecutive failures the queued tasks are rejected with a
 * {@link WorkerStartError} carrying the thread's own error. New work tries again
 * (one start each time), so a transient cause heals itself.
 */
import { WorkerStartError } from './errors.js';

export class StartupGuard {
  private failures = 0;

  /** @param limit consecutive start-up failures before queued tasks are rejected */
  constructor(private readonly limit: number) {}

  /** A worker reached its loop: starting works, forget earlier failures. */
  started(): void {
    this.failures = 0;
  }

  /**
   * Worker `index` died while starting. Returns how long to wait before the next
   * start (5 ms doubling, at most 1 s) and, once failures reach the limit, the error
   * to reject the queued tasks with (then no restart: the next task starts a thread).
   */
  failed(index: number, exitCode: number, cause: Error | undefined): { delayMs: number; error: WorkerStartError | undefined } {
    this.failures++;
    const delayMs = Math.min(1000, 5 * 2 ** Math.min(this.failures - 1, 8));
    const error = this.failures >= this.limit ? new WorkerStartError(index, exitCode, this.failures, cause === undefined ? undefined : { cause }) : undefined;
    return { delayMs, error };
  }
}
