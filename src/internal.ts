/**
 * Internal entry point for Tessera's own tests and sibling layers. Not part of
 * the public API: names here may change in any release.
 */
export { MpmcRing } from './memory/mpmc-ring.js';
export * as atomics from './memory/atomics.js';
// --- memory and sync internals (issue 3) ---
export * as memoryLayout from './memory/layout.js';
export { checkHandle } from './memory/handle.js';
export { allocateShared, viewShared, sharedFrom, elementKindOf, elementBytes, ELEMENT_KINDS } from './memory/shared-array.js';
export { ContentionStats, STATS_WORDS } from './sync/contention-stats.js';
export { DeadlockWaitScope, KIND_MUTEX, KIND_RWLOCK, MODE_SHARED, MODE_EXCLUSIVE } from './sync/deadlock-detector.js';
export { blockUntil, waitUntilAsync, deadlineAfter, remainingUntil, now, checkTimeout, checkWaitOptions } from './sync/wait-word.js';
export type { WaitPacer, WaitOutcome } from './sync/wait-word.js';
