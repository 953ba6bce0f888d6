/**
 * A concurrency limiter for asynchronous work on the main thread (file and
 * network I/O, calls into the pool): at most `concurrency` jobs run at once,
 * the rest wait in FIFO order; queued jobs can be cancelled, and running ones
 * receive an `AbortSignal`. Optionally each job also holds a permit of a
 * shared {@link Semaphore}, so one limit spans the main thread and workers.
 */
import type { Semaphore, SemaphorePermit } from '../sync/semaphore.js';
import { checkFunction, checkInteger, checkNumber, checkOptions, checkSignal } from '../shared/check.js';
import { CancelledError, InvalidArgumentError, TimeoutError } from '../shared/errors.js';

/** Options of `new Limiter(options)`. */
export interface LimiterOptions {
  /** Most jobs running at once (`Infinity` with a `semaphore`: the semaphore alone limits). */
  concurrency: number;
  /**
   * A shared semaphore: each job also holds one of its permits while it runs
   * (acquired in FIFO order after the job's turn in this limiter), so workers
   * using the same semaphore count against the same limit.
   */
  semaphore?: Semaphore;
}

/** Options of one job. */
export interface LimitOptions {
  /** Cancels the job: a queued one leaves the queue, a running one sees its signal abort. */
  signal?: AbortSignal;
  /** Time limit in ms from submission; on expiry the job rejects with `TimeoutError` and its signal aborts. */
  timeoutMs?: number;
}

/** Counters of a {@link Limiter}. */
export interface LimiterStats {
  /** Jobs running now. */
  active: number;
  /** Jobs waiting for their turn. */
  queued: number;
  /** Jobs that fulfilled, rejected, or were cancelled / timed out. */
  fulfilled: number;
  rejected: number;
  cancelled: number;
}

interface Job {
  fn: (signal: AbortSignal) => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  controller: AbortController;
  /** Set once the job's promise settled (maybe before `fn` finished, when cancelled). */
  settled: boolean;
  started: boolean;
  cleanup: (() => void) | undefined;
}

/**
 * Runs async jobs with at most `concurrency` at once.
 *
 * A cancelled or timed-out job rejects at once (`CancelledError` /
 * `TimeoutError`); if it was running, its signal aborts and its place stays
 * taken until `fn` actually settles, so the limit always holds for the work
 * really in progress.
 *
 * @example
 * const limit = new Limiter({ concurrency: 8 });
 * const sizes = await limit.map(files, async (f, _i, signal) => (await readFile(f, { signal })).length);
 */
export class Limiter {
  readonly #concurrency: number;
  readonly #semaphore: Semaphore | undefined;
  readonly #queue: Job[] = [];
  #head = 0;
  /** Jobs in the queue that are not cancelled. */
  #waiting = 0;
  #active = 0;
  readonly #counts = { fulfilled: 0, rejected: 0, cancelled: 0 };
  #idle: (() => void)[] = [];
  #room: (() => void)[] = [];

