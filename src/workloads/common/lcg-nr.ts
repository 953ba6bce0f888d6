/**
 * The Numerical Recipes linear congruential generator (WORKLOADS.md, nbody-direct):
 * state uint32; next: state = (1664525*state + 1013904223) mod 2^32; u = state / 2^32.
 */

const TWO_M32 = 1 / 4294967296;

/** An NR LCG with a uint32 state. */
export class LcgNr {
  /** Current state, an unsigned 32-bit integer. */
  state: number;

  /** @param seed initial state (taken mod 2^32) */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Advances and returns the new state (unsigned 32-bit). */
  next(): number {
    this.state = (Math.imul(1664525, this.state) + 1013904223) >>> 0;
    return this.state;
  }

  /** Advances and returns state / 2^32, a double in [0, 1) (exact). */
  uniform(): number {
    return this.next() * TWO_M32;
  }
}
