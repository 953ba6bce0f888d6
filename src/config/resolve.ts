/**
 * Merging configuration layers: defaults < file < environment < flags, with the source of
 * every effective value, and the typed result.
 */
import { ConfigError, type ConfigIssue } from './errors.js';
import { CONFIG_KEYS, type ConfigValue } from './keys.js';
import { setPath, type ConfigLayer } from './layer.js';
import { validateLayer } from './schema.js';

/**
 * A value of `[par] schedule`: a scheduling policy of parallel loops, or `auto` for each
 * consumer's own default (iterators: `adaptive`; workloads: their own, and they run
 * `guided` and `adaptive` as `dynamic`).
 */
export type ParSchedule = 'auto' | 'static' | 'dynamic' | 'guided' | 'adaptive';

/** The effective configuration (TOML key names). Keys without a default are absent until set. */
export interface TesseraConfig {
  pool: {
    threads?: number;
    name: string;
    idle_timeout_ms: number;
    max_queue: number;
    queue_full: 'reject' | 'wait';
    timeout_ms: number;
    cancel_grace_ms: number;
    retries: number;
    slots: number;
    max_heap_bytes: number;
    idle: { spin_micros: number; yield_micros: number; max_spinners?: number };
  };
  par: { schedule: ParSchedule; min_chunk: number; max_chunk: number };
  trace: { enabled: boolean; output: string; events_per_worker: number };
  cluster: {
    server: string;
    name: string;
    token: string;
    user: string;
    password: string;
    nkey_seed_file: string;
    tls: boolean;
    allow_inline: boolean;
    heartbeat_ms: number;
  };
  dashboard: { enabled: boolean; host: string; port: number; open: boolean };
}

/** Values to set over the file and the environment, as a partial tree of the configuration: `{ par: { schedule: 'guided' } }`. */
export type ConfigOverrides = {
  [S in keyof TesseraConfig]?: PartialTree<TesseraConfig[S]>;
};

type PartialTree<T> = { [K in keyof T]?: T[K] extends object ? PartialTree<T[K]> : T[K] };

/** One effective value and where it came from. */
export interface ConfigEntry {
  /** Dotted key path. */
  readonly path: string;
  /** The value, or `undefined` for a key left to its run-time default. */
  readonly value: ConfigValue | undefined;
  /** `default`, a file path, `env TESSERA_…` or a flag. */
  readonly source: string;
}

/** The result of {@link resolveConfig}. */
export interface ResolvedConfig {
  /** The effective configuration. */
  readonly config: TesseraConfig;
  /** Every key in table order, with its value and source. */
  readonly entries: readonly ConfigEntry[];
}

function flatten(values: unknown, prefix: string, out: Map<string, unknown>): void {
  if (values === null || typeof values !== 'object') return;
  for (const [k, v] of Object.entries(values as Record<string, unknown>)) {
    const path = prefix === '' ? k : `${prefix}.${k}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v, path, out);
    else out.set(path, v);
  }
}

/**
 * Validates every layer, then merges them over the defaults, later layers winning
 * (pass them in precedence order: file, environment, flags).
 * @param layers the layers, lowest precedence first
 * @param issues issues found while building the layers (e.g. unknown variables)
 * @throws ConfigError listing every rejected value of every layer
 */
export function resolveConfig(layers: readonly ConfigLayer[], issues: readonly ConfigIssue[] = []): ResolvedConfig {
  const all: ConfigIssue[] = [...issues];
  const current = new Map<string, { value: ConfigValue | undefined; source: string }>();
  for (const key of CONFIG_KEYS) current.set(key.path, { value: key.default, source: 'default' });
  for (const layer of layers) {
    const found = validateLayer(layer.values, layer.source);
    all.push(...found);
    if (found.length > 0) continue;
    const flat = new Map<string, unknown>();
    flatten(layer.values, '', flat);
    for (const [path, value] of flat) current.set(path, { value: value as ConfigValue, source: layer.source });
  }
  const minChunk = current.get('par.min_chunk')!;
  const maxChunk = current.get('par.max_chunk')!;
  if (typeof minChunk.value === 'number' && typeof maxChunk.value === 'number' && maxChunk.value < minChunk.value) {
    all.push({ path: 'par.max_chunk', message: `expected an integer >= par.min_chunk (${minChunk.value}), got \`${maxChunk.value}\` (number)`, source: maxChunk.source });
  }
  const user = current.get('cluster.user')!;
  const password = current.get('cluster.password')!;
  if ((user.value === '') !== (password.value === '')) {
    const set = user.value === '' ? password : user;
    all.push({ path: user.value === '' ? 'cluster.user' : 'cluster.password', message: 'expected cluster.user and cluster.password to be set together', source: set.source });
  }
  if (all.length > 0) throw new ConfigError(all);
  const config: Record<string, unknown> = {};
  const entries: ConfigEntry[] = [];
  for (const key of CONFIG_KEYS) {
    const { value, source } = current.get(key.path)!;
    entries.push({ path: key.path, value, source });
    if (value !== undefined) setPath(config, key.path, value);
  }
  // Tables whose keys all lack defaults still exist.
  for (const key of CONFIG_KEYS) {
    const parts = key.path.split('.');
    let node = config;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
  }
  return { config: config as unknown as TesseraConfig, entries };
}
