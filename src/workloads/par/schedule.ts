/**
 * Scheduling policies of the parallel workloads: how the work units of a loop (tiles,
 * chunks, row blocks, batches) are handed to the pool's threads.
 *
 * - `static`: the units are cut into one contiguous block per thread (`blockRange`), as
 *   OpenMP's `schedule(static)`; no balancing, the least overhead.
 * - `dynamic`: every unit is its own piece of work, taken by whichever thread is free
 *   (one task per unit, or a shared counter inside a team), as `schedule(dynamic, 1)`.
 *
 * Results never depend on the policy: every workload combines per-unit partial results
 * in unit order (see `../README.md`).
 *
 * `[par] schedule` in `tessera.toml` (and `TESSERA_PAR_SCHEDULE`) also names the iterator
 * policies `guided` and `adaptive`; the configuration is shared by iterators and
 * workloads, so a workload runs those as `dynamic` (its load-balanced form) and says so
 * ({@link workloadSchedule}) rather than failing or silently ignoring them.
 */
import type { ParSchedule } from 'tessera';

/** A scheduling policy. */
export type Schedule = 'static' | 'dynamic';

/** Every scheduling policy, in documentation order. */
export const SCHEDULES: readonly Schedule[] = Object.freeze(['static', 'dynamic'] as const);

/** Options shared by the parallel versions of the workloads. */
export interface ParallelOptions {
  /** How work units are split over the threads. @default the workload's own default */
  schedule?: Schedule;
  /**
   * Called on the main thread as work progresses (units, iterations or residual digits
   * done out of `total`); at most a few times per second per thread.
   */
  onProgress?: (done: number, total: number) => void;
}

/** The policy a workload runs for a requested one, and why. */
export interface EffectiveSchedule {
  /** The policy the workload runs. */
  readonly schedule: Schedule;
  /** What was asked for (`auto`: the workload's own default). */
  readonly requested: ParSchedule;
  /** Set when the workload runs another policy than the one named: why. */
  readonly note?: string;
}

/**
 * The policy a workload runs when `requested` is asked for: `auto` → the workload's
 * default; `static`, `dynamic` → themselves; `guided`, `adaptive` → `dynamic` (workloads
 * implement static blocks and one-unit dynamic claiming; both iterator policies are
 * load-balancing ones, and `dynamic` is the workloads' load-balanced form), with a note.
 * @param requested the value of `par.schedule`
 * @param workloadDefault the workload's default policy
 */
export function workloadSchedule(requested: ParSchedule, workloadDefault: Schedule): EffectiveSchedule {
  switch (requested) {
    case 'auto':
      return { schedule: workloadDefault, requested };
    case 'static':
    case 'dynamic':
      return { schedule: requested, requested };
    case 'guided':
    case 'adaptive':
      return { schedule: 'dynamic', requested, note: 'workloads run guided and adaptive as dynamic' };
  }
}

/**
 * Checks a policy name.
 * @throws RangeError naming the value and the expected ones
 */
export function checkSchedule(value: unknown): Schedule {
  if (value !== 'static' && value !== 'dynamic') {
    throw new RangeError(`Expected \`schedule\` to be one of ${SCHEDULES.map((s) => `"${s}"`).join(', ')}, got \`${String(value)}\``);
  }
  return value;
}

/**
 * Block `part` of `units` units cut into `parts` contiguous blocks whose sizes differ by
 * at most one (the first `units mod parts` blocks are the larger ones).
 * @returns `[start, end)` (empty when there are more parts than units)
 */
export function blockRange(units: number, parts: number, part: number): [number, number] {
  const base = Math.floor(units / parts);
  const extra = units % parts;
  const start = part * base + Math.min(part, extra);
  return [start, start + base + (part < extra ? 1 : 0)];
}
