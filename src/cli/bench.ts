/**
 * `tessera bench`: sequential and parallel runs of workloads, K times each, interleaved
 * (and, with `--native`, the C/OpenMP references in the same run); prints the median
 * seconds, the speedup and the parallel efficiency per thread count, and how Tessera's
 * speedup compares with OpenMP's.
 */
import { availableParallelism } from 'node:os';
import { createPool, type ParSchedule, type Pool } from 'tessera';
import { WORKLOADS, differingOutputs, findWorkload, workloadSchedule, type Schedule, type SizeName, type Workload } from '../workloads/registry.js';
import { commandConfig, scheduleNote } from './command-config.js';
import { prepareNative, type NativeRunner } from './native.js';
import { progressBar } from './progress-bar.js';
import { machineInfo, markdownTable, secs, toJson, type MachineInfo } from './report.js';
import { runParams } from './run.js';
import { EXIT_FAILURE, UsageError } from './usage-error.js';

/** Options of `tessera bench`. */
export interface BenchOptions {
  threads?: number[];
  repeat: number;
  schedule?: Schedule;
  size?: SizeName;
  native?: boolean;
  json?: boolean;
  config?: string;
}

/** Timings of one variant (sequential, parallel at T threads, C at T threads). */
export interface Series {
  runs: number[];
  median: number;
}

/** The results of one workload. */
export interface WorkloadBench {
  workload: string;
  size: string;
  parameters: Record<string, unknown>;
  /** The policy the parallel runs used. */
  schedule: Schedule;
  /** The value of `par.schedule` (`auto`: the workload's default). */
  requestedSchedule: ParSchedule;
  /** Why `schedule` differs from `requestedSchedule` (guided and adaptive run as dynamic), else absent. */
  scheduleNote?: string;
  sequential: Series;
  /** By thread count. */
  parallel: Record<number, Series>;
  /** By thread count (1 always included); absent without `--native` or when the C program cannot run these parameters. */
  native?: Record<number, Series>;
  /** Output fields where a parallel run differed from the sequential one (should be empty). */
  differ: string[];
  /** Output fields where the C program differed from the TypeScript reference. */
  nativeDiffer?: string[];
  /** The self-check of the last sequential run. */
  verified: boolean;
}

/** The whole benchmark. */
export interface BenchReport {
  machine: MachineInfo;
  loadavgStart: number[];
  loadavgEnd: number[];
  repeat: number;
  threads: number[];
  native: { compiler: string } | { error: string } | null;
  results: WorkloadBench[];
}

/** Median of a non-empty list (mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function series(runs: number[]): Series {
  return { runs, median: median(runs) };
}

/** Default thread counts: 1, powers of two below the core count, and the core count. */
export function defaultThreadCounts(cores = availableParallelism()): number[] {
  const out = [1];
  for (let t = 2; t < cores; t *= 2) out.push(t);
  if (cores > 1) out.push(cores);
  return out;
}

