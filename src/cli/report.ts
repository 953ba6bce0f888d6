/**
 * Formatting of run results for people (aligned text) and for machines (JSON), and the
 * machine description both print.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';

/** This machine, as printed with every run and benchmark. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages. */
  loadavg: number[];
}

/** Describes this machine now (the load average is read at the call). */
export function machineInfo(): MachineInfo {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** A value for a text report: numbers in full (shortest round-trip) form, arrays as JSON. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Seconds with three decimals. */
export function secs(x: number): string {
  return x.toFixed(3);
}

/** `key value` lines, keys padded to one column. */
export function keyValueLines(record: Record<string, unknown>, indent = '  '): string[] {
  const keys = Object.keys(record);
  const w = Math.max(...keys.map((k) => k.length));
  return keys.map((k) => `${indent}${k.padEnd(w)}  ${formatValue(record[k])}`);
}

/** JSON.stringify that writes non-finite numbers as strings ("Infinity") instead of null. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

/** A Markdown table. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (rightAligned[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)];
}
