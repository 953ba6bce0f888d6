/**
 * The workloads by name, for the CLI and the benchmarks: each entry knows its size options
 * (CLI flags), named sizes, the sequential reference, the parallel version, which outputs
 * must agree bit for bit, its self-check, and the matching C/OpenMP program of
 * `bench/native/`.
 */
import type { Pool } from 'tessera';
import { femConvergenceTableParallel, femPoissonParallel } from './fem-poisson/parallel.js';
import { resolveFemPoissonParams, type FemPoissonOutputs, type FemPoissonParams } from './fem-poisson/params.js';
import { femConvergenceTable, femPoissonSequential } from './fem-poisson/sequential.js';
import { heat2dParallel } from './heat2d/parallel.js';
import { resolveHeat2dParams, type Heat2dOutputs, type Heat2dParams } from './heat2d/params.js';
import { heat2dSequential } from './heat2d/sequential.js';
import { mandelbrotParallel } from './mandelbrot/parallel.js';
import { MANDELBROT_BIG, resolveMandelbrotParams, type MandelbrotOutputs, type MandelbrotParams } from './mandelbrot/params.js';
import { mandelbrotSequential } from './mandelbrot/sequential.js';
import { matmulParallel } from './matmul/parallel.js';
import { resolveMatmulParams, type MatmulOutputs, type MatmulParams } from './matmul/params.js';
import { matmulSequential } from './matmul/sequential.js';
import { montecarloPiParallel } from './montecarlo-pi/parallel.js';
import { resolveMontecarloPiParams, type MontecarloPiOutputs, type MontecarloPiParams } from './montecarlo-pi/params.js';
import { montecarloPiSequential } from './montecarlo-pi/sequential.js';
import { nbodyBenchGameParallel } from './nbody-bench-game/parallel.js';
import { resolveNbodyBenchGameParams, type NbodyBenchGameOutputs, type NbodyBenchGameParams } from './nbody-bench-game/params.js';
import { nbodyBenchGameSequential } from './nbody-bench-game/sequential.js';
import { nbodyDirectParallel } from './nbody-direct/parallel.js';
import { NBODY_DIRECT_DEFAULTS, resolveNbodyDirectParams, type NbodyDirectOutputs, type NbodyDirectParams } from './nbody-direct/params.js';
import { nbodyDirectSequential } from './nbody-direct/sequential.js';
import { npbEpParallel } from './npb-ep/parallel.js';
import { resolveNpbEpParams, type NpbEpOutputs, type NpbEpParams } from './npb-ep/params.js';
import { npbEpSequential } from './npb-ep/sequential.js';
import type { ParallelOptions, Schedule } from './par/schedule.js';
import { sortParallel } from './sort/parallel.js';
import { resolveSortParams, type SortOutputs, type SortParams } from './sort/params.js';
import { sortSequential } from './sort/sequential.js';

export { SCHEDULES, checkSchedule, workloadSchedule } from './par/schedule.js';
export type { Schedule, ParallelOptions, EffectiveSchedule } from './par/schedule.js';

/** A size option of a workload: a parameter and its command-line flag. */
export interface WorkloadOption {
  /** Parameter name, e.g. `maxIter`. */
  readonly param: string;
  /** Long flag without dashes, e.g. `max-iter`. */
  readonly flag: string;
  /** Placeholder in help, e.g. `<n>`. */
  readonly arg: string;
  /** One-line help. */
  readonly description: string;
  /** `int` and `number` are parsed as numbers (`1e6`, `1_000_000` allowed); `choice` is one of `choices`. */
  readonly kind: 'int' | 'number' | 'choice';
  /** Smallest value (int, number). */
  readonly min?: number;
  /** Allowed values (choice). */
  readonly choices?: readonly string[];
}

/** Named sizes: `small` (seconds or less, for tests and quick looks), `default` (the spec's), `large` where the spec has one. */
export type SizeName = 'small' | 'default' | 'large';

/** The outcome of a workload's self-check. */
export interface Verification {
  /** True when every check passed. */
  readonly passed: boolean;
  /** What was checked, one line each (e.g. `NPB 3.3 (signed sums): PASSED`). */
  readonly lines: readonly string[];
}

