/**
 * The C/OpenMP references of `bench/native/` from the CLI: find a C compiler, build the
 * programs (`make -C bench/native`), run one with a thread count and read its JSON line.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The programs of `bench/native/Makefile`. */
const PROGRAMS = ['nbody_bench_game', 'nbody_direct', 'mandelbrot', 'montecarlo_pi', 'heat2d', 'matmul', 'sort', 'npb_ep', 'fem_poisson'];

/** Runs built native programs. */
export interface NativeRunner {
  /** The `bench/native` directory. */
  readonly dir: string;
  /** The compiler's first version line. */
  readonly compiler: string;
  /**
   * Runs `build/<program> args --threads T` with `OMP_NUM_THREADS=T`.
   * @returns the program's JSON output line
   */
  run(program: string, args: readonly string[], threads: number): Promise<Record<string, unknown>>;
}

/** The `bench/native` directory of this package (beside `dist/`), or `undefined`. */
export function nativeDir(): string | undefined {
  const dir = fileURLToPath(new URL('../../bench/native/', import.meta.url));
  return existsSync(join(dir, 'Makefile')) ? dir : undefined;
}

/**
 * Finds the compiler and builds the programs.
 * @returns a runner, or the reason why native runs are impossible
 */
export function prepareNative(): NativeRunner | { error: string } {
  const dir = nativeDir();
  if (dir === undefined) return { error: 'bench/native/ is not here (it is not part of the installed package; run from a checkout)' };
  const cc = process.env.CC ?? 'cc';
  const v = spawnSync(cc, ['--version'], { encoding: 'utf8' });
  if (v.error !== undefined || v.status !== 0) return { error: `no C compiler found (\`${cc} --version\` failed); install gcc with OpenMP` };
  const compiler = v.stdout.split('\n')[0]!.trim();
  const make = spawnSync('make', ['-s', '-C', dir], { encoding: 'utf8' });
  if (make.error !== undefined) {
    // No make: compile each program directly with the Makefile's flags.
    mkdirSync(join(dir, 'build'), { recursive: true });
    for (const p of PROGRAMS) {
      const r = spawnSync(cc, ['-std=c99', '-O3', '-ffp-contract=off', '-fopenmp', '-Wall', '-Wextra', '-D_DEFAULT_SOURCE', '-o', join(dir, 'build', p), join(dir, `${p}.c`), '-lm'], { encoding: 'utf8' });
      if (r.status !== 0) return { error: `building ${p}.c failed: ${(r.stderr || r.error?.message || '').trim().split('\n')[0]}` };
    }
  } else if (make.status !== 0) {
    return { error: `building the native references failed: ${(make.stderr || make.stdout).trim().split('\n')[0]}` };
  }
  return {
    dir,
    compiler,
    async run(program, args, threads) {
      const { stdout } = await execFileAsync(join(dir, 'build', program), [...args, '--threads', String(threads)], {
        env: { ...process.env, OMP_NUM_THREADS: String(threads) },
        maxBuffer: 1 << 20,
      });
      const line = stdout.trim().split('\n').pop() ?? '';
      return JSON.parse(line) as Record<string, unknown>;
    },
  };
}
