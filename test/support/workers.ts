/**
 * Test support: run fixture workers from test/fixtures/sync/ and steer them
 * through a shared Int32Array of flags.
 */
import { Worker } from 'node:worker_threads';

/** URL of a worker fixture (compiled tests live in build/test/<area>/). */
export function fixture(name: string): URL {
  return new URL(`../../../test/fixtures/sync/${name}`, import.meta.url);
}

/** A running fixture worker: its result promise and the worker itself. */
export interface Running<R> {
  worker: Worker;
  /** Resolves with the worker's result message once it has exited with code 0. */
  done: Promise<R>;
}

/** Starts `script` with `data` as workerData. */
export function start<R = unknown>(script: string, data: Record<string, unknown>): Running<R> {
  const worker = new Worker(fixture(script), { workerData: data });
  const done = new Promise<R>((resolve, reject) => {
    let result: R | undefined;
    worker.on('message', (m: R) => {
      result = m;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code === 0) resolve(result as R);
      else reject(new Error(`worker ${script} exited with code ${code}`));
    });
  });
  return { worker, done };
}

/** Runs one worker per entry of `datas` and resolves with their results in order. */
export function runAll<R = unknown>(script: string, datas: Array<Record<string, unknown>>): Promise<R[]> {
  return Promise.all(datas.map((d) => start<R>(script, d).done));
}

/** A shared array of steering flags. */
export function flags(n = 16): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * 4));
}

/** Sets flag `i` to `v` and wakes its waiters. */
export function signal(f: Int32Array, i: number, v = 1): void {
  Atomics.store(f, i, v);
  Atomics.notify(f, i);
}

/** Polls (without blocking the event loop) until `pred()` holds; fails after `timeoutMs`. */
export async function until(pred: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
