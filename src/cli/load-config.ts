/**
 * Reads the configuration for a command: `tessera.toml` (from `--config`, `$TESSERA_CONFIG`
 * or the working directory), the `TESSERA_*` environment variables and the command's
 * flags, in that order of precedence (defaults < file < environment < flags).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE_ENV, DEFAULT_CONFIG_FILE, ConfigError, envLayers, parseConfigToml, resolveConfig, type ConfigLayer, type ResolvedConfig } from '../config/index.js';

/** A flag that overrides a configuration key. */
export interface FlagOverride {
  /** Dotted key path, e.g. `pool.threads`. */
  path: string;
  /** The parsed value. */
  value: unknown;
  /** The flag as the user wrote it, e.g. `--threads`. */
  flag: string;
}

/** Where the configuration file is, or `undefined` when there is none. */
export function findConfigFile(explicit: string | undefined, env: NodeJS.ProcessEnv): { path: string; required: boolean } | undefined {
  if (explicit !== undefined) return { path: explicit, required: true };
  const fromEnv = env[CONFIG_FILE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return { path: fromEnv, required: true };
  return existsSync(DEFAULT_CONFIG_FILE) ? { path: DEFAULT_CONFIG_FILE, required: false } : undefined;
}

/**
 * Loads and merges the configuration.
 * @param file explicit file (`--config`), else `$TESSERA_CONFIG`, else `./tessera.toml` if present
 * @param flags flag overrides, highest precedence
 * @throws ConfigError listing every rejected value (and a missing or unreadable file)
 */
export function loadConfig(file: string | undefined, flags: readonly FlagOverride[] = [], env: NodeJS.ProcessEnv = process.env): ResolvedConfig & { file: string | undefined } {
  const layers: ConfigLayer[] = [];
  const where = findConfigFile(file, env);
  if (where !== undefined) {
    let text: string;
    try {
      text = readFileSync(resolve(where.path), 'utf8');
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read the file (${(e as Error).message})`;
      throw new ConfigError([{ path: '', message: reason, source: where.path }]);
    }
    layers.push(parseConfigToml(text, where.path));
  }
  const fromEnv = envLayers(env);
  layers.push(...fromEnv.layers);
  for (const f of flags) {
    const values: Record<string, unknown> = {};
    const parts = f.path.split('.');
    let node = values;
    for (const p of parts.slice(0, -1)) node = (node[p] = {});
    node[parts.at(-1)!] = f.value;
    layers.push({ source: f.flag, values });
  }
  return { ...resolveConfig(layers, fromEnv.issues), file: where?.path };
}