/** A workload, type-erased for the CLI (parameters and outputs are plain records). */
export interface Workload {
  /** Name used on the command line, e.g. `mandelbrot`. */
  readonly name: string;
  /** One-line description. */
  readonly summary: string;
  /** True when the workload is sequential by definition (its "parallel" run is one task). */
  readonly sequentialOnly: boolean;
  /** The schedule used when none is asked for. */
  readonly defaultSchedule: Schedule;
  /** Size options (CLI flags). */
  readonly options: readonly WorkloadOption[];
  /** Parameters of the named sizes (`large` absent when the spec has none). */
  readonly sizes: Readonly<Partial<Record<SizeName, Readonly<Record<string, unknown>>>>>;
  /** Parameters `tessera bench` uses by default (the spec's, unless too short to time). */
  readonly benchParams: Readonly<Record<string, unknown>>;
  /** Output fields that must be identical between sequential, parallel and C runs. */
  readonly outputs: readonly string[];
  /** Spec defaults overridden by `params`, validated. @throws RangeError naming the bad parameter */
  resolve(params: Record<string, unknown>): Record<string, unknown>;
  /** Runs the sequential reference (main thread). */
  sequential(params: Record<string, unknown>): Record<string, unknown>;
  /** Runs the parallel version on `pool`. */
  parallel(pool: Pool, params: Record<string, unknown>, par: ParallelOptions): Promise<Record<string, unknown>>;
  /** Seconds of the timed section of a run (the same section in TS and C). */
  seconds(outputs: Record<string, unknown>): number;
  /** The workload's self-check of a run's outputs (published or reference values, invariants). */
  verify(params: Record<string, unknown>, outputs: Record<string, unknown>): Verification;
  /** The C/OpenMP reference (`bench/native/build/<program>`) and its arguments for `params`, or `undefined` when it cannot run them. */
  native(params: Record<string, unknown>): { program: string; args: string[] } | undefined;
  /** An extra report of `tessera run` (fem-poisson's convergence table). */
  readonly extra?: WorkloadExtra;
  /** A short description of a run's size, e.g. `800×600` or `class W`. */
  describe(params: Record<string, unknown>): string;
}

/** An extra report a workload prints on request (a flag of `tessera run <workload>`). */
export interface WorkloadExtra {
  /** Long flag without dashes, e.g. `table`. */
  readonly flag: string;
  /** Optional-argument placeholder, e.g. `[ns]`. */
  readonly arg: string;
  /** One-line help. */
  readonly description: string;
  /**
   * Checks the flag's argument before anything runs.
   * @throws RangeError naming the expected form
   */
  validate(value: string): void;
  /**
   * Computes the report: on `pool` when given, else sequentially.
   * @param value the flag's argument, or `true` when given without one
   * @throws RangeError for a bad argument
   */
  run(pool: Pool | undefined, value: string | true, params: Record<string, unknown>, par: ParallelOptions): Promise<{ json: unknown; lines: string[] }>;
}

interface WorkloadDef<P extends object, O extends object> {
  name: string;
  summary: string;
  sequentialOnly?: boolean;
  defaultSchedule: Schedule;
  options: WorkloadOption[];
  sizes: Partial<Record<SizeName, Partial<P>>>;
  benchParams?: Partial<P>;
  outputs: (keyof O & string)[];
  resolve(params: Partial<P>): P;
  sequential(params: P): O;
  parallel(pool: Pool, params: P, par: ParallelOptions): Promise<O>;
  seconds?(outputs: O): number;
  verify(params: P, outputs: O): Verification;
  native(params: P): { program: string; args: string[] } | undefined;
  extra?: WorkloadExtra;
  describe(params: P): string;
}

function define<P extends object, O extends object>(d: WorkloadDef<P, O>): Workload {
  return Object.freeze({
    name: d.name,
    summary: d.summary,
    sequentialOnly: d.sequentialOnly ?? false,
    defaultSchedule: d.defaultSchedule,
    options: Object.freeze(d.options),
    sizes: Object.freeze({ default: {}, ...d.sizes }),
    benchParams: Object.freeze({ ...(d.benchParams ?? {}) }) as Record<string, unknown>,
    outputs: Object.freeze(d.outputs),
    resolve: (params: Record<string, unknown>) => d.resolve(params as Partial<P>) as Record<string, unknown>,
    sequential: (params: Record<string, unknown>) => d.sequential(params as P) as Record<string, unknown>,
    parallel: (pool: Pool, params: Record<string, unknown>, par: ParallelOptions) => d.parallel(pool, params as P, par) as Promise<Record<string, unknown>>,
    seconds: (o: Record<string, unknown>) => (d.seconds ? d.seconds(o as O) : (o.seconds as number)),
    verify: (params: Record<string, unknown>, o: Record<string, unknown>) => d.verify(params as P, o as O),
    native: (params: Record<string, unknown>) => d.native(params as P),
    describe: (params: Record<string, unknown>) => d.describe(params as P),
    ...(d.extra === undefined ? {} : { extra: d.extra }),
  });
}

