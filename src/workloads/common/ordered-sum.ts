/**
 * Left-to-right summation, the combination rule for deterministic reductions:
 * partial results are always added in index order, never in completion order.
 */

/**
 * Σ values[start..end) in index order, starting from 0 (`((0 + v0) + v1) + …`).
 * @param values the terms
 * @param start first index (default 0)
 * @param end one past the last index (default `values.length`)
 */
export function orderedSum(values: ArrayLike<number>, start = 0, end = values.length): number {
  let s = 0;
  for (let i = start; i < end; i++) s += values[i]!;
  return s;
}
