/**
 * The zod schema of `tessera.toml`, built from the key table (`keys.ts`), and the
 * validation of one configuration layer with messages that name the key and the
 * expected form.
 */
import { z } from 'zod';
import { describeValue } from '../shared/errors.js';
import type { ConfigIssue } from './errors.js';
import { CONFIG_KEYS, configKey, expectedText, type ConfigKey } from './keys.js';

/** A tree of key names (tables) ending in keys. */
interface KeyTree {
  [name: string]: KeyTree | ConfigKey;
}

function isKey(node: KeyTree | ConfigKey): node is ConfigKey {
  return typeof (node as ConfigKey).path === 'string' && typeof (node as ConfigKey).kind === 'string';
}

/** The key table as a tree of tables (`pool` → `idle` → `spin_micros`). */
export function keyTree(): KeyTree {
  const root: KeyTree = {};
  for (const key of CONFIG_KEYS) {
    const parts = key.path.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as KeyTree;
    node[parts.at(-1)!] = key;
  }
  return root;
}

function leafSchema(key: ConfigKey): z.ZodType {
  let s: z.ZodType;
  switch (key.kind) {
    case 'int':
    case 'number': {
      let n = z.number();
      if (key.kind === 'int') n = n.int();
      if (key.min !== undefined) n = n.min(key.min);
      if (key.max !== undefined) n = n.max(key.max);
      s = key.infinity === true ? z.union([n, z.literal(Infinity)]) : n;
      break;
    }
    case 'boolean':
      s = z.boolean();
      break;
    case 'enum':
      s = z.enum(key.values as [string, ...string[]]);
      break;
    case 'string':
      s = key.pattern === undefined ? z.string() : z.string().regex(key.pattern.regex);
      break;
  }
  return s.optional();
}

function tableSchema(tree: KeyTree): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, node] of Object.entries(tree)) shape[name] = isKey(node) ? leafSchema(node) : tableSchema(node);
  return z.strictObject(shape).optional();
}

/** The schema of a whole (partial) configuration document: every key optional, unknown keys rejected. */
export const configSchema: z.ZodType = tableSchema(keyTree());

function valueAt(values: unknown, path: readonly PropertyKey[]): unknown {
  let v = values;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

function childrenAt(path: readonly PropertyKey[]): string[] {
  let node: KeyTree | ConfigKey = keyTree();
  for (const p of path) {
    if (isKey(node)) return [];
    const next: KeyTree | ConfigKey | undefined = node[String(p)];
    if (next === undefined) return [];
    node = next;
  }
  return isKey(node) ? [] : Object.keys(node);
}

/**
 * Validates one layer of configuration values (a parsed file, the environment, flags).
 * @param values the layer's (partial) configuration tree
 * @param source where the values came from, quoted in each issue
 * @returns every rejected value; empty when the layer is valid
 */
export function validateLayer(values: unknown, source: string): ConfigIssue[] {
  const result = configSchema.safeParse(values);
  if (result.success) return [];
  const issues: ConfigIssue[] = [];
  for (const issue of result.error.issues) {
    const at = issue.path;
    if (issue.code === 'unrecognized_keys') {
      const what = at.length === 0 ? 'unknown section' : 'unknown key';
      const known = childrenAt(at).join(', ');
      for (const k of issue.keys) issues.push({ path: [...at, k].join('.'), message: `${what} (expected one of: ${known})`, source });
      continue;
    }
    const path = at.join('.');
    const key = configKey(path);
    const value = valueAt(values, at);
    if (key !== undefined) issues.push({ path, message: `expected ${expectedText(key)}, got ${describeValue(value)}`, source });
    else issues.push({ path, message: `expected a table of keys (${childrenAt(at).join(', ')}), got ${describeValue(value)}`, source });
  }
  // A union (numbers with `inf`) can report one value twice.
  return issues.filter((i, n) => issues.findIndex((j) => j.path === i.path && j.message === i.message) === n);
}
