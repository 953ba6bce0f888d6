/**
 * Main-side progress of a parallel run: several tasks report their own progress
 * (`done` of `total` units each); the sum goes to the caller's `onProgress`.
 */

/** Sums the progress of `parts` tasks into one `(done, total)` report. */
export class ProgressSum {
  private readonly done: Float64Array;
  private sum = 0;

  /**
   * @param parts number of tasks reporting
   * @param total units in all (what the caller's bar counts to)
   * @param sink the caller's `onProgress`
   */
  constructor(parts: number, private readonly total: number, private readonly sink: (done: number, total: number) => void) {
    this.done = new Float64Array(parts);
  }

  /** The `onProgress` option for task `part`: its reports replace its previous one. */
  part(part: number): (done: number, total: number) => void {
    return (done: number) => {
      this.sum += done - this.done[part]!;
      this.done[part] = done;
      this.sink(this.sum, this.total);
    };
  }

  /** Marks task `part` as finished with all its `units` done (its last report may be older). */
  finish(part: number, units: number): void {
    this.part(part)(units, this.total);
  }

  /** Adds `units` finished units reported by the main thread (a task completed). */
  add(units: number): void {
    this.sum += units;
    this.sink(this.sum, this.total);
  }
}
