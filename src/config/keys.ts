/**
 * Every key of `tessera.toml`: its section, type, range, default and meaning. This table
 * is the single source of truth: the zod schema (`schema.ts`), the environment variable
 * names (`TESSERA_<SECTION>_<KEY>`), the defaults and `tessera config check` are all
 * derived from it.
 */

/** The sections of `tessera.toml`. */
export const CONFIG_SECTIONS = ['pool', 'par', 'trace', 'cluster', 'dashboard'] as const;

/** A section name. */
export type ConfigSection = (typeof CONFIG_SECTIONS)[number];

/** A leaf value of the configuration. */
export type ConfigValue = number | string | boolean;

/** The type of a key. */
export type ConfigKind = 'int' | 'number' | 'boolean' | 'string' | 'enum';

/** One key of the configuration. */
export interface ConfigKey {
  /** Dotted key path, e.g. `pool.threads` or `pool.idle.spin_micros`. */
  readonly path: string;
  readonly kind: ConfigKind;
  /** Default value; `undefined` when unset means "decided at run time" (see {@link ConfigKey.defaultText}). */
  readonly default: ConfigValue | undefined;
  /** How the default reads in `tessera config check` when it is computed at run time. */
  readonly defaultText?: string;
  /** Smallest allowed number (int, number). */
  readonly min?: number;
  /** Largest allowed number (int, number). */
  readonly max?: number;
  /** Whether `inf` (TOML) / `inf` or `infinity` (environment) is allowed (int, number). */
  readonly infinity?: boolean;
  /** Allowed values (enum). */
  readonly values?: readonly string[];
  /** A regular expression a string must match, and how to describe it. */
  readonly pattern?: { readonly regex: RegExp; readonly text: string };
  /** What the key does. */
  readonly doc: string;
}

const loopbackText = 'the dashboard binds to this address; keep 127.0.0.1 unless you mean to expose it';

