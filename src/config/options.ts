/**
 * What a configuration sets on a pool: the options of `new Pool()` from `[pool]` and the
 * pool's default iterator options (`pool.configureIter`) from `[par]`. Plain mappings, so
 * they stay free of the pool itself (config/ imports only shared/).
 */
import type { ParSchedule, TesseraConfig } from './resolve.js';

/** The options of `new Pool()` (names as in the pool's README) that the `[pool]` section sets. */
export interface PoolOptionsFromConfig {
  threads?: number;
  name: string;
  idleTimeoutMs: number;
  maxQueue: number;
  queueFull: 'reject' | 'wait';
  timeoutMs: number;
  cancelGraceMs: number;
  retries: number;
  slots: number;
  maxHeapBytes: number;
  idle: { spinMicros: number; yieldMicros: number; maxSpinners?: number };
}

/** Maps `[pool]` to pool options (`threads` and `idle.max_spinners` only when set). */
export function poolOptionsFromConfig(config: TesseraConfig): PoolOptionsFromConfig {
  const p = config.pool;
  const idle: PoolOptionsFromConfig['idle'] = { spinMicros: p.idle.spin_micros, yieldMicros: p.idle.yield_micros };
  if (p.idle.max_spinners !== undefined) idle.maxSpinners = p.idle.max_spinners;
  const out: PoolOptionsFromConfig = {
    name: p.name,
    idleTimeoutMs: p.idle_timeout_ms,
    maxQueue: p.max_queue,
    queueFull: p.queue_full,
    timeoutMs: p.timeout_ms,
    cancelGraceMs: p.cancel_grace_ms,
    retries: p.retries,
    slots: p.slots,
    maxHeapBytes: p.max_heap_bytes,
    idle,
  };
  if (p.threads !== undefined) out.threads = p.threads;
  return out;
}

/** The iterator defaults (`pool.configureIter` options) that the `[par]` section sets. */
export interface IterOptionsFromConfig {
  /** Absent when `par.schedule` is `auto` (the iterators' own default, `adaptive`, stays). */
  schedule?: Exclude<ParSchedule, 'auto'>;
  minChunk: number;
  maxChunk: number;
}

/**
 * Maps `[par]` to iterator options: `schedule` (unless `auto`), `min_chunk` → `minChunk`,
 * `max_chunk` → `maxChunk`.
 * @example pool.configureIter(iterOptionsFromConfig(config)); // what createPool does
 */
export function iterOptionsFromConfig(config: TesseraConfig): IterOptionsFromConfig {
  const { schedule, min_chunk: minChunk, max_chunk: maxChunk } = config.par;
  return schedule === 'auto' ? { minChunk, maxChunk } : { schedule, minChunk, maxChunk };
}