/** Runs the benchmark; resolves to the exit code. */
export async function benchCommand(names: string[], opts: BenchOptions): Promise<number> {
  const workloads: Workload[] = [];
  for (const name of names.length === 0 ? WORKLOADS.map((w) => w.name) : names) {
    const w = findWorkload(name);
    if (w === undefined) throw new UsageError(`unknown workload '${name}'. Expected one of ${WORKLOADS.map((x) => x.name).join(', ')}.`, 'tessera bench');
    workloads.push(w);
  }
  const loaded = await commandConfig({ config: opts.config, schedule: opts.schedule });
  const { config } = loaded;
  const threads = opts.threads ?? (config.pool.threads !== undefined ? [...new Set([1, config.pool.threads])] : defaultThreadCounts());
  const plans = workloads.map((w) => {
    const params = opts.size === undefined ? runParams(w, undefined, { ...w.benchParams }) : runParams(w, opts.size, {});
    return { w, params, plan: workloadSchedule(config.par.schedule, w.defaultSchedule) };
  });

  let native: NativeRunner | undefined;
  let nativeInfo: BenchReport['native'] = null;
  if (opts.native === true) {
    const r = prepareNative();
    if ('error' in r) {
      nativeInfo = { error: r.error };
      process.stderr.write(`tessera bench: --native: ${r.error}; continuing without the C references\n`);
    } else {
      native = r;
      nativeInfo = { compiler: r.compiler };
    }
  }
  const nativeThreads = [...new Set([1, ...threads])].sort((a, b) => a - b);

  const loadavgStart = machineInfo().loadavg;
  const pools = new Map<number, Pool>();
  const poolFor = (t: number): Pool => {
    let p = pools.get(t);
    if (p === undefined) {
      p = createPool(loaded, { threads: t });
      pools.set(t, p);
    }
    return p;
  };
  const perRep = (plan: (typeof plans)[number]): number => 1 + threads.length + (native !== undefined && plan.w.native(plan.params) !== undefined ? nativeThreads.length : 0);
  const total = plans.reduce((s, p) => s + perRep(p) * opts.repeat, 0);
  const bar = progressBar('bench', opts.json === true, 'runs');
  let done = 0;
  const results: WorkloadBench[] = [];
  try {
    for (const { w, params, plan } of plans) {
      const schedule = plan.schedule;
      const seqRuns: number[] = [];
      const parRuns = new Map<number, number[]>(threads.map((t) => [t, []]));
      const cArgs = native === undefined ? undefined : w.native(params);
      const cRuns = new Map<number, number[]>(nativeThreads.map((t) => [t, []]));
      const differ = new Set<string>();
      const nativeDiffer = new Set<string>();
      let verified = true;
      let reference: Record<string, unknown> | undefined;
      for (let rep = 0; rep < opts.repeat; rep++) {
        // Interleave: sequential, parallel per thread count, C per thread count; every other
        // repetition in reverse order, so slow drifts of the machine's load hit all alike.
        const steps: (() => Promise<void>)[] = [];
        steps.push(async () => {
          const o = w.sequential(params);
          reference ??= o;
          seqRuns.push(w.seconds(o));
          for (const k of differingOutputs(w, reference, o)) differ.add(k);
          verified &&= w.verify(params, o).passed;
          await Promise.resolve();
        });
        for (const t of threads) {
          steps.push(async () => {
            const o = await w.parallel(poolFor(t), params, { schedule });
            parRuns.get(t)!.push(w.seconds(o));
            if (reference !== undefined) for (const k of differingOutputs(w, reference, o)) differ.add(k);
            verified &&= w.verify(params, o).passed;
          });
        }
        if (native !== undefined && cArgs !== undefined) {
          for (const t of nativeThreads) {
            steps.push(async () => {
              const o = await native.run(cArgs.program, cArgs.args, t);
              cRuns.get(t)!.push(w.seconds(o));
              if (reference !== undefined) for (const k of differingOutputs(w, reference, o)) nativeDiffer.add(k);
            });
          }
        }
        // The first repetition starts with the sequential run, so every later run can be compared with it.
        if (rep % 2 === 1) steps.reverse();
        for (const step of steps) {
          await step();
          bar.update(++done, total);
        }
      }
      const r: WorkloadBench = {
        workload: w.name,
        size: w.describe(params),
        parameters: params,
        schedule,
        requestedSchedule: plan.requested,
        sequential: series(seqRuns),
        parallel: Object.fromEntries([...parRuns].map(([t, runs]) => [t, series(runs)])),
        differ: [...differ],
        verified,
      };
      const note = scheduleNote(plan, loaded);
      if (note !== undefined) r.scheduleNote = note;
      if (native !== undefined && cArgs !== undefined) {
        r.native = Object.fromEntries([...cRuns].map(([t, runs]) => [t, series(runs)]));
        r.nativeDiffer = [...nativeDiffer];
      }
      results.push(r);
    }
  } finally {
    bar.stop();
    await Promise.all([...pools.values()].map((p) => p.close()));
  }
  const report: BenchReport = { machine: machineInfo(), loadavgStart, loadavgEnd: machineInfo().loadavg, repeat: opts.repeat, threads, native: nativeInfo, results };
  const failed = results.some((r) => r.differ.length > 0 || !r.verified);
  if (opts.json === true) process.stdout.write(`${toJson(report)}\n`);
  else process.stdout.write(`${formatBench(report).join('\n')}\n`);
  return failed ? EXIT_FAILURE : 0;
}

/** The report as text: machine, load, and a Markdown table of medians, speedups and efficiencies. */
export function formatBench(report: BenchReport): string[] {
  const m = report.machine;
  const withNative = report.results.some((r) => r.native !== undefined);
  const lines = [
    `machine: ${m.cpuModel}, ${m.cores} cores, node ${m.node}, ${m.platform}`,
    `load average (1/5/15 min): ${report.loadavgStart.join(' / ')} at start, ${report.loadavgEnd.join(' / ')} at end`,
    `median of ${report.repeat} interleaved runs per variant; speedup = sequential / parallel; efficiency = speedup / threads`,
  ];
  const notes = [...new Set(report.results.flatMap((r) => (r.scheduleNote === undefined ? [] : [r.scheduleNote])))];
  lines.push(...notes.map((n) => `schedule: ${n}`));
  if (report.native !== null) lines.push('error' in report.native ? `native: not run (${report.native.error})` : `native: ${report.native.compiler}; C speedup = C 1 thread / C T threads; ratio = Tessera speedup / C speedup`);
  lines.push('');
  const header = ['workload', 'size', 'schedule', 'threads', 'TS seq (s)', 'TS par (s)', 'speedup', 'efficiency'];
  const right = [false, false, false, true, true, true, true, true];
  if (withNative) {
    header.push('C 1T (s)', 'C (s)', 'C speedup', 'ratio');
    right.push(true, true, true, true);
  }
  header.push('outputs');
  right.push(false);
  const rows: string[][] = [];
  for (const r of report.results) {
    for (const t of report.threads) {
      const par = r.parallel[t]!;
      const speedup = r.sequential.median / par.median;
      const row = [r.workload, r.size, r.schedule, String(t), secs(r.sequential.median), secs(par.median), `${speedup.toFixed(2)}x`, `${((100 * speedup) / t).toFixed(0)}%`];
      if (withNative) {
        const c1 = r.native?.[1];
        const ct = r.native?.[t];
        if (c1 !== undefined && ct !== undefined) {
          const cs = c1.median / ct.median;
          row.push(secs(c1.median), secs(ct.median), `${cs.toFixed(2)}x`, `${(speedup / cs).toFixed(2)}`);
        } else row.push('–', '–', '–', '–');
      }
      const notes: string[] = [];
      notes.push(r.differ.length === 0 ? 'identical' : `DIFFER: ${r.differ.join(', ')}`);
      if (!r.verified) notes.push('CHECK FAILED');
      if (r.nativeDiffer !== undefined) notes.push(r.nativeDiffer.length === 0 ? 'C identical' : `C differs: ${r.nativeDiffer.join(', ')}`);
      row.push(notes.join('; '));
      rows.push(row);
    }
  }
  lines.push(...markdownTable(header, rows, right));
  return lines;
}
