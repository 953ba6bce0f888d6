/**
 * Tessera's public API. Everything a user may import is re-exported here by
 * name; anything not listed is internal and may change without notice.
 */

// --- shared (errors and checks) ---
export { TesseraError, InvalidArgumentError, TimeoutError, CancelledError } from './shared/errors.js';
export type { TesseraErrorOptions } from './shared/errors.js';

// --- core (pool, issue 2) ---

// --- memory and sync (issue 3) ---
