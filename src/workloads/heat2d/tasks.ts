/**
 * heat2d task module (runs in the pool's workers): one rank of the SPMD team that sweeps
 * the grid, a barrier between sweeps.
 */
import { progressReporter } from '../par/progress-worker.js';
import { Team } from '../par/team-worker.js';
import type { TeamArgs } from '../par/team.js';
import { jacobiRows } from './kernel.js';

/**
 * Runs `iterations` Jacobi sweeps on the shared N×N grids `u` and `v` (after sweep k the
 * newest grid is `v` for even k, `u` for odd k). Each sweep's interior rows 1 … N−2 are
 * split in units of `grain` rows under the team's schedule; the barrier after each sweep
 * stands for the sequential code's swap.
 */
export function jacobiTeam(args: TeamArgs, u: Float64Array, v: Float64Array, n: number, iterations: number, grain: number): void {
  const team = new Team(args);
  const report = args.rank === 0 ? progressReporter(iterations) : undefined;
  const rows = n - 2;
  const units = Math.ceil(rows / grain);
  for (let it = 0; it < iterations; it++) {
    const src = it % 2 === 0 ? u : v;
    const dst = it % 2 === 0 ? v : u;
    team.forUnits(units, (a, b) => jacobiRows(src, dst, n, 1 + a * grain, Math.min(1 + b * grain, n - 1)));
    team.sync();
    report?.(it + 1);
  }
}
