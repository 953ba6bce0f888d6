/**
 * `asCompleted`: iterate over results in the order they finish.
 */
import { checkSignal } from '../shared/check.js';
import { CancelledError, InvalidArgumentError } from '../shared/errors.js';

/** One finished item of {@link asCompleted}: its position in the input, the item, and its outcome. */
export type Completion<T> =
  | { readonly index: number; readonly item: T; readonly status: 'fulfilled'; readonly value: Awaited<T> }
  | { readonly index: number; readonly item: T; readonly status: 'rejected'; readonly reason: unknown };

/** Something with a `settled()` notification that does not decode its value (a `TaskRef`). */
interface Settleable {
  settled(): Promise<unknown>;
}

function hasSettled(v: unknown): v is Settleable {
  return typeof v === 'object' && v !== null && typeof (v as Settleable).settled === 'function';
}

/**
 * Yields the outcome of each item of `items` (task refs, promises or other
 * thenables) as it finishes, in completion order, fulfilled or rejected
 * alike (like `Promise.allSettled`, one at a time). A `TaskRef`'s value is
 * decoded on the main thread when its turn comes, not before.
 *
 * (An async iterator cannot yield a thenable itself, since `yield` awaits it;
 * hence the records.)
 *
 * @param options.signal ends the iteration with `CancelledError`
 * @example
 * for await (const done of asCompleted(refs)) {
 *   if (done.status === 'fulfilled') console.log(done.index, done.value);
 *   else console.error(done.index, done.reason);
 * }
 */
export async function* asCompleted<T>(items: Iterable<T>, options?: { signal?: AbortSignal }): AsyncIterableIterator<Completion<T>> {
  if (items === null || typeof (items)?.[Symbol.iterator] !== 'function') throw new InvalidArgumentError('items', items, 'an iterable of task refs or promises');
  const signal = checkSignal('options.signal', options?.signal);
  const done: [number, T][] = [];
  let wake: (() => void) | undefined;
  let total = 0;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  for (const item of items) {
    const arrive = ((i) => () => {
      done.push([i, item]);
      poke();
    })(total++);
    if (hasSettled(item)) void item.settled().then(arrive);
    else Promise.resolve(item).then(arrive, arrive);
  }
  signal?.addEventListener('abort', poke, { once: true });
  try {
    let head = 0;
    while (head < total) {
      if (signal?.aborted) throw new CancelledError('asCompleted was cancelled', { cause: signal.reason });
      if (head === done.length) {
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      const [index, item] = done[head++]!;
      let completion: Completion<T>;
      try {
        completion = { index, item, status: 'fulfilled', value: await item };
      } catch (reason) {
        completion = { index, item, status: 'rejected', reason };
      }
      yield completion;
    }
  } finally {
    signal?.removeEventListener('abort', poke);
  }
}
