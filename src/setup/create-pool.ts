/**
 * Builds a pool from a configuration: `[pool]` becomes the pool's options and `[par]` its
 * default iterator options. Portable (no `node:*`); pair it with `loadConfig` to read
 * `tessera.toml` and the environment. The `tessera` CLI builds its pools here too.
 */
import { iterOptionsFromConfig, poolOptionsFromConfig } from '../config/options.js';
import type { ResolvedConfig, TesseraConfig } from '../config/resolve.js';
import { Pool } from '../core/pool.js';
import type { PoolOptions } from '../core/pool-options.js';
import type { Schedule } from '../iter/options.js';
import { checkOptions } from '../shared/check.js';
import { InvalidArgumentError } from '../shared/errors.js';
import '../iter/install.js';

// Every iterator policy can be named in `[par] schedule` (a policy added to iter/ without a
// config value fails to compile here).
type Unconfigurable = Exclude<Schedule, NonNullable<ReturnType<typeof iterOptionsFromConfig>['schedule']>>;
const _everyPolicyConfigurable: [Unconfigurable] extends [never] ? true : never = true;

/**
 * A new pool set up by a configuration.
 *
 * - `[pool]` gives the pool's options (`threads` unset: all cores);
 * - `[par]` gives its iterator defaults, as `pool.configureIter` would: `schedule` unless
 *   `auto` (then iterators keep `adaptive`), `min_chunk` → `minChunk`, `max_chunk` →
 *   `maxChunk`; per-iterator and per-call options still override them.
 *
 * @param config the result of `loadConfig()` / `resolveConfig()`, or its `config`
 * @param options pool options that win over `[pool]` (e.g. `resourceLimits`, or `threads`
 *   for one pool per thread count); `idle` is merged field by field
 * @returns the pool (close it with `close()` / `terminate()` or `await using`)
 * @throws InvalidArgumentError when `config` is not a configuration, or for a bad option
 * @example
 * const pool = createPool(await loadConfig());          // tessera.toml + TESSERA_* variables
 * pool.iterDefaults();                                  // { schedule: 'guided', minChunk: 64, maxChunk: Infinity }
 */
export function createPool(config: TesseraConfig | ResolvedConfig, options?: PoolOptions): Pool {
  const c = configOf(config);
  const given = checkOptions('options', options) as PoolOptions;
  const fromConfig = poolOptionsFromConfig(c);
  // A malformed `idle` is passed through as it is, for the pool to reject by name.
  const idle = given.idle !== null && typeof given.idle === 'object' ? { ...fromConfig.idle, ...given.idle } : (given.idle ?? fromConfig.idle);
  const pool = new Pool({ ...fromConfig, ...given, idle });
  try {
    pool.configureIter(iterOptionsFromConfig(c));
  } catch (e) {
    void pool.terminate();
    throw e;
  }
  return pool;
}

function configOf(value: unknown): TesseraConfig {
  const isTables = (v: unknown): v is TesseraConfig => typeof v === 'object' && v !== null && typeof (v as TesseraConfig).pool === 'object' && typeof (v as TesseraConfig).par === 'object';
  if (isTables(value)) return value;
  const inner = typeof value === 'object' && value !== null ? (value as { config?: unknown }).config : undefined;
  if (isTables(inner)) return inner;
  throw new InvalidArgumentError('config', value, 'a configuration: the result of loadConfig() or its `config`');
}
