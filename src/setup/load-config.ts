/**
 * Loads a program's configuration from where Node keeps it: `tessera.toml` (named by
 * `file`, by `$TESSERA_CONFIG`, or found in the working directory), the `TESSERA_*`
 * environment variables, and the caller's overrides, in that order of precedence
 * (defaults < file < environment < overrides). This is the Node-only half of config/
 * (which never touches the file system or `process`); the `tessera` CLI loads through it.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../config/errors.js';
import type { ConfigLayer, ConfigOverrides, ResolvedConfig } from '../config/index.js';
import { checkOptions, checkString } from '../shared/check.js';
import { InvalidArgumentError } from '../shared/errors.js';

/** Options of {@link loadConfig}; every field is optional. */
export interface LoadConfigOptions {
  /**
   * The configuration file: a path (the file must exist), or `false` to read none.
   * @default `$TESSERA_CONFIG` of `env` when set, else `tessera.toml` in `cwd` when there is one
   */
  file?: string | false;
  /** The variables whose `TESSERA_*` entries override the file. `{}` ignores the environment. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Values that win over the file and the environment: a partial tree such as
   * `{ par: { schedule: 'guided' } }` (its source in messages is `overrides`), or layers
   * in increasing precedence, each naming its source:
   * `[{ source: '--threads', values: { pool: { threads: 4 } } }]`.
   */
  overrides?: ConfigOverrides | readonly ConfigLayer[];
  /** Directory against which `file` and the default `tessera.toml` are resolved. @default process.cwd() */
  cwd?: string;
}

/** The result of {@link loadConfig}: the effective configuration, every value's source, and the file read. */
export interface LoadedConfig extends ResolvedConfig {
  /** The file that was read, as given or found (`tessera.toml`), or `undefined` when none was. */
  readonly file: string | undefined;
}

const KNOWN = ['file', 'env', 'overrides', 'cwd'];

/**
 * Reads and merges the configuration.
 * @param options where to read from; see {@link LoadConfigOptions}
 * @returns the validated configuration with the source of every value
 * @throws InvalidArgumentError for a bad option (before anything is read)
 * @throws ConfigError (rejects) listing every rejected value of every source, a TOML syntax
 *   error with its line, or a named file that is missing or unreadable
 * @example
 * const loaded = await loadConfig();                                   // ./tessera.toml + TESSERA_*
 * const strict = await loadConfig({ file: 'ci.toml', env: {}, overrides: { pool: { threads: 2 } } });
 */
export async function loadConfig(options?: LoadConfigOptions): Promise<LoadedConfig> {
  const o = checkLoadOptions(options);
  // The TOML parser and the schema library load here, on first use, not with `import 'tessera'` (~50 ms).
  const { CONFIG_FILE_ENV, DEFAULT_CONFIG_FILE, envLayers, parseConfigToml, resolveConfig } = await import('../config/index.js');
  const cwd = o.cwd ?? process.cwd();
  const env = o.env ?? process.env;
  const layers: ConfigLayer[] = [];
  const fromEnvFile = env[CONFIG_FILE_ENV];
  const named = o.file !== undefined ? o.file : fromEnvFile !== undefined && fromEnvFile !== '' ? fromEnvFile : undefined;
  const path = named === false ? undefined : (named ?? DEFAULT_CONFIG_FILE);
  let file: string | undefined;
  if (path !== undefined) {
    const text = await readConfigText(resolve(cwd, path), path, named !== undefined);
    if (text !== undefined) {
      layers.push(parseConfigToml(text, path));
      file = path;
    }
  }
  const fromEnv = envLayers(env);
  layers.push(...fromEnv.layers);
  if (o.overrides !== undefined) layers.push(...(isLayerList(o.overrides) ? o.overrides : [{ source: 'overrides', values: o.overrides }]));
  return { ...resolveConfig(layers, fromEnv.issues), file };
}

/**
 * The text of the file, or `undefined` when an optional file is absent.
 * @throws ConfigError when a required file is missing, or any file cannot be read
 */
async function readConfigText(absolute: string, shown: string, required: boolean): Promise<string | undefined> {
  try {
    return await readFile(absolute, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return undefined;
    const reason = code === 'ENOENT' ? 'file not found' : `cannot read the file (${(e as Error).message})`;
    throw new ConfigError([{ path: '', message: reason, source: shown }]);
  }
}

function isLayerList(overrides: ConfigOverrides | readonly ConfigLayer[]): overrides is readonly ConfigLayer[] {
  return Array.isArray(overrides);
}

/** Checks the options' shapes (the values themselves are validated as configuration). */
function checkLoadOptions(options: unknown): LoadConfigOptions {
  const o = checkOptions('options', options);
  for (const key of Object.keys(o)) if (!KNOWN.includes(key)) throw new InvalidArgumentError(`options.${key}`, o[key], `one of ${KNOWN.join(', ')}`);
  if (o.file !== undefined && o.file !== false && (typeof o.file !== 'string' || o.file === '')) throw new InvalidArgumentError('options.file', o.file, 'a file path or false');
  if (o.cwd !== undefined) checkString('options.cwd', o.cwd);
  if (o.env !== undefined) checkOptions('options.env', o.env);
  if (Array.isArray(o.overrides)) {
    o.overrides.forEach((layer: unknown, i) => {
      const l = checkOptions(`options.overrides[${i}]`, layer);
      checkString(`options.overrides[${i}].source`, l.source);
      if (typeof l.values !== 'object' || l.values === null || Array.isArray(l.values)) {
        throw new InvalidArgumentError(`options.overrides[${i}].values`, l.values, 'a partial configuration tree such as { pool: { threads: 4 } }');
      }
    });
  } else if (o.overrides !== undefined) checkOptions('options.overrides', o.overrides);
  return o;
}
