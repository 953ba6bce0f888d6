/**
 * Full garbage collections between benchmark runs, outside every timed section. A run
 * allocates up to hundreds of MB (sort: a 160 MB array per run, and as much again in the
 * ranks' private buffers) that V8 otherwise frees when it chooses — often in the middle of
 * the next run, on one of its two cores (measured: the 2-thread sort 1.31 s in one full
 * table, 1.44 s in the next). Collecting after each run makes every variant start from
 * the same state, as benchmark harnesses such as mitata do.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Pool } from 'tessera';

/** Collects garbage on the main thread and on every worker of `pools`. */
export type GarbageCollector = (pools: Iterable<Pool>) => Promise<void>;

/**
 * Turns on V8's `gc()` for this process (call it before creating pools: workers get it
 * when they start) and returns the collector, or `undefined` if V8 refuses.
 */
export function garbageCollector(): GarbageCollector | undefined {
  let gc: unknown;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc');
  } catch {
    return undefined;
  }
  if (typeof gc !== 'function') return undefined;
  const collectHere = gc as () => void;
  return async (pools) => {
    const onWorkers: Promise<unknown>[] = [];
    for (const pool of pools) {
      for (let worker = 0; worker < pool.threads; worker++) {
        onWorkers.push(pool.run(() => (globalThis as { gc?: () => void }).gc?.(), undefined, { worker }));
      }
    }
    await Promise.all(onWorkers);
    collectHere();
  };
}
