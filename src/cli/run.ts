/**
 * `tessera run <workload>`: one run of a workload on the pool (or sequentially), with a
 * progress bar on a terminal, the outputs, the timings, the self-check and, with
 * `--compare`, the speedup over the sequential reference.
 */
import { availableParallelism } from 'node:os';
import { createPool } from 'tessera';
import type { Schedule, SizeName, Workload } from '../workloads/registry.js';
import { comparableOutputs, differingOutputs, workloadSchedule } from '../workloads/registry.js';
import { commandConfig, scheduleNote } from './command-config.js';
import { progressBar } from './progress-bar.js';
import { keyValueLines, machineInfo, secs, toJson } from './report.js';
import { EXIT_FAILURE, UsageError } from './usage-error.js';

/** Options of `tessera run <workload>` (size flags are keyed by parameter name). */
export interface RunOptions {
  threads?: number;
  schedule?: Schedule;
  size?: SizeName;
  compare?: boolean;
  sequential?: boolean;
  json?: boolean;
  config?: string;
  [param: string]: unknown;
}

/**
 * The parameters of a run: the named size's, then the size flags, validated.
 * @throws UsageError for an undefined size or a parameter the workload rejects
 */
export function runParams(w: Workload, size: SizeName | undefined, flags: Record<string, unknown>): Record<string, unknown> {
  const base = w.sizes[size ?? 'default'];
  const command = `tessera run ${w.name}`;
  if (base === undefined) {
    throw new UsageError(`option '--size <name>' argument '${size}' is not defined for ${w.name}. Expected one of ${Object.keys(w.sizes).join(', ')}.`, command);
  }
  const given: Record<string, unknown> = { ...base };
  for (const o of w.options) if (flags[o.param] !== undefined) given[o.param] = flags[o.param];
  try {
    return w.resolve(given);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // Name the flag of the rejected parameter when there is one: "option '--n <n>': Expected `n` …".
    const param = /`(\w+)`/.exec(e.message)?.[1];
    const o = w.options.find((x) => x.param === param);
    throw new UsageError(o === undefined ? e.message : `option '--${o.flag} ${o.arg}' argument '${String(given[o.param])}' is invalid. ${e.message}.`, command);
  }
}

/** Runs the command; resolves to the exit code. */
export async function runCommand(w: Workload, opts: RunOptions): Promise<number> {
  const loaded = await commandConfig(opts);
  const { config } = loaded;
  const params = runParams(w, opts.size, opts);
  const threads = config.pool.threads ?? availableParallelism();
  const plan = workloadSchedule(config.par.schedule, w.defaultSchedule);
  const schedule = plan.schedule;
  const note = scheduleNote(plan, loaded);
  const sequentialOnly = opts.sequential === true;
  const quiet = opts.json === true;
  const extraValue = w.extra === undefined ? undefined : (opts[w.extra.flag] as string | true | undefined);

  const bar = progressBar(w.name, quiet);
  const wall0 = performance.now();
  let outputs: Record<string, unknown>;
  let seq: Record<string, unknown> | undefined;
  let extra: { json: unknown; lines: string[] } | undefined;
  if (sequentialOnly) {
    outputs = w.sequential(params);
    if (extraValue !== undefined) extra = await w.extra!.run(undefined, extraValue, params, {});
  } else {
    const pool = createPool(loaded, { threads });
    try {
      outputs = await w.parallel(pool, params, { schedule, onProgress: (d, t) => bar.update(d, t) });
      bar.stop();
      if (opts.compare === true) seq = w.sequential(params);
      if (extraValue !== undefined) extra = await w.extra!.run(pool, extraValue, params, { schedule });
    } finally {
      bar.stop();
      await pool.close();
    }
  }
  const wallSeconds = (performance.now() - wall0) / 1000;
  const seconds = w.seconds(outputs);
  const check = w.verify(params, outputs);
  const differ = seq === undefined ? [] : differingOutputs(w, seq, outputs);
  const speedup = seq === undefined ? undefined : w.seconds(seq) / seconds;
  const failed = !check.passed || differ.length > 0;

  if (opts.json === true) {
    const result: Record<string, unknown> = {
      workload: w.name,
      parameters: params,
      mode: sequentialOnly ? 'sequential' : 'parallel',
      threads: sequentialOnly ? 1 : threads,
      schedule: sequentialOnly ? null : schedule,
      requestedSchedule: sequentialOnly ? null : plan.requested,
      scheduleNote: sequentialOnly ? null : (note ?? null),
      outputs,
      seconds,
      wallSeconds,
      verification: check,
      loadavg: machineInfo().loadavg,
      machine: machineInfo(),
    };
    if (seq !== undefined) {
      result.sequential = { outputs: seq, seconds: w.seconds(seq) };
      result.speedup = speedup;
      result.efficiency = speedup! / threads;
      result.identical = differ.length === 0;
    }
    if (extra !== undefined) result[w.extra!.flag] = extra.json;
    process.stdout.write(`${toJson(result)}\n`);
    return failed ? EXIT_FAILURE : 0;
  }

  const lines: string[] = [];
  lines.push(`${w.name} (${w.describe(params)}): ${Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(' ')}`);
  lines.push(sequentialOnly ? 'sequential reference, main thread' : `parallel: ${threads} thread${threads === 1 ? '' : 's'}, schedule ${schedule}${note === undefined ? '' : ` (${note})`}${w.sequentialOnly ? ' (sequential workload: one task)' : ''}`);
  lines.push(...keyValueLines(comparableOutputs(w, outputs)));
  if (w.name === 'npb-ep') lines.push(...keyValueLines({ q: outputs.q }));
  lines.push(`time: ${secs(seconds)} s compute, ${secs(wallSeconds)} s wall${typeof outputs.gflops === 'number' ? `, ${outputs.gflops.toFixed(2)} GFLOP/s` : ''}`);
  lines.push(...check.lines.map((l) => `check: ${l}`));
  if (w.name === 'npb-ep') lines.push(`Verification = ${check.passed ? 'PASSED' : 'FAILED'}`);
  if (seq !== undefined) {
    const same = differ.length === 0 ? 'outputs identical' : `OUTPUTS DIFFER: ${differ.join(', ')}`;
    lines.push(`compare: sequential ${secs(w.seconds(seq))} s, speedup ${speedup!.toFixed(2)}x (efficiency ${((100 * speedup!) / threads).toFixed(0)}%), ${same}`);
  }
  if (extra !== undefined) lines.push('', ...extra.lines);
  process.stdout.write(`${lines.join('\n')}\n`);
  return failed ? EXIT_FAILURE : 0;
}
