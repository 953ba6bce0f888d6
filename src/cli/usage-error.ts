/**
 * Errors that end the CLI with exit code 2 (bad usage): a one-line message naming the
 * option or value and the expected form.
 */

/** A bad option value found after parsing (e.g. a size the workload does not define). */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  /**
   * @param message what is wrong and the expected form
   * @param command the command line it belongs to, e.g. `tessera run heat2d` (the prefix of the printed line)
   */
  constructor(
    message: string,
    readonly command = 'tessera',
  ) {
    super(message);
  }
}

/** Exit code of bad usage: unknown options, bad values, invalid configuration. */
export const EXIT_USAGE = 2;
/** Exit code of a run that failed its checks or crashed. */
export const EXIT_FAILURE = 1;
