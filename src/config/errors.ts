/**
 * Configuration errors: every rejected value becomes one {@link ConfigIssue}; a
 * {@link ConfigError} carries all of them at once.
 */
import { TesseraError } from '../shared/errors.js';

/** One rejected value (or syntax error) and where it came from. */
export interface ConfigIssue {
  /** Dotted key path (`pool.threads`), or `''` for the document as a whole. */
  readonly path: string;
  /** Why it was rejected, naming the expected form: "expected an integer >= 1, got `0` (number)". */
  readonly message: string;
  /** Where the value came from: `tessera.toml`, `env TESSERA_POOL_THREADS`, `--threads`. */
  readonly source: string;
}

/** Formats an issue as one line: "pool.threads: expected …, got … (in tessera.toml)". */
export function formatIssue(issue: ConfigIssue): string {
  return `${issue.path === '' ? '(document)' : issue.path}: ${issue.message} (from ${issue.source})`;
}

/** The configuration was rejected; `issues` lists every reason (code `ERR_CONFIG`). */
export class ConfigError extends TesseraError {
  /** Every rejected value, in layer order (file, environment, flags). */
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super('ERR_CONFIG', issues.length === 1 ? `Invalid configuration: ${formatIssue(issues[0]!)}` : `Invalid configuration (${issues.length} problems):\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    this.issues = issues;
  }
}
