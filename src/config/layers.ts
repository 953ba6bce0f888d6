/**
 * Configuration layers from a `tessera.toml` document and from the `TESSERA_*`
 * environment variables (a layer, and the command line's, in layer.ts). Layers are
 * validated on their own, so every issue names its source, then merged in order by
 * `resolveConfig`.
 */
import { parse, TomlError } from 'smol-toml';
import { ConfigError, type ConfigIssue } from './errors.js';
import { CONFIG_KEYS, CONFIG_SECTIONS, envName, type ConfigKey } from './keys.js';
import { setPath, type ConfigLayer } from './layer.js';

/** The environment variable naming the configuration file. */
export const CONFIG_FILE_ENV = 'TESSERA_CONFIG';

/** The file name looked for in the working directory. */
export const DEFAULT_CONFIG_FILE = 'tessera.toml';

/**
 * Parses the text of a `tessera.toml`.
 * @param text the document
 * @param source its name in messages (usually the file path)
 * @throws ConfigError for a TOML syntax error (with its line and column)
 */
export function parseConfigToml(text: string, source: string): ConfigLayer {
  try {
    return { source, values: toPlain(parse(text)) as Record<string, unknown> };
  } catch (e) {
    if (e instanceof TomlError) {
      const first = e.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
      throw new ConfigError([{ path: '', message: `invalid TOML at line ${e.line}, column ${e.column}: ${first}`, source }]);
    }
    throw e;
  }
}

/** Copies smol-toml's null-prototype tables into plain objects (dates stay as they are). */
function toPlain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toPlain);
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toPlain(x);
    return out;
  }
  return v;
}

/**
 * Converts an environment string to the key's type: numbers (and `inf`/`infinity` where
 * allowed), booleans (`true/false`, `1/0`, `yes/no`, `on/off`). A string that does not
 * convert is kept as it is, so validation reports it with the expected form.
 */
export function coerceEnvValue(key: ConfigKey, raw: string): unknown {
  const s = raw.trim();
  switch (key.kind) {
    case 'int':
    case 'number':
      if (/^[+]?(inf|infinity)$/i.test(s)) return Infinity;
      if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s) || /^0x[0-9a-f]+$/i.test(s)) return Number(s);
      return raw;
    case 'boolean':
      if (/^(true|1|yes|on)$/i.test(s)) return true;
      if (/^(false|0|no|off)$/i.test(s)) return false;
      return raw;
    default:
      return raw;
  }
}

/**
 * The `TESSERA_<SECTION>_<KEY>` variables of `env`, one layer per variable (so each value's
 * source is its variable). `TESSERA_CONFIG` names the file and is not a key; variables
 * that start with a section's prefix but name no key are reported as issues.
 * @returns the layers and the issues of unknown variables
 */
export function envLayers(env: Readonly<Record<string, string | undefined>>): { layers: ConfigLayer[]; issues: ConfigIssue[] } {
  const byName = new Map(CONFIG_KEYS.map((k) => [envName(k), k]));
  const layers: ConfigLayer[] = [];
  const issues: ConfigIssue[] = [];
  for (const name of Object.keys(env).sort()) {
    const raw = env[name];
    if (raw === undefined || !name.startsWith('TESSERA_') || name === CONFIG_FILE_ENV) continue;
    const key = byName.get(name);
    const source = `env ${name}`;
    if (key === undefined) {
      const section = CONFIG_SECTIONS.find((s) => name.startsWith(`TESSERA_${s.toUpperCase()}_`));
      if (section !== undefined) {
        const known = CONFIG_KEYS.filter((k) => k.path.startsWith(`${section}.`)).map((k) => envName(k));
        issues.push({ path: section, message: `unknown variable ${name} (expected one of: ${known.join(', ')})`, source });
      }
      continue;
    }
    const values: Record<string, unknown> = {};
    setPath(values, key.path, coerceEnvValue(key, raw));
    layers.push({ source, values });
  }
  return { layers, issues };
}
