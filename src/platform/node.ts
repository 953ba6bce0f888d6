/**
 * The Node.js implementation of the {@link Platform} interface: the parts every
 * thread uses ({@link nodeThreadParts}) and the main thread's (starting workers,
 * the core count, the module hooks workers must install).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { nodeThreadParts } from './node-thread.js';
import type { Platform } from './platform.js';

let preloads: { url: string; register: boolean }[] | undefined;

/**
 * Worker threads do not inherit the module hooks that `tsx` (or `node --import
 * tsx`) installs in the main thread, so when the process runs under tsx each
 * worker registers tsx's ESM hooks itself, resolved from the working directory
 * first and from Tessera's own location second.
 */
function detectPreloads(): { url: string; register: boolean }[] {
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (!args.some((a) => /(^|[\\/@])tsx([\\/]|$)/.test(a) || a === 'tsx')) return [];
  try {
    // The ESM build of tsx's API (the "import" condition), as seen from Tessera's location.
    return [{ url: import.meta.resolve('tsx/esm/api'), register: true }];
  } catch {
    // not resolvable from here: try the program's working directory
  }
  try {
    const cjs = createRequire(join(process.cwd(), 'noop.js')).resolve('tsx/esm/api');
    return [{ url: pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href, register: true }];
  } catch {
    // tsx is not installed where we can see it
  }
  return [];
}

/**
 * The Node options a worker inherits: the process's `execArgv` without those that
 * describe the main program's own entry (`--eval`/`-e`, `--print`/`-p` with their
 * code, `--input-type`, `--check`, `--interactive`, `--test*`, `--watch*`). Node applies
 * `execArgv` to a worker's file entry too, and rejects `--input-type` there, so a pool
 * created from `node --input-type=module -e "…"` would otherwise never start a worker.
 */
export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print' || a === '--input-type') {
      i++; // the option's value
      continue;
    }
    if (/^(--eval|--print|--input-type)=/.test(a) || a === '-c' || a === '--check' || a === '-i' || a === '--interactive') continue;
    if (/^--(test|watch)([-=]|$)/.test(a)) continue;
    out.push(a);
  }
  return out;
}

/** `undefined` (inherit, Node's default) unless the filter removed something. */
let execArgv: string[] | undefined | null = null;

/** The Node.js platform. */
export const nodePlatform: Platform = {
  ...nodeThreadParts,
  availableParallelism,
  createWorker(url, options) {
    if (execArgv === null) {
      const filtered = workerExecArgv();
      execArgv = filtered.length === process.execArgv.length ? undefined : filtered;
    }
    return new Worker(url, {
      name: options.name,
      execArgv,
      workerData: options.workerData,
      transferList: options.transferList as never,
      resourceLimits: options.resourceLimits,
    });
  },
  workerPreloads() {
    preloads ??= detectPreloads();
    return preloads;
  },
};