/** All keys, by section, in documentation order. */
export const CONFIG_KEYS: readonly ConfigKey[] = Object.freeze([
  // [pool] — options of the worker pool (README "Options")
  { path: 'pool.threads', kind: 'int', default: undefined, defaultText: 'all cores: os.availableParallelism()', min: 1, max: 1024, doc: 'worker threads' },
  { path: 'pool.name', kind: 'string', default: 'tessera', doc: 'thread name prefix (name#index)' },
  { path: 'pool.idle_timeout_ms', kind: 'number', default: Infinity, min: 1, infinity: true, doc: 'a worker idle this long exits; restarted on demand' },
  { path: 'pool.max_queue', kind: 'int', default: Infinity, min: 0, infinity: true, doc: 'most tasks waiting for a worker' },
  { path: 'pool.queue_full', kind: 'enum', default: 'reject', values: ['reject', 'wait'], doc: 'what happens beyond max_queue' },
  { path: 'pool.timeout_ms', kind: 'number', default: Infinity, min: 0, infinity: true, doc: 'default per-task time limit' },
  { path: 'pool.cancel_grace_ms', kind: 'number', default: 1000, min: 0, doc: 'a cancelled task still running after this is terminated with its worker' },
  { path: 'pool.retries', kind: 'int', default: 0, min: 0, max: 100, doc: 'retries of a task whose worker crashed' },
  { path: 'pool.slots', kind: 'int', default: 4096, min: 1, max: 262144, doc: 'shared task slots' },
  { path: 'pool.max_heap_bytes', kind: 'int', default: 1073741824, min: 65536, max: 4294967296, doc: 'largest size of the shared heap for large payloads' },
  { path: 'pool.idle.spin_micros', kind: 'number', default: 50, min: 0, doc: 'an idle worker spins this long…' },
  { path: 'pool.idle.yield_micros', kind: 'number', default: 0, min: 0, doc: '…then waits in short timed waits this long (0: off), then parks' },
  { path: 'pool.idle.max_spinners', kind: 'int', default: undefined, defaultText: 'cores − 2', min: 0, max: 1024, doc: 'most workers spinning at once' },
  // [par] — parallel loops
  { path: 'par.schedule', kind: 'enum', default: 'auto', values: ['auto', 'static', 'dynamic', 'guided', 'adaptive'], doc: 'split of parallel loops; auto = each consumer\'s own default (adaptive for iterators, each workload\'s for workloads); workloads run guided and adaptive as dynamic' },
  { path: 'par.min_chunk', kind: 'int', default: 1, min: 1, doc: 'smallest piece of a split loop, in items' },
  { path: 'par.max_chunk', kind: 'int', default: Infinity, min: 1, infinity: true, doc: 'largest piece of a split loop, in items (>= min_chunk)' },
  // [trace]
  { path: 'trace.enabled', kind: 'boolean', default: false, doc: 'record per-worker events (task start/end, steals, sleeps, lock waits)' },
  { path: 'trace.output', kind: 'string', default: 'tessera-trace.json', doc: 'file the trace is written to (Chrome trace JSON, opens in Perfetto)' },
  { path: 'trace.events_per_worker', kind: 'int', default: 65536, min: 1024, max: 16777216, doc: 'size of each worker\'s event ring' },
  // [cluster]
  { path: 'cluster.server', kind: 'string', default: '', defaultText: 'none: this machine only', pattern: { regex: /^$|^(nats|tls|ws|wss):\/\/\S+$/, text: 'a NATS URL such as "nats://127.0.0.1:4222"' }, doc: 'NATS server to join; empty = local pool only' },
  { path: 'cluster.name', kind: 'string', default: '', defaultText: 'the host name', doc: 'this node\'s name in the cluster' },
  { path: 'cluster.token', kind: 'string', default: '', doc: 'authentication token' },
  { path: 'cluster.user', kind: 'string', default: '', doc: 'user name (with password)' },
  { path: 'cluster.password', kind: 'string', default: '', doc: 'password (with user)' },
  { path: 'cluster.nkey_seed_file', kind: 'string', default: '', doc: 'file holding an nkey seed' },
  { path: 'cluster.tls', kind: 'boolean', default: false, doc: 'require TLS' },
  { path: 'cluster.allow_inline', kind: 'boolean', default: false, doc: 'accept inline functions from the network (off: only installed task modules run)' },
  { path: 'cluster.heartbeat_ms', kind: 'int', default: 5000, min: 100, max: 600000, doc: 'membership heartbeat period' },
  // [dashboard]
  { path: 'dashboard.enabled', kind: 'boolean', default: false, doc: 'serve the dashboard while a command runs' },
  { path: 'dashboard.host', kind: 'string', default: '127.0.0.1', pattern: { regex: /^\S+$/, text: 'a host name or IP address' }, doc: loopbackText },
  { path: 'dashboard.port', kind: 'int', default: 7070, min: 0, max: 65535, doc: 'TCP port (0 = any free port)' },
  { path: 'dashboard.open', kind: 'boolean', default: false, doc: 'open the dashboard in a browser' },
] satisfies ConfigKey[]);

/** The key with dotted path `path`, or `undefined`. */
export function configKey(path: string): ConfigKey | undefined {
  return CONFIG_KEYS.find((k) => k.path === path);
}

/** The environment variable that overrides `key`: `TESSERA_` + the path in upper snake case. */
export function envName(key: ConfigKey | string): string {
  const path = typeof key === 'string' ? key : key.path;
  return `TESSERA_${path.replace(/\./g, '_').toUpperCase()}`;
}

/** The expected form of a key's value, for error messages: "an integer in [1, 1024]". */
export function expectedText(key: ConfigKey): string {
  const inf = key.infinity === true ? ' or inf' : '';
  const range = (): string => {
    if (key.min !== undefined && key.max !== undefined) return ` in [${key.min}, ${key.max}]`;
    if (key.min !== undefined) return ` >= ${key.min}`;
    if (key.max !== undefined) return ` <= ${key.max}`;
    return '';
  };
  switch (key.kind) {
    case 'int':
      return `an integer${range()}${inf}`;
    case 'number':
      return `a number${range()}${inf}`;
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${key.values!.map((v) => `"${v}"`).join(', ')}`;
    case 'string':
      return key.pattern?.text ?? 'a string';
  }
}
