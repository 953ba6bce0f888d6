/**
 * `tessera/workloads`: the physics and numeric workloads of WORKLOADS.md as a public
 * entry, for programs that run them the way the `tessera` CLI does (the `npm start`
 * demo is one).
 *
 * - The registry: {@link WORKLOADS} / {@link findWorkload} give each workload type-erased
 *   (`resolve`, `sequential`, `parallel`, `verify`, `outputs`, `describe`…), and
 *   {@link differingOutputs} compares two runs bit for bit.
 * - {@link sequentialWithProgress}: a sequential reference that reports progress.
 * - The typed functions: `<workload>Sequential(params)` and
 *   `<workload>Parallel(pool, params, { schedule, onProgress })`, with their parameter
 *   and output types. A parallel run's outputs equal the sequential one's bit for bit at
 *   any thread count and schedule.
 *
 * Workloads sit above the core layers and use only Tessera's public API (`tessera`).
 * Anything not listed here is internal.
 */

// --- the registry (what the CLI uses) ---
export { WORKLOADS, findWorkload, comparableOutputs, differingOutputs, SCHEDULES, checkSchedule } from './registry.js';
export type { Workload, WorkloadOption, WorkloadExtra, SizeName, Verification, Schedule, ParallelOptions } from './registry.js';
export { sequentialWithProgress } from './sequential-progress.js';
export type { ProgressCallback } from './sequential-progress.js';

// --- typed sequential references and parallel versions, in WORKLOADS.md order ---
export { nbodyDirectSequential } from './nbody-direct/sequential.js';
export { nbodyDirectParallel } from './nbody-direct/parallel.js';
export type { NbodyDirectParams, NbodyDirectOutputs } from './nbody-direct/params.js';
export { nbodyBenchGameSequential } from './nbody-bench-game/sequential.js';
export { nbodyBenchGameParallel } from './nbody-bench-game/parallel.js';
export type { NbodyBenchGameParams, NbodyBenchGameOutputs } from './nbody-bench-game/params.js';
export { mandelbrotSequential } from './mandelbrot/sequential.js';
export { mandelbrotParallel } from './mandelbrot/parallel.js';
export type { MandelbrotParams, MandelbrotOutputs } from './mandelbrot/params.js';
export { montecarloPiSequential } from './montecarlo-pi/sequential.js';
export { montecarloPiParallel } from './montecarlo-pi/parallel.js';
export type { MontecarloPiParams, MontecarloPiOutputs } from './montecarlo-pi/params.js';
export { heat2dSequential } from './heat2d/sequential.js';
export { heat2dParallel } from './heat2d/parallel.js';
export type { Heat2dParams, Heat2dOutputs } from './heat2d/params.js';
export { matmulSequential } from './matmul/sequential.js';
export { matmulParallel } from './matmul/parallel.js';
export type { MatmulParams, MatmulOutputs } from './matmul/params.js';
export { sortSequential } from './sort/sequential.js';
export { sortParallel } from './sort/parallel.js';
export type { SortParams, SortOutputs } from './sort/params.js';
export { npbEpSequential } from './npb-ep/sequential.js';
export { npbEpParallel } from './npb-ep/parallel.js';
export type { NpbEpParams, NpbEpOutputs, EpClass, EpVerification } from './npb-ep/params.js';
export { femPoissonSequential, femConvergenceTable } from './fem-poisson/sequential.js';
export { femPoissonParallel, femConvergenceTableParallel } from './fem-poisson/parallel.js';
export type { FemPoissonParams, FemPoissonOutputs, FemConvergenceRow } from './fem-poisson/params.js';
