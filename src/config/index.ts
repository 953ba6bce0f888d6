/**
 * `tessera.toml`: schema, loading, validation, defaults and `TESSERA_*` overrides.
 *
 * Precedence: defaults < file < environment < flags. The module never touches the file
 * system or `process`: the caller reads the file and passes the text and the environment,
 * so the same code can run in a browser (the dashboard). On Node, `loadConfig` and
 * `createPool` (`../setup/`, exported by the package) do that and build a pool from the
 * result; see `README.md` here.
 *
 * @example
 * const file = parseConfigToml(readFileSync('tessera.toml', 'utf8'), 'tessera.toml');
 * const env = envLayers(process.env);
 * const { config, entries } = resolveConfig([file, ...env.layers, flagLayer('pool.threads', 4, '--threads')], env.issues);
 */
export { CONFIG_KEYS, CONFIG_SECTIONS, configKey, envName, expectedText } from './keys.js';
export type { ConfigKey, ConfigKind, ConfigSection, ConfigValue } from './keys.js';
export { ConfigError, formatIssue } from './errors.js';
export type { ConfigIssue } from './errors.js';
export { configSchema, validateLayer } from './schema.js';
export { parseConfigToml, envLayers, coerceEnvValue, CONFIG_FILE_ENV, DEFAULT_CONFIG_FILE } from './layers.js';
export { flagLayer, setPath } from './layer.js';
export type { ConfigLayer } from './layer.js';
export { resolveConfig } from './resolve.js';
export { formatConfig, formatConfigValue } from './format.js';
export type { TesseraConfig, ParSchedule, ConfigOverrides, ConfigEntry, ResolvedConfig } from './resolve.js';
export { poolOptionsFromConfig, iterOptionsFromConfig } from './options.js';
export type { PoolOptionsFromConfig, IterOptionsFromConfig } from './options.js';
