/**
 * Entry point of every pool worker thread: installs the Node platform, builds the
 * runtime from `workerData` and runs the scheduling loop. The build bundles it, with
 * everything it imports, into `dist/core/worker-entry.cjs` (scripts/bundle-worker.mjs):
 * a CommonJS entry starts faster than an ES module one, so it has no top-level await.
 */
import { nodeWorkerPlatform } from '../platform/node-thread.js';
import { installedPlatform, setPlatform } from '../platform/platform.js';
import { setCurrentThreadId } from '../sync/thread-id.js';
import { JOIN_RUNTIME } from './join-runtime.js';
import type { WorkerInit } from './worker-init.js';
import { WorkerRuntime } from './worker-runtime.js';

async function main(): Promise<void> {
  // A module preloaded with --import (workers inherit execArgv) may have imported the
  // package already: keep its full platform, so that a task can still create a pool.
  if (installedPlatform() === undefined) setPlatform(nodeWorkerPlatform);
  const ctx = nodeWorkerPlatform.workerContext();
  if (ctx === undefined) throw new Error('tessera worker-entry must run in a worker thread');
  const init = ctx.workerData as WorkerInit;
  setCurrentThreadId(init.threadId);
  for (const { url, register } of init.preloads) {
    const mod = (await import(url)) as { register?: () => unknown };
    if (register && typeof mod.register === 'function') mod.register();
  }
  const runtime = new WorkerRuntime(init);
  (globalThis as Record<symbol, unknown>)[JOIN_RUNTIME] = runtime.join;
  await runtime.start(init.modules);
  nodeWorkerPlatform.exitThread();
}

// A failure while starting is an uncaught error of the thread: the pool sees it die.
main().catch((err: unknown) => {
  queueMicrotask(() => {
    throw err;
  });
});
