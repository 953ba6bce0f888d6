/**
 * The parts of the Node.js platform that every thread uses, and the platform a
 * pool worker's bundled runtime installs (core/worker-entry.ts). That one leaves
 * out what only the main thread does (starting workers, reading the core count,
 * finding module hooks), so that a worker does not load `node:module`, `node:os`,
 * `node:path` and `node:url` on its way to its first task (~0.4 ms of its start).
 * A module that imports the package installs the full {@link nodePlatform}: a task
 * module after the worker started, or a module preloaded with `--import` before it
 * (then the worker keeps that one), so a pool created inside a worker still works.
 */
import { isMainThread, parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { TesseraError } from '../shared/errors.js';
import { nodeSerializer } from './node-serializer.js';
import type { Platform, PlatformPort } from './platform.js';

/** What every thread needs from the platform. */
export const nodeThreadParts = {
  receiveSync(port: PlatformPort) {
    return receiveMessageOnPort(port as unknown as MessagePort);
  },
  serializer: nodeSerializer,
  workerContext() {
    if (isMainThread || parentPort === null) return undefined;
    return { workerData: workerData as unknown, parentPort: parentPort as unknown as PlatformPort };
  },
  now() {
    // process.hrtime, not performance.now(): the same ~40 ns a call, but the global
    // `performance` is created on first use, ~0.5 ms of a worker's start-up.
    const [s, ns] = process.hrtime();
    return s * 1e3 + ns / 1e6;
  },
  exitThread: () => process.exit(0),
} satisfies Partial<Platform>;

function mainThreadOnly(what: string): never {
  throw new TesseraError('ERR_PROTOCOL', `Tessera internal error: ${what} is not available to a pool worker's runtime (import the package to create pools in a worker)`);
}

/** The platform of a pool worker's bundled runtime. */
export const nodeWorkerPlatform: Platform = {
  ...nodeThreadParts,
  availableParallelism: () => mainThreadOnly('availableParallelism'),
  createWorker: () => mainThreadOnly('createWorker'),
  workerPreloads: () => mainThreadOnly('workerPreloads'),
};
