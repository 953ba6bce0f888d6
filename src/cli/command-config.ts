/**
 * The configuration of a command that runs workloads: `tessera.toml` (`--config`,
 * `$TESSERA_CONFIG` or the working directory), the `TESSERA_*` variables and the command's
 * flags, loaded by the library's `loadConfig` (so `tessera run` sees what a program sees),
 * and how a run reports the schedule it ran.
 */
import { loadConfig, type LoadedConfig } from 'tessera';
// Named modules, not the config barrel: `tessera --help` need not load zod and smol-toml.
import { flagLayer, type ConfigLayer } from '../config/layer.js';
import type { EffectiveSchedule, Schedule } from '../workloads/registry.js';

/** The flags of a command that override configuration keys. */
export interface ConfigFlags {
  /** `--config <file>`. */
  config?: string;
  /** `--threads <n>` → `pool.threads`. */
  threads?: number;
  /** `--schedule <policy>` → `par.schedule`. */
  schedule?: Schedule;
}

/**
 * Loads the configuration with the flags as the highest layer (each flag is the source of
 * its value in messages: `--threads`).
 * @throws ConfigError (rejects) listing every rejected value
 */
export function commandConfig(flags: ConfigFlags): Promise<LoadedConfig> {
  const overrides: ConfigLayer[] = [];
  if (flags.threads !== undefined) overrides.push(flagLayer('pool.threads', flags.threads, '--threads'));
  if (flags.schedule !== undefined) overrides.push(flagLayer('par.schedule', flags.schedule, '--schedule'));
  return loadConfig(flags.config === undefined ? { overrides } : { file: flags.config, overrides });
}

/**
 * Why a workload runs another policy than `par.schedule` names, for the report:
 * `par.schedule = "adaptive" from env TESSERA_PAR_SCHEDULE; workloads run guided and adaptive as dynamic`,
 * or `undefined` when it runs the named one (or its default for `auto`).
 */
export function scheduleNote(plan: EffectiveSchedule, loaded: LoadedConfig): string | undefined {
  if (plan.note === undefined) return undefined;
  const source = loaded.entries.find((e) => e.path === 'par.schedule')?.source ?? 'default';
  return `par.schedule = "${plan.requested}" from ${source}; ${plan.note}`;
}