const mark = (ok: boolean): string => (ok ? 'PASSED' : 'FAILED');

/** Compares `outputs` with reference values; one line per field. */
function checkReference<O extends object>(label: string, outputs: O, ref: Partial<O>): Verification {
  const bad = (Object.keys(ref) as (keyof O)[]).filter((k) => !Object.is(outputs[k], ref[k]));
  const passed = bad.length === 0;
  const lines = [`${label}: ${mark(passed)}`];
  for (const k of bad) lines.push(`  ${String(k)} = ${String(outputs[k])}, expected ${String(ref[k])}`);
  return { passed, lines };
}

function combine(...parts: (Verification | undefined)[]): Verification {
  const ps = parts.filter((p): p is Verification => p !== undefined);
  return { passed: ps.every((p) => p.passed), lines: ps.flatMap((p) => p.lines) };
}

function sameParams<P extends object>(p: P, ref: P, keys: (keyof P)[]): boolean {
  return keys.every((k) => Object.is(p[k], ref[k]));
}

const int = (param: string, flag: string, description: string, min = 1): WorkloadOption => ({ param, flag, arg: '<n>', description, kind: 'int', min });

const nbodyDirect = define<NbodyDirectParams, NbodyDirectOutputs>({
  name: 'nbody-direct',
  summary: 'O(N²) softened gravity, leapfrog KDK; energies before/after, position sum and hash',
  defaultSchedule: 'static',
  options: [int('n', 'n', 'number of bodies (default 4096)'), int('steps', 'steps', 'leapfrog steps (default 10)', 0), int('seed', 'seed', 'LCG seed of the initial conditions (default 42)', 0)],
  sizes: { small: { n: 512, steps: 5 } },
  outputs: ['e0', 'e1', 'posSum', 'hash'],
  describe: (p) => `N=${p.n}, ${p.steps} steps`,
  resolve: resolveNbodyDirectParams,
  sequential: nbodyDirectSequential,
  parallel: nbodyDirectParallel,
  verify(p, o) {
    const drift = Math.abs((o.e1 - o.e0) / o.e0);
    const energy: Verification = { passed: drift < 1e-3, lines: [`energy conservation |ΔE/E0| = ${drift.toExponential(2)} < 1e-3: ${mark(drift < 1e-3)}`] };
    if (!sameParams(p, { ...NBODY_DIRECT_DEFAULTS }, ['n', 'steps', 'dt', 'eps', 'seed'])) return energy;
    return combine(energy, checkReference('reference outputs (N=4096, 10 steps)', o, { e0: -0.4606155935573958, e1: -0.46061559353085435, posSum: 120.05625435571363, hash: 'b0fd7c9dfd18d896' }));
  },
  native: (p) => (p.dt === NBODY_DIRECT_DEFAULTS.dt && p.eps === NBODY_DIRECT_DEFAULTS.eps && p.seed === NBODY_DIRECT_DEFAULTS.seed ? { program: 'nbody_direct', args: ['--n', String(p.n), '--steps', String(p.steps)] } : undefined),
});

const nbodyBenchGame = define<NbodyBenchGameParams, NbodyBenchGameOutputs>({
  name: 'nbody-bench-game',
  summary: 'Benchmarks Game n-body (5 bodies, sequential by definition); energies printed with %.9f',
  sequentialOnly: true,
  defaultSchedule: 'static',
  options: [int('steps', 'steps', 'advance(0.01) steps (default 1000; published: 1000 and 50000000)', 0)],
  sizes: { small: { steps: 1000 }, large: { steps: 50_000_000 } },
  benchParams: { steps: 5_000_000 },
  outputs: ['e0', 'e1', 'e0Text', 'e1Text'],
  describe: (p) => `${p.steps} steps`,
  resolve: resolveNbodyBenchGameParams,
  sequential: nbodyBenchGameSequential,
  parallel: (pool, p) => nbodyBenchGameParallel(pool, p),
  verify(p, o) {
    const published: Record<number, string> = { 1000: '-0.169087605', 50_000_000: '-0.169059907' };
    const checks = [`e0 = ${o.e0Text} (published -0.169075164): ${mark(o.e0Text === '-0.169075164')}`];
    let passed = o.e0Text === '-0.169075164';
    const e1 = published[p.steps];
    if (e1 !== undefined) {
      checks.push(`e1 = ${o.e1Text} (published ${e1} after ${p.steps} steps): ${mark(o.e1Text === e1)}`);
      passed &&= o.e1Text === e1;
    }
    return { passed, lines: checks };
  },
  native: (p) => ({ program: 'nbody_bench_game', args: ['--steps', String(p.steps)] }),
});

