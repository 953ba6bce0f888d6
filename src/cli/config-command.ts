/**
 * `tessera config check [file]`: validates a configuration file together with the
 * environment, and prints the effective configuration with the source of every value.
 */
import { formatConfig, loadConfig } from 'tessera';
import { toJson } from './report.js';

/** Options of `tessera config check`. */
export interface ConfigCheckOptions {
  json?: boolean;
}

/**
 * Runs the command; resolves to the exit code (a rejected configuration rejects with
 * `ConfigError`, which the CLI reports, one line per value, with exit code 2).
 */
export async function configCheckCommand(file: string | undefined, opts: ConfigCheckOptions): Promise<number> {
  const resolved = await loadConfig(file === undefined ? {} : { file });
  if (opts.json === true) {
    process.stdout.write(`${toJson({ file: resolved.file ?? null, config: resolved.config, sources: Object.fromEntries(resolved.entries.map((e) => [e.path, e.source])) })}\n`);
    return 0;
  }
  const lines = [resolved.file === undefined ? 'config: no file (defaults and environment only)' : `config: ${resolved.file} is valid`, '', formatConfig(resolved)];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
