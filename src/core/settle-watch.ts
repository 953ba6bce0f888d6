/**
 * Waiting for a set of tasks to settle (used by buffer releases: the tasks unsettled at
 * one moment). The pool reports every settlement while a watch is open; with none open
 * the check on its settle path is one length test.
 */
export class SettleWatch<T> {
  private watches: { left: Set<T>; done: () => void }[] = [];

  /** True while some watch is open. */
  get active(): boolean {
    return this.watches.length > 0;
  }

  /** Resolves once every item of `items` has been reported by {@link settled}. */
  watch(items: Iterable<T>): Promise<void> {
    const left = new Set(items);
    if (left.size === 0) return Promise.resolve();
    return new Promise((done) => this.watches.push({ left, done }));
  }

  /** Reports that `item` has settled. */
  settled(item: T): void {
    this.watches = this.watches.filter((w) => {
      w.left.delete(item);
      if (w.left.size > 0) return true;
      w.done();
      return false;
    });
  }
}
