/**
 * One configuration layer (the values of one source, as a partial tree of keys) and
 * the helpers that build one. Apart from layers.ts, which parses TOML and reads the
 * environment, so that code which only builds layers (the CLI's flags) does not load
 * the TOML parser.
 */

/** The values of one source. */
export interface ConfigLayer {
  /** Where the values came from (`tessera.toml`, `env TESSERA_POOL_THREADS`, `--threads`). */
  readonly source: string;
  /** A partial configuration tree (`{ pool: { threads: 4 } }`), not yet validated. */
  readonly values: Record<string, unknown>;
}

/** Sets `values[path]` (dotted) to `value`, creating tables on the way. */
export function setPath(values: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = values;
  for (const p of parts.slice(0, -1)) {
    const next = node[p];
    if (next === null || typeof next !== 'object') node[p] = {};
    node = node[p] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}

/**
 * A layer holding one value set on the command line.
 * @param path dotted key path, e.g. `pool.threads`
 * @param value the (already converted) value
 * @param flag the flag, as the source: `--threads`
 */
export function flagLayer(path: string, value: unknown, flag: string): ConfigLayer {
  const values: Record<string, unknown> = {};
  setPath(values, path, value);
  return { source: flag, values };
}