const mandelbrot = define<MandelbrotParams, MandelbrotOutputs>({
  name: 'mandelbrot',
  summary: 'escape counts of the Mandelbrot set in 50×50 tiles; iteration sum and hash of the image',
  defaultSchedule: 'dynamic',
  options: [
    int('width', 'width', 'image width in pixels (default 800; large 4000)'),
    int('height', 'height', 'image height in pixels (default 600; large 3000)'),
    int('maxIter', 'max-iter', 'iteration limit (default 1000)', 0),
    int('tileSize', 'tile', 'tile edge in pixels, the parallel work unit (default 50)'),
  ],
  sizes: { small: { width: 200, height: 150 }, large: { ...MANDELBROT_BIG } },
  outputs: ['iterSum', 'hash'],
  describe: (p) => `${p.width}x${p.height}`,
  resolve: resolveMandelbrotParams,
  sequential: (p) => mandelbrotSequential(p),
  parallel: (pool, p, par) => mandelbrotParallel(pool, p, par),
  verify(p, o) {
    if (p.width === 800 && p.height === 600 && p.maxIter === 1000) return checkReference('reference outputs (800×600)', o, { iterSum: 88737361, hash: 'da04d476f763d756' });
    return { passed: true, lines: ['no reference values for this size'] };
  },
  native: (p) => ({ program: 'mandelbrot', args: ['--width', String(p.width), '--height', String(p.height), '--maxiter', String(p.maxIter), '--tile', String(p.tileSize)] }),
});

const montecarloPi = define<MontecarloPiParams, MontecarloPiOutputs>({
  name: 'montecarlo-pi',
  summary: 'π from N points in the unit square, one xoshiro128** stream per chunk',
  defaultSchedule: 'dynamic',
  options: [int('samples', 'samples', 'samples N (default 200000000)'), int('chunkSize', 'chunk', 'samples per chunk, the parallel work unit (default 1000000)')],
  sizes: { small: { samples: 10_000_000 } },
  outputs: ['hits', 'estimate'],
  describe: (p) => `N=${p.samples.toExponential().replace('e+', 'e')}`,
  resolve: resolveMontecarloPiParams,
  sequential: montecarloPiSequential,
  parallel: montecarloPiParallel,
  verify(p, o) {
    const err = Math.abs(o.estimate - Math.PI);
    const bound = 4 * 4 * Math.sqrt((Math.PI / 4) * (1 - Math.PI / 4) / p.samples);
    const stat: Verification = { passed: err < bound, lines: [`|estimate − π| = ${err.toExponential(2)} within 4σ (${bound.toExponential(2)}): ${mark(err < bound)}`] };
    if (p.samples === 200_000_000 && p.chunkSize === 1_000_000) return combine(stat, checkReference('reference outputs (N=2e8)', o, { hits: 157079355 }));
    return stat;
  },
  native: (p) => ({ program: 'montecarlo_pi', args: ['--samples', String(p.samples), '--chunk', String(p.chunkSize)] }),
});

const heat2d = define<Heat2dParams, Heat2dOutputs>({
  name: 'heat2d',
  summary: 'Jacobi/FTCS heat equation on an N×N grid; row-ordered sum, centre and probes',
  defaultSchedule: 'static',
  options: [int('n', 'n', 'grid edge N, boundary included (default 2048, >= 52)'), int('iterations', 'iterations', 'Jacobi iterations (default 200)', 0)],
  sizes: { small: { n: 256, iterations: 50 } },
  outputs: ['sum', 'centre', 'probe1', 'probe10', 'probe50'],
  describe: (p) => `${p.n}², ${p.iterations} it`,
  resolve: resolveHeat2dParams,
  sequential: heat2dSequential,
  parallel: heat2dParallel,
  verify(p, o) {
    const reach = p.iterations < (p.n >> 1);
    const centre: Verification = { passed: !reach || o.centre === 0, lines: reach ? [`centre exactly 0 (heat travels one cell per iteration): ${mark(o.centre === 0)}`] : [] };
    if (p.n === 2048 && p.iterations === 200) {
      return combine(centre, checkReference('reference outputs (2048², 200 iterations)', o, { sum: 1732422.7123907208, probe1: 92.04597508085524, probe10: 31.79152571229165, probe50: 5.189251787379906e-5 }));
    }
    return centre;
  },
  native: (p) => ({ program: 'heat2d', args: ['--n', String(p.n), '--iters', String(p.iterations)] }),
});

