/**
 * Internal entry point for Tessera's own tests and sibling layers. Not part of
 * the public API: names here may change in any release.
 */
export { MpmcRing } from './memory/mpmc-ring.js';
export * as atomics from './memory/atomics.js';
