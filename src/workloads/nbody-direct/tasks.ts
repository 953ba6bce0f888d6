/**
 * nbody-direct task module (runs in the pool's workers): energy terms of body ranges and
 * one rank of the SPMD team that runs the leapfrog steps.
 */
import { progressReporter } from '../par/progress-worker.js';
import { Team } from '../par/team-worker.js';
import type { TeamArgs } from '../par/team.js';
import type { Bodies } from './bodies.js';
import { computeAccelerations, drift, energyTerms, kick } from './kernel.js';

/**
 * Energy terms ke[i], pe[i] of the bodies of units [u0, u1), `grain` bodies per unit
 * (see `energyTerms`); all arrays are shared.
 */
export function energyUnits(b: Bodies, eps2: number, ke: Float64Array, pe: Float64Array, grain: number, u0: number, u1: number): void {
  const n = b.x.length;
  const report = progressReporter(u1 - u0);
  for (let u = u0; u < u1; u++) {
    energyTerms(b, eps2, u * grain, Math.min((u + 1) * grain, n), ke, pe);
    report(u + 1 - u0);
  }
}

/**
 * The timed section of nbody-direct as one rank of a team: the initial force evaluation,
 * then per step kick + drift, barrier, force + kick, barrier. Bodies are split in units
 * of `grain` bodies under the team's schedule. Per body this executes exactly the
 * sequential reference's operations (the barriers stand for its whole-array loops).
 */
export function leapfrogTeam(args: TeamArgs, b: Bodies, eps2: number, dt: number, steps: number, grain: number): void {
  const team = new Team(args);
  const report = args.rank === 0 ? progressReporter(steps + 1) : undefined;
  const n = b.x.length;
  const units = Math.ceil(n / grain);
  const h = 0.5 * dt;
  const lo = (u: number): number => u * grain;
  const hi = (u: number): number => Math.min(u * grain, n);
  team.forUnits(units, (u0, u1) => computeAccelerations(b, eps2, lo(u0), hi(u1)));
  team.sync();
  report?.(1);
  for (let s = 0; s < steps; s++) {
    team.forUnits(units, (u0, u1) => {
      kick(b, h, lo(u0), hi(u1));
      drift(b, dt, lo(u0), hi(u1));
    });
    team.sync();
    team.forUnits(units, (u0, u1) => {
      computeAccelerations(b, eps2, lo(u0), hi(u1));
      kick(b, h, lo(u0), hi(u1));
    });
    team.sync();
    report?.(s + 2);
  }
}