const matmul = define<MatmulParams, MatmulOutputs>({
  name: 'matmul',
  summary: 'dense N×N matrix product of small integers (blocked i-k-j); sums, hash, corners, GFLOP/s',
  defaultSchedule: 'dynamic',
  options: [int('n', 'n', 'matrix edge N (default 1024)'), int('block', 'block', 'block edge, i-blocks are the parallel work unit (default 64)')],
  sizes: { small: { n: 256 } },
  outputs: ['sum', 'wsum', 'hash', 'c00', 'cLast'],
  describe: (p) => `N=${p.n}`,
  resolve: resolveMatmulParams,
  sequential: (p) => matmulSequential(p),
  parallel: (pool, p, par) => matmulParallel(pool, p, par),
  verify(p, o) {
    if (p.n === 1024) return checkReference('reference outputs (N=1024)', o, { sum: -91, wsum: -8732, hash: 'a9a2fc2ad84565ae', c00: 112, cLast: 59 });
    return { passed: true, lines: ['no reference values for this size (C is exact in any order)'] };
  },
  native: (p) => ({ program: 'matmul', args: ['--n', String(p.n), '--block', String(p.block)] }),
});

const sort = define<SortParams, SortOutputs>({
  name: 'sort',
  summary: 'sort N random doubles (xoshiro128** double53); checksum and order statistics',
  defaultSchedule: 'static',
  options: [int('n', 'n', 'number of values N (default 20000000)'), int('seed', 'seed', 'xoshiro128** key (default 12345)', 0)],
  sizes: { small: { n: 1_000_000 } },
  outputs: ['sorted', 'checksum', 'first', 'middle', 'last'],
  describe: (p) => `N=${p.n.toExponential().replace('e+', 'e')}`,
  resolve: resolveSortParams,
  sequential: (p) => sortSequential(p),
  parallel: (pool, p, par) => sortParallel(pool, p, par),
  verify(p, o) {
    const order: Verification = { passed: o.sorted, lines: [`ascending: ${mark(o.sorted)}`] };
    if (p.n === 20_000_000 && p.seed === 12345) {
      return combine(order, checkReference('reference outputs (N=2e7)', o, { checksum: 5124565098.546618, first: 3.609634557921737e-8, middle: 0.49991729073323077, last: 0.9999999824453814 }));
    }
    return order;
  },
  native: (p) => ({ program: 'sort', args: ['--n', String(p.n), '--seed', String(p.seed)] }),
});

const npbEp = define<NpbEpParams, NpbEpOutputs>({
  name: 'npb-ep',
  summary: 'NAS Parallel Benchmarks EP: Gaussian pairs by the Marsaglia polar method; verified against NPB 3.3 and 3.4',
  defaultSchedule: 'dynamic',
  options: [{ param: 'problemClass', flag: 'class', arg: '<class>', description: 'problem class S (2^24 pairs), W (2^25) or A (2^28) (default S)', kind: 'choice', choices: ['S', 'W', 'A'] }],
  sizes: { small: { problemClass: 'S' }, large: { problemClass: 'A' } },
  benchParams: { problemClass: 'W' },
  outputs: ['sx', 'sy', 'sxAbs', 'syAbs', 'gc'],
  describe: (p) => `class ${p.problemClass}`,
  resolve: resolveNpbEpParams,
  sequential: npbEpSequential,
  parallel: npbEpParallel,
  verify: (_p, o) => ({
    passed: o.npb33.passed && o.npb34.passed,
    lines: [
      `NPB 3.3 (signed sums, rel. err. ${o.npb33.sxRelErr.toExponential(1)}, ${o.npb33.syRelErr.toExponential(1)}): ${mark(o.npb33.passed)}`,
      `NPB 3.4 (absolute sums and gc, rel. err. ${o.npb34.sxRelErr.toExponential(1)}, ${o.npb34.syRelErr.toExponential(1)}): ${mark(o.npb34.passed)}`,
    ],
  }),
  native: (p) => ({ program: 'npb_ep', args: ['--class', p.problemClass] }),
});

