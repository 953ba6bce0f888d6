/**
 * The effective configuration as text (what `tessera config check` prints). Kept apart from
 * `resolve.ts` so that importing it does not load the schema library.
 */
import { CONFIG_KEYS, type ConfigValue } from './keys.js';
import type { ResolvedConfig } from './resolve.js';

/** A value as TOML would write it (`inf`, quoted strings). */
export function formatConfigValue(value: ConfigValue | undefined): string {
  if (value === undefined) return '(unset)';
  if (value === Infinity) return 'inf';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/**
 * The effective configuration as a table, one key per line: key, value, source (what
 * `tessera config check` prints). Secrets (token, password) are masked.
 */
export function formatConfig(resolved: ResolvedConfig): string {
  const rows = resolved.entries.map((e) => {
    const key = CONFIG_KEYS.find((k) => k.path === e.path)!;
    const secret = (e.path === 'cluster.token' || e.path === 'cluster.password') && e.value !== '';
    const shownDefault = key.defaultText !== undefined && e.source === 'default';
    const value = secret ? '"********"' : shownDefault ? `<${key.defaultText}>` : formatConfigValue(e.value);
    return [e.path, value, e.source];
  });
  const w0 = Math.max(3, ...rows.map((r) => r[0]!.length));
  const w1 = Math.max(5, ...rows.map((r) => r[1]!.length));
  const line = (r: string[]): string => `${r[0]!.padEnd(w0)}  ${r[1]!.padEnd(w1)}  ${r[2]}`.trimEnd();
  return [line(['key', 'value', 'source']), ...rows.map(line)].join('\n');
}
