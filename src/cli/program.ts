/**
 * The `tessera` command line (commander): `run`, `bench`, `config check`, `--version`.
 * Usage errors (unknown options, bad values) print one line naming the option and the
 * expected form and exit with code 2.
 */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { WORKLOADS, SCHEDULES, type Workload } from '../workloads/registry.js';
import { benchCommand, type BenchOptions } from './bench.js';
import { configCheckCommand } from './config-command.js';
import { parseChoiceArg, parseIntArg, parseIntListArg, parseNumberArg } from './args.js';
import { runCommand, type RunOptions } from './run.js';
import { UsageError } from './usage-error.js';

/** The package version (from package.json beside `dist/`). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** What a command's action sets: the exit code. */
export interface ExitBox {
  code: number;
}

const SIZE_NAMES = ['small', 'default', 'large'] as const;

/** Makes commander print usage errors as one line ("tessera run: error: …; see …") on stderr. */
function configureErrors(cmd: Command, path: string): Command {
  return cmd.exitOverride().configureOutput({
    outputError: (str, write) => {
      const msg = str.trim().replace(/\s*\n\s*/g, ' ').replace(/^error: /, '');
      write(`${path}: error: ${msg} (see '${path} --help')\n`);
    },
  });
}

function addRunCommand(run: Command, w: Workload, box: ExitBox): void {
  const cmd = configureErrors(run.command(w.name), `tessera run ${w.name}`)
    .description(`${w.summary}${w.sequentialOnly ? ' (sequential; on the pool it runs as one task)' : ''}`)
    .addOption(new Option('-t, --threads <n>', 'worker threads (default: pool.threads from the config, else all cores)').argParser(parseIntArg(1, 1024)))
    .addOption(new Option('-s, --schedule <policy>', `split of the work units: ${SCHEDULES.join(' or ')} (default: par.schedule of the config, else ${w.defaultSchedule}; guided and adaptive there run as dynamic)`).argParser(parseChoiceArg(SCHEDULES)))
    .addOption(new Option('--size <name>', `named size: ${Object.keys(w.sizes).join(', ')} (default: default, the spec's)`).argParser(parseChoiceArg(SIZE_NAMES)));
  for (const o of w.options) {
    const opt = new Option(`--${o.flag} ${o.arg}`, o.description);
    if (o.kind === 'int') opt.argParser(parseIntArg(o.min ?? 1));
    else if (o.kind === 'number') opt.argParser(parseNumberArg(o.min ?? 0));
    else opt.argParser(parseChoiceArg(o.choices!));
    opt.attributeName = () => o.param;
    cmd.addOption(opt);
  }
  const extra = w.extra;
  if (extra !== undefined) {
    cmd.addOption(
      new Option(`--${extra.flag} ${extra.arg}`, extra.description).argParser((value: string) => {
        try {
          extra.validate(value);
        } catch (e) {
          throw new InvalidArgumentError((e as Error).message);
        }
        return value;
      }),
    );
  }
  cmd
    .option('--compare', 'also run the sequential reference: speedup and whether the outputs are identical')
    .option('--sequential', 'run only the sequential reference (main thread)')
    .option('--json', 'print one JSON object (no progress bar)')
    .option('-c, --config <file>', 'configuration file (default: $TESSERA_CONFIG or ./tessera.toml)')
    .action(async (opts: RunOptions) => {
      box.code = await runCommand(w, opts);
    });
}

/**
 * Builds the program. Actions store their exit code in `box`.
 * @example
 * const box = { code: 0 };
 * await buildProgram(box).parseAsync(process.argv);
 */
export function buildProgram(box: ExitBox): Command {
  const program = configureErrors(new Command('tessera'), 'tessera')
    .description('Tessera: parallel computing runtime for TypeScript on Node.js — workloads, benchmarks, configuration')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true);

  const run = configureErrors(program.command('run'), 'tessera run')
    .description('run a workload on the pool and print its outputs')
    .usage('<workload> [options]')
    .addHelpText('after', `\nExamples:\n  tessera run mandelbrot --threads 4 --compare\n  tessera run mandelbrot --size large --schedule static\n  tessera run npb-ep --class W --json\n  tessera run fem-poisson --table\n\n'tessera run <workload> --help' lists the workload's size options.`);
  for (const w of WORKLOADS) addRunCommand(run, w, box);
  // Reached only when no workload subcommand matched.
  run.argument('[workload]').action((name: string | undefined) => {
    const names = WORKLOADS.map((w) => w.name).join(', ');
    throw new UsageError(name === undefined ? `missing workload. Expected one of ${names}.` : `unknown workload '${name}'. Expected one of ${names}.`, 'tessera run');
  });

  configureErrors(program.command('bench'), 'tessera bench')
    .description('benchmark sequential vs parallel runs (and C/OpenMP with --native): median seconds, speedup, efficiency')
    .argument('[workloads...]', `workloads to run (default: all): ${WORKLOADS.map((w) => w.name).join(', ')}`)
    .addOption(new Option('-t, --threads <list>', 'thread counts, comma-separated (default: 1, powers of two, all cores)').argParser(parseIntListArg(1, 1024)))
    .addOption(new Option('-r, --repeat <k>', 'runs of each variant, interleaved').argParser(parseIntArg(1, 1000)).default(3, '3'))
    .addOption(new Option('-s, --schedule <policy>', `${SCHEDULES.join(' or ')} (default: par.schedule of the config, else each workload's; guided and adaptive there run as dynamic)`).argParser(parseChoiceArg(SCHEDULES)))
    .addOption(new Option('--size <name>', 'small, default or large (default: the bench sizes: spec defaults, nbody-bench-game 5e6 steps, npb-ep class W)').argParser(parseChoiceArg(SIZE_NAMES)))
    .option('--native', 'also build and run the C/OpenMP references of bench/native/ (needs a C compiler with OpenMP)')
    .option('--json', 'print one JSON object')
    .option('-c, --config <file>', 'configuration file (default: $TESSERA_CONFIG or ./tessera.toml)')
    .addHelpText('after', '\nExamples:\n  tessera bench --native\n  tessera bench mandelbrot heat2d --threads 1,2,4 --repeat 5')
    .action(async (names: string[], opts: BenchOptions) => {
      box.code = await benchCommand(names, opts);
    });

  const config = configureErrors(program.command('config'), 'tessera config').description('configuration (tessera.toml, TESSERA_* variables)');
  config.argument('[command]').action((name: string | undefined) => {
    throw new UsageError(name === undefined ? 'missing subcommand. Expected: check.' : `unknown subcommand '${name}'. Expected: check.`, 'tessera config');
  });
  configureErrors(config.command('check'), 'tessera config check')
    .description('validate a configuration file and print the effective configuration with the source of each value')
    .argument('[file]', 'the file (default: $TESSERA_CONFIG or ./tessera.toml)')
    .option('--json', 'print one JSON object')
    .addHelpText('after', '\nPrecedence: defaults < file < TESSERA_* environment variables < command-line flags.\nEnvironment names: TESSERA_<SECTION>_<KEY>, e.g. TESSERA_POOL_THREADS=4, TESSERA_PAR_SCHEDULE=guided.\n[par] schedule (auto, static, dynamic, guided, adaptive), min_chunk and max_chunk set the iterator defaults of pools built with createPool();\nworkloads (tessera run, bench) follow par.schedule and run guided and adaptive as dynamic.')
    .action(async (file: string | undefined, opts: { json?: boolean }) => {
      box.code = await configCheckCommand(file, opts);
    });
  return program;
}