/** The mesh sizes of fem-poisson's `--table` argument, e.g. `64,128,256,512`. */
function tableSizes(value: string): number[] {
  const ns = value.split(',').map((s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN));
  if (ns.some((n) => !Number.isInteger(n) || n < 2 || n > 46340)) {
    throw new RangeError('Expected a comma-separated list of integers in [2, 46340], e.g. 64,128,256,512.');
  }
  return ns;
}

const femPoisson = define<FemPoissonParams, FemPoissonOutputs>({
  name: 'fem-poisson',
  summary: 'P1 finite elements for −Δu = f on the unit square, CSR + conjugate gradient; iterations and errors',
  defaultSchedule: 'static',
  options: [int('n', 'n', 'squares per side n (default 512)', 2), { param: 'tol', flag: 'tol', arg: '<x>', description: 'CG stops when |r|/|b| < tol (default 1e-10)', kind: 'number', min: 0 }],
  sizes: { small: { n: 128 } },
  outputs: ['unknowns', 'nonzeros', 'iterations', 'converged', 'relResidual', 'l2Error', 'maxError'],
  describe: (p) => `n=${p.n}`,
  resolve: resolveFemPoissonParams,
  sequential: (p) => femPoissonSequential(p),
  parallel: (pool, p, par) => femPoissonParallel(pool, p, par),
  seconds: (o) => o.assemblySeconds + o.solveSeconds,
  verify(p, o) {
    const conv: Verification = { passed: o.converged, lines: [`CG converged (|r|/|b| = ${o.relResidual.toExponential(3)} < ${p.tol}): ${mark(o.converged)}`] };
    if (p.n === 512 && p.tol === 1e-10) {
      return combine(conv, checkReference('reference outputs (n=512)', o, { iterations: 729, relResidual: 9.486707754346912e-11, l2Error: 2.6431776090851924e-6, maxError: 5.229103046233696e-6 }));
    }
    return conv;
  },
  native: (p) => (p.tol === 1e-10 && p.maxIterations === 100_000 ? { program: 'fem_poisson', args: ['--n', String(p.n)] } : undefined),
  extra: {
    flag: 'table',
    arg: '[ns]',
    description: 'also print the convergence table for these n (default 64,128,256,512)',
    validate: (value) => void tableSizes(value),
    async run(pool, value, params, par) {
      const ns = value === true ? [64, 128, 256, 512] : tableSizes(value);
      const opts = { tol: params.tol as number, maxIterations: params.maxIterations as number };
      const rows = pool === undefined ? femConvergenceTable(ns, opts) : await femConvergenceTableParallel(pool, ns, opts, par);
      const ratio = (x: number): string => (Number.isNaN(x) ? '–' : x.toFixed(5));
      const lines = ['|    n | CG iterations | discrete L2 error | ratio   | max nodal error | ratio   |', '|-----:|--------------:|------------------:|--------:|----------------:|--------:|'];
      for (const r of rows) {
        lines.push(`| ${String(r.n).padStart(4)} | ${String(r.iterations).padStart(13)} | ${r.l2Error.toExponential(7).padStart(17)} | ${ratio(r.l2Ratio).padStart(7)} | ${r.maxError.toExponential(7).padStart(15)} | ${ratio(r.maxRatio).padStart(7)} |`);
      }
      return { json: rows.map((r) => ({ ...r, l2Ratio: Number.isNaN(r.l2Ratio) ? null : r.l2Ratio, maxRatio: Number.isNaN(r.maxRatio) ? null : r.maxRatio })), lines };
    },
  },
});

/** Every workload, in WORKLOADS.md order. */
export const WORKLOADS: readonly Workload[] = Object.freeze([nbodyDirect, nbodyBenchGame, mandelbrot, montecarloPi, heat2d, matmul, sort, npbEp, femPoisson]);

/** The workload called `name`, or `undefined`. */
export function findWorkload(name: string): Workload | undefined {
  return WORKLOADS.find((w) => w.name === name);
}

/**
 * Outputs to compare: the `outputs` fields of `o`, in order (timings excluded).
 * Two runs agree when {@link sameOutputs} holds.
 */
export function comparableOutputs(w: Workload, o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(w.outputs.map((k) => [k, o[k]]));
}

/** The fields of `w.outputs` that differ between two runs (`Object.is`, so −0 ≠ 0 and NaN = NaN). */
export function differingOutputs(w: Workload, a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return w.outputs.filter((k) => !Object.is(a[k], b[k]));
}
