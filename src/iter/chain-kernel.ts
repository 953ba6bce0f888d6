/**
 * The iterator layer's task module: what the workers run for parallel
 * iterators, sorting, matrix multiplication and scans. Loaded once per pool
 * with `pool.load(new URL('./chain-kernel.js', import.meta.url))`
 * (plumbing/bridge.ts); not part of the public API.
 */
import type { JobDesc } from './plumbing/plan.js';
import { runJob } from './plumbing/runner.js';

/**
 * Runs runner `r` of a chain job: claims leaves and runs the generated leaf
 * function on each (plumbing/runner.ts).
 * @param job the operation, shared by every runner
 * @param r this runner's index
 * @returns the runner's events (leaf values, errors, decisive hits), or undefined
 */
export function runChain(job: JobDesc, r: number): unknown[] | undefined | Promise<unknown[] | undefined> {
  return runJob(job, r);
}

export { radixPrep, radixHist, radixScatter, radixCopy } from './sort/radix.js';
export { mergeLeaf, mergePiece, mergeCopy } from './sort/merge.js';
export { sampleCount, sampleScatter, sampleBucket } from './sort/sample.js';
export { matmulBlock } from './matmul.js';
export { scanLeaf } from './scan.js';
