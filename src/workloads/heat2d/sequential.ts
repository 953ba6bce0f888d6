/**
 * heat2d sequential reference (WORKLOADS.md §5): Jacobi/FTCS with r = 1/4.
 */
import { orderedSum } from '../common/ordered-sum.js';
import { initGrid, jacobiRows, rowSums } from './kernel.js';
import { resolveHeat2dParams, type Heat2dOutputs, type Heat2dParams } from './params.js';

/**
 * Runs heat2d on one thread: `iterations` sweeps (swap u, v after each), then the
 * row-ordered sum and the probes of the final u.
 * @param options grid edge and iterations (spec defaults 2048, 200)
 * @throws RangeError for invalid sizes
 */
export function heat2dSequential(options: Partial<Heat2dParams> = {}): Heat2dOutputs {
  const p = resolveHeat2dParams(options);
  const n = p.n;
  let u = new Float64Array(n * n);
  let v = new Float64Array(n * n);
  initGrid(u, n);
  initGrid(v, n);
  const t0 = performance.now();
  for (let it = 0; it < p.iterations; it++) {
    jacobiRows(u, v, n, 1, n - 1);
    const w = u;
    u = v;
    v = w;
  }
  const seconds = (performance.now() - t0) / 1000;
  const sums = new Float64Array(n);
  rowSums(u, n, 0, n, sums);
  const c = n >> 1;
  return {
    sum: orderedSum(sums),
    centre: u[c * n + c]!,
    probe1: u[n + c]!,
    probe10: u[10 * n + c]!,
    probe50: u[50 * n + c]!,
    seconds,
  };
}
