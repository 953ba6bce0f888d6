/**
 * Test support: the static import and re-export statements of a file in dist/bundle/
 * (`import{a,b}from"./chunk-x.js"`, `import"x"`, `export{…}from"x"`, `export*from"x"`),
 * read from the bundled text. Dynamic `import("…")` is not a statement and is skipped.
 */
import { readFileSync } from 'node:fs';

/** One static import or re-export: where from, and the names it binds (empty for `import "x"`, `*`). */
export interface BundleImport {
  from: string;
  names: string[];
}

/** The static imports of `dist/bundle/<file>`. */
export function bundleImports(file: string): BundleImport[] {
  const text = readFileSync(new URL(`../../../dist/bundle/${file}`, import.meta.url), 'utf8');
  const out: BundleImport[] = [];
  for (const m of text.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:([\w*{}\s,$]*?)\s*from\s*)?"([^"]+)"/g)) {
    const braces = /\{([^}]*)\}/.exec(m[1] ?? '');
    out.push({ from: m[2]!, names: braces === null ? [] : braces[1]!.split(',').map((b) => b.trim().split(/\s+as\s+/)[0]!).filter((b) => b !== '') });
  }
  return out;
}
