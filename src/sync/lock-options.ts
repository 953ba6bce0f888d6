/**
 * Options and handle fields shared by the locks (Mutex, RwLock): a name for
 * errors and reports, contention statistics, and the deadlock detector.
 */
import { checkOptions } from '../shared/check.js';
import { InvalidArgumentError } from '../shared/errors.js';
import { ContentionStats } from './contention-stats.js';
import { DeadlockDetector } from './deadlock-detector.js';
import type { DeadlockDetectorHandle } from './deadlock-detector.js';

/** Options every lock accepts. */
export interface LockOptions {
  /** Name used in error messages, statistics and deadlock reports. @default the class name */
  name?: string;
  /** Record contention statistics (see `stats()`). @default false */
  stats?: boolean;
  /** Debug mode: record a wait-for graph here and throw `DeadlockError` on a cycle. @default none */
  detector?: DeadlockDetector;
}

/** Handle fields every lock handle carries. */
export interface LockHandleFields {
  readonly buffer: SharedArrayBuffer;
  readonly name: string;
  readonly stats: boolean;
  readonly detector?: DeadlockDetectorHandle;
  /** The lock's slot in the detector (-1 without one). */
  readonly lockSlot: number;
}

/** The diagnostics of one lock view: its name, optional stats and detector. */
export interface LockDiagnostics {
  name: string;
  stats: ContentionStats | undefined;
  detector: DeadlockDetector | undefined;
  lockSlot: number;
}

/** Checks lock options; registers the lock with the detector when there is one. */
export function lockDiagnostics(options: unknown, defaultName: string, kind: number, words: Int32Array, statsBase: number): LockDiagnostics {
  const o = checkOptions('options', options);
  const name = o.name === undefined ? defaultName : o.name;
  if (typeof name !== 'string') throw new InvalidArgumentError('options.name', name, 'a string');
  if (o.stats !== undefined && typeof o.stats !== 'boolean') throw new InvalidArgumentError('options.stats', o.stats, 'a boolean');
  if (o.detector !== undefined && !(o.detector instanceof DeadlockDetector)) throw new InvalidArgumentError('options.detector', o.detector, 'a DeadlockDetector');
  const detector = o.detector;
  return {
    name,
    stats: o.stats === true ? new ContentionStats(words, statsBase) : undefined,
    detector,
    lockSlot: detector === undefined ? -1 : detector.registerLock(kind, name),
  };
}

/** Rebuilds the diagnostics from handle fields. */
export function diagnosticsFromHandle(h: LockHandleFields, words: Int32Array, statsBase: number): LockDiagnostics {
  return {
    name: typeof h.name === 'string' ? h.name : '',
    stats: h.stats === true ? new ContentionStats(words, statsBase) : undefined,
    detector: h.detector === undefined ? undefined : DeadlockDetector.fromHandle(h.detector),
    lockSlot: typeof h.lockSlot === 'number' ? h.lockSlot : -1,
  };
}

/** The handle fields of a lock's diagnostics. */
export function diagnosticsHandle(d: LockDiagnostics, buffer: SharedArrayBuffer): LockHandleFields {
  const fields: LockHandleFields = { buffer, name: d.name, stats: d.stats !== undefined, lockSlot: d.lockSlot };
  return d.detector === undefined ? fields : { ...fields, detector: d.detector.handle };
}
