// A task module for the demo and examples: counting primes in a range is
// CPU-bound, splits into independent pieces and has an exact answer.

/** Number of primes in [lo, hi). */
export function countPrimes(lo, hi) {
  let count = 0;
  for (let n = Math.max(2, lo); n < hi; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}