  /**
   * @param options `{ concurrency, semaphore? }`, or the concurrency alone
   * @throws InvalidArgumentError for a bad option
   */
  constructor(options: LimiterOptions | number) {
    const o = typeof options === 'number' ? { concurrency: options } : checkOptions('options', options);
    this.#concurrency = o.concurrency === Infinity ? Infinity : checkInteger('concurrency', o.concurrency, 1);
    const sem = o.semaphore;
    if (sem !== undefined && typeof (sem as Semaphore).acquireAsync !== 'function') throw new InvalidArgumentError('semaphore', sem, 'a Semaphore');
    if (this.#concurrency === Infinity && sem === undefined) throw new InvalidArgumentError('concurrency', Infinity, 'a finite integer >= 1 when no semaphore is given');
    this.#semaphore = sem as Semaphore | undefined;
  }

  /** Jobs running now. */
  get active(): number {
    return this.#active;
  }

  /** Jobs waiting for their turn. */
  get queued(): number {
    return this.#waiting;
  }

  /** Counters. */
  stats(): LimiterStats {
    return { active: this.#active, queued: this.queued, ...this.#counts };
  }

  /**
   * Runs `fn(signal)` when a place is free.
   * @returns what `fn` returns (awaited)
   * @throws (rejects) `fn`'s error, `CancelledError` or `TimeoutError`
   */
  run<T>(fn: (signal: AbortSignal) => T | PromiseLike<T>, options?: LimitOptions): Promise<Awaited<T>> {
    checkFunction('fn', fn);
    const o = checkOptions('options', options);
    const signal = checkSignal('options.signal', o.signal);
    const timeoutMs = o.timeoutMs === undefined ? Infinity : checkNumber('options.timeoutMs', o.timeoutMs, 0, true);
    if (signal?.aborted) return Promise.reject(new CancelledError('The job was cancelled before it started', { cause: signal.reason }));
    return new Promise<Awaited<T>>((resolve, reject) => {
      const job: Job = { fn, resolve: resolve as (v: unknown) => void, reject, controller: new AbortController(), settled: false, started: false, cleanup: undefined };
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => this.#cancel(job, new CancelledError('The job was cancelled', { cause: signal!.reason }));
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs !== Infinity) timer = setTimeout(() => this.#cancel(job, new TimeoutError(`The job did not finish within ${timeoutMs} ms`, timeoutMs)), timeoutMs);
      job.cleanup = () => {
        signal?.removeEventListener('abort', onAbort);
        if (timer !== undefined) clearTimeout(timer);
      };
      this.#queue.push(job);
      this.#waiting++;
      this.#pump();
    });
  }

  /**
   * Runs `fn(item, index, signal)` over every item of `items` (an iterable or
   * async iterable, pulled only as places free up, so a huge or endless source
   * is never read ahead) and resolves with the results in input order. On the
   * first failure the other jobs are cancelled and the promise rejects with
   * that failure.
   */
  async map<T, R>(items: Iterable<T> | AsyncIterable<T>, fn: (item: T, index: number, signal: AbortSignal) => R | PromiseLike<R>, options?: { signal?: AbortSignal }): Promise<Awaited<R>[]> {
    checkFunction('fn', fn);
    const outer = checkSignal('options.signal', options?.signal);
    const stop = new AbortController();
    const onOuter = () => stop.abort(outer!.reason);
    outer?.addEventListener('abort', onOuter, { once: true });
    const results: Awaited<R>[] = [];
    const running = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    try {
      let index = 0;
      for await (const item of items as AsyncIterable<T>) {
        if (failure !== undefined || stop.signal.aborted) break;
        const i = index++;
        const p: Promise<void> = this.run((signal) => fn(item, i, signal), { signal: stop.signal }).then(
          (v) => {
            results[i] = v;
            running.delete(p);
          },
          (e) => {
            running.delete(p);
            if (failure === undefined) {
              failure = { error: e };
              stop.abort(e);
            }
          },
        );
        running.add(p);
        // Read ahead no further than one queued job per place.
        while (this.queued >= Math.min(this.#concurrency, 1024) && failure === undefined) await new Promise<void>((r) => this.#room.push(r));
      }
      await Promise.all(running);
    } finally {
      outer?.removeEventListener('abort', onOuter);
    }
    if (failure !== undefined) throw failure.error;
    if (outer?.aborted) throw new CancelledError('map was cancelled', { cause: outer.reason });
    return results;
  }

  /** Resolves when no job is running or queued. */
  async onIdle(): Promise<void> {
    while (this.#active > 0 || this.queued > 0) await new Promise<void>((r) => this.#idle.push(r));
  }

  /** Cancels every queued and running job with `CancelledError` (cause: `reason`). */
  cancelAll(reason?: unknown): void {
    const jobs = this.#queue.slice(this.#head);
    for (const job of jobs) this.#cancel(job, new CancelledError('The job was cancelled', { cause: reason }));
    for (const job of this.#running) this.#cancel(job, new CancelledError('The job was cancelled', { cause: reason }));
  }

  readonly #running = new Set<Job>();

  #cancel(job: Job, err: Error): void {
    if (job.settled) return;
    this.#settle(job, false, err);
    if (job.started) job.controller.abort(err);
    else {
      this.#waiting--; // it stays in the array, skipped when its turn comes
      this.#pump();
    }
  }

  #settle(job: Job, ok: boolean, v: unknown): void {
    if (job.settled) return;
    job.settled = true;
    job.cleanup?.();
    if (ok) {
      this.#counts.fulfilled++;
      job.resolve(v);
    } else {
      if (v instanceof CancelledError || v instanceof TimeoutError) this.#counts.cancelled++;
      else this.#counts.rejected++;
      job.reject(v);
    }
  }

  #pump(): void {
    while (this.#active < this.#concurrency && this.#head < this.#queue.length) {
      const job = this.#queue[this.#head]!;
      this.#queue[this.#head++] = undefined as unknown as Job;
      if (!job.settled) this.#start(job);
    }
    if (this.#head === this.#queue.length) {
      this.#queue.length = 0;
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#head);
      this.#head = 0;
    }
    if (this.#room.length > 0) {
      const rs = this.#room;
      this.#room = [];
      for (const r of rs) r();
    }
    if (this.#active === 0 && this.#waiting === 0 && this.#idle.length > 0) {
      const ws = this.#idle;
      this.#idle = [];
      for (const w of ws) w();
    }
  }

  #start(job: Job): void {
    job.started = true;
    this.#waiting--;
    this.#active++;
    this.#running.add(job);
    void this.#execute(job);
  }

  async #execute(job: Job): Promise<void> {
    let permit: SemaphorePermit | undefined;
    try {
      if (this.#semaphore !== undefined) permit = await this.#semaphore.acquireAsync(1, { signal: job.controller.signal });
      if (job.settled) return;
      const v = await job.fn(job.controller.signal);
      this.#settle(job, true, v);
    } catch (err) {
      this.#settle(job, false, err);
    } finally {
      permit?.release();
      this.#active--;
      this.#running.delete(job);
      this.#pump();
    }
  }
}
