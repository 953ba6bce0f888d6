/**
 * Worker side of an SPMD team (see `team.ts`): barrier phases and the split of each
 * phase's work units under the team's schedule.
 */
import { blockRange, type Schedule } from './schedule.js';
import type { TeamArgs } from './team.js';

/** Words of the team barrier (`TeamArgs.barrier`). */
const ARRIVED = 0;
const GENERATION = 1;

/** How long a rank spins at a barrier before it sleeps. */
export const SPIN_MS = 0.2;

/**
 * One rank's view of its team. Every rank must call {@link Team.forUnits} and
 * {@link Team.sync} the same number of times in the same order, and a `sync()` must
 * separate two `forUnits` phases (that is what makes the dynamic counters reusable).
 */
export class Team {
  /** This rank, 0 … size−1. */
  readonly rank: number;
  /** Number of ranks. */
  readonly size: number;
  /** The policy of {@link Team.forUnits}. */
  readonly schedule: Schedule;
  private readonly barrier: Int32Array;
  private readonly counters: Int32Array;
  private phase = 0;

  /** @param args the `TeamArgs` the main side passed to this rank */
  constructor(args: TeamArgs) {
    this.rank = args.rank;
    this.size = args.size;
    this.schedule = args.schedule;
    this.barrier = args.barrier;
    this.counters = args.counters;
  }

  /**
   * Blocks until every rank has arrived. A centralized barrier on two shared words
   * (arrivals, generation): the last rank to arrive resets the count and bumps the
   * generation; the others spin on the generation for up to {@link SPIN_MS} before they
   * sleep in `Atomics.wait`. A rank that sleeps costs a futex wake-up (~60 µs on the 2-vCPU
   * machine of bench/RESULTS.md, measured per heat2d sweep); the ranks of a balanced phase
   * arrive within microseconds of each other, so most waits end while spinning — as
   * OpenMP's barriers do (`GOMP_SPINCOUNT`).
   */
  sync(): void {
    const w = this.barrier;
    const gen = Atomics.load(w, GENERATION);
    if (Atomics.add(w, ARRIVED, 1) === this.size - 1) {
      // Last: every other rank has arrived and waits for the generation to change.
      Atomics.store(w, ARRIVED, 0);
      Atomics.add(w, GENERATION, 1);
      Atomics.notify(w, GENERATION);
      return;
    }
    const until = performance.now() + SPIN_MS;
    for (let k = 1; Atomics.load(w, GENERATION) === gen; k++) {
      if ((k & 255) === 0 && performance.now() > until) {
        while (Atomics.load(w, GENERATION) === gen) Atomics.wait(w, GENERATION, gen);
        return;
      }
    }
  }

  /**
   * Runs `body` on this rank's share of the units `[0, units)` of the next phase:
   * `static` — one call with this rank's contiguous block ({@link blockRange});
   * `dynamic` — one call per unit, units claimed from a shared counter until none are left.
   *
   * Counter protocol: phase p claims from `counters[p & 1]`; at its start rank 0 zeroes
   * `counters[(p + 1) & 1]`, which phase p − 1 used (every rank finished claiming from it
   * before the barrier that ended p − 1) and phase p + 1 will use (no rank starts it
   * before the barrier that ends p, which rank 0 reaches after the reset).
   */
  forUnits(units: number, body: (u0: number, u1: number) => void): void {
    const phase = this.phase++;
    if (this.schedule === 'static') {
      const [u0, u1] = blockRange(units, this.size, this.rank);
      if (u0 < u1) body(u0, u1);
      return;
    }
    const c = phase & 1;
    if (this.rank === 0) Atomics.store(this.counters, c ^ 1, 0);
    for (;;) {
      const u = Atomics.add(this.counters, c, 1);
      if (u >= units) break;
      body(u, u + 1);
    }
  }
}
