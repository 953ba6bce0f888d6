/**
 * A progress bar on stderr (cli-progress), shown only on a terminal: fed with
 * `(done, total)` reports from task progress or completions.
 */
import cliProgress from 'cli-progress';

/** A progress sink for `onProgress`, and `stop()` to clear the bar. */
export interface ProgressBar {
  /** Reports progress; the bar appears at the first call. */
  update(done: number, total: number): void;
  /** Removes the bar (call before printing results). */
  stop(): void;
}

/** A bar that does nothing (not a terminal, or `--json`). */
export const NO_PROGRESS: ProgressBar = { update: () => undefined, stop: () => undefined };

/**
 * A bar labelled `label`, or {@link NO_PROGRESS} when stderr is not a terminal or `quiet`.
 * @param unit what is counted (tiles, chunks, iterations…)
 */
export function progressBar(label: string, quiet: boolean, unit = ''): ProgressBar {
  if (quiet || !process.stderr.isTTY) return NO_PROGRESS;
  const bar = new cliProgress.SingleBar(
    { format: `${label} |{bar}| {percentage}% {value}/{total}${unit === '' ? '' : ` ${unit}`} {duration_formatted}`, stream: process.stderr, hideCursor: true, clearOnComplete: true, barsize: 30, fps: 10 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let lastTotal = -1;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, Math.min(done, total));
        started = true;
        lastTotal = total;
        return;
      }
      if (total !== lastTotal) {
        bar.setTotal(total);
        lastTotal = total;
      }
      bar.update(Math.min(done, total));
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
