/**
 * Options of parallel iterators: the scheduling policy and the chunk-size
 * bounds, selectable per call, per iterator (`it.with(options)`), per pool
 * (`pool.configureIter(options)`) or left at their defaults.
 */
import type { Pool } from '../core/pool.js';
import { checkInteger, checkOneOf, checkOptions, checkSignal } from '../shared/check.js';
import { InvalidArgumentError } from '../shared/errors.js';
import { SCHEDULES } from './plumbing/plan.js';

/**
 * How leaves are spread over the workers (never where leaves begin and end,
 * so every policy gives the same result):
 * `static` contiguous blocks; `dynamic` one leaf at a time from a shared
 * counter; `guided` shrinking batches; `adaptive` blocks split on steal
 * (Rayon-like, the default).
 */
export type Schedule = (typeof SCHEDULES)[number];

/** Options that shape how an operation runs. */
export interface IterOptions {
  /** The scheduling policy. @default "adaptive" */
  schedule?: Schedule;
  /**
   * Fewest items per leaf (the unit of work, and of the fixed reduction
   * tree). Leaves hold `clamp(ceil(n / 1024), minChunk, maxChunk)` items.
   * @default 1
   */
  minChunk?: number;
  /** Most items per leaf. @default Infinity */
  maxChunk?: number;
}

/** Options of one consumer call: {@link IterOptions} plus cancellation. */
export interface CallOptions extends IterOptions {
  /** Cancels the operation: runners stop between leaves and the promise rejects with `CancelledError`. */
  signal?: AbortSignal;
}

/** Options of an adapter or consumer that takes a function. */
export interface KernelOptions<C> {
  /** The value passed to the function as its `context` argument (functions cannot capture variables). */
  context?: C;
}

/** Options after merging, with defaults filled in. */
export interface ResolvedIterOptions {
  schedule: Schedule;
  minChunk: number;
  maxChunk: number;
  signal: AbortSignal | undefined;
}

const DEFAULTS: ResolvedIterOptions = { schedule: 'adaptive', minChunk: 1, maxChunk: Infinity, signal: undefined };
const KNOWN = new Set(['schedule', 'minChunk', 'maxChunk', 'signal', 'context']);

const poolDefaults = new WeakMap<Pool, IterOptions>();

/**
 * Checks iterator options.
 * @throws InvalidArgumentError naming the bad field.
 */
export function checkIterOptions(field: string, options: unknown): CallOptions {
  const o = checkOptions(field, options);
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw new InvalidArgumentError(`${field}.${key}`, o[key], 'one of schedule, minChunk, maxChunk, signal, context');
  }
  const out: CallOptions = {};
  if (o.schedule !== undefined) out.schedule = checkOneOf(`${field}.schedule`, o.schedule, SCHEDULES);
  if (o.minChunk !== undefined) out.minChunk = checkInteger(`${field}.minChunk`, o.minChunk, 1);
  if (o.maxChunk !== undefined) {
    if (o.maxChunk !== Infinity) out.maxChunk = checkInteger(`${field}.maxChunk`, o.maxChunk, 1);
    else out.maxChunk = Infinity;
  }
  if (out.minChunk !== undefined && out.maxChunk !== undefined && out.minChunk > out.maxChunk) {
    throw new InvalidArgumentError(`${field}.maxChunk`, out.maxChunk, `at least minChunk (${out.minChunk})`);
  }
  const signal = checkSignal(`${field}.signal`, o.signal);
  if (signal !== undefined) out.signal = signal;
  return out;
}

/** Sets the pool-wide defaults (see `pool.configureIter`). */
export function setPoolIterDefaults(pool: Pool, options: IterOptions): void {
  const o = checkIterOptions('options', options);
  if (o.signal !== undefined) throw new InvalidArgumentError('options.signal', o.signal, 'no signal (pass signals per call)');
  poolDefaults.set(pool, { ...poolDefaults.get(pool), ...o });
}

/** The pool-wide defaults in force. */
export function poolIterDefaults(pool: Pool): Required<IterOptions> {
  const { schedule, minChunk, maxChunk } = { ...DEFAULTS, ...poolDefaults.get(pool) };
  return { schedule, minChunk, maxChunk };
}

/** Merges call > iterator > pool > defaults. */
export function resolveIterOptions(pool: Pool, iterOptions: IterOptions, call: CallOptions | undefined): ResolvedIterOptions {
  const c = call === undefined ? {} : checkIterOptions('options', call);
  const r = { ...DEFAULTS, ...poolDefaults.get(pool), ...iterOptions, ...c };
  if (r.minChunk > r.maxChunk) throw new InvalidArgumentError('maxChunk', r.maxChunk, `at least minChunk (${r.minChunk})`);
  return r;
}
