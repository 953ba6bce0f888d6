// The README's TypeScript examples type-check against the built package's declarations, and
// its tessera.toml example loads, so the README cannot drift from the API. Each ```ts block
// becomes a module of its own in build/readme-snippets/ (inside the package, so `tessera`
// resolves by self-reference),
// with declarations for the names a block takes from its surroundings (`kernels`, `pool`,
// the matrices…) and stub task modules (`./kernels.js`, `./counter.js`) it imports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { loadConfig } from 'tessera';

const root = new URL('../../../', import.meta.url);
const dir = new URL('build/readme-snippets/', root);

/** The ```<lang> blocks of README.md, with the line each starts on. */
function snippets(lang = 'ts'): { line: number; code: string }[] {
  const lines = readFileSync(new URL('README.md', root), 'utf8').split('\n');
  const out: { line: number; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== `\`\`\`${lang}`) continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1] !== '```') i++;
    out.push({ line: start + 1, code: lines.slice(start, i + 1).join('\n') });
    i++;
  }
  return out;
}

/**
 * What the blocks use without defining it (the README's prose introduces these): each
 * declaration is added to a block that uses one of its names and defines none of them.
 */
const CONTEXT: { names: string[]; decl: string }[] = [
  { names: ['pool'], decl: "declare const pool: import('tessera').Pool;" },
  { names: ['kernels'], decl: "declare const kernels: import('tessera').Remote<typeof import('./kernels.js')>;" },
  { names: ['params'], decl: 'declare const params: { steps: number };' },
  { names: ['a', 'b', 'm', 'k', 'n'], decl: 'declare const a: Float64Array, b: Float64Array, m: number, k: number, n: number;' },
  { names: ['source'], decl: 'declare const source: AsyncIterable<string>;' },
  { names: ['parse'], decl: 'declare function parse(line: string): number;' },
  { names: ['files'], decl: 'declare const files: string[];' },
  { names: ['readFile'], decl: 'declare function readFile(path: string): Promise<string>;' },
  { names: ['fibSeq'], decl: 'declare function fibSeq(n: number): number;' },
];

/** The names a block declares (const/let/var/function/class, also `y` in `const x = …, y = …`) or imports. */
function defined(code: string): Set<string> {
  const out = new Set<string>();
  for (const m of code.matchAll(/\b(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g)) out.add(m[1]!);
  for (const m of code.matchAll(/(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=[^,;\n]*,\s*([A-Za-z_$][\w$]*)\s*=/g)) out.add(m[2]!);
  for (const m of code.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}/g)) for (const n of m[1]!.split(',')) out.add(n.trim().split(/\s+as\s+/).pop()!);
  return out;
}

/** The declarations block `code` needs. */
function contextFor(code: string): string {
  const own = defined(code);
  const uses = (name: string) => new RegExp(`(?<![\\w$.])${name.replace('$', '\\$')}(?![\\w$])`).test(code);
  return CONTEXT.filter((c) => c.names.some(uses) && !c.names.some((x) => own.has(x))).map((c) => c.decl).join('\n');
}

/** The task modules the blocks load, with the signatures the README's calls assume. */
const KERNELS = `
import { Mutex, type MutexHandle } from 'tessera';
export function integrate(from: number, to: number, steps: number): number { return (to - from) / steps; }
export function fill(a: Float64Array, v: number): void { a.fill(v); }
export function simulate(p: { steps: number }): number { return p.steps; }
export function prepare(seed: number): Float64Array { return new Float64Array(4).fill(seed); }
export function combine(x: Float64Array, y: Float64Array): number { return x[0]! + y[0]!; }
export function score(x: number): number { return x; }
export function addUnderLock(h: MutexHandle, total: Float64Array, times: number): void {
  const mutex = Mutex.fromHandle(h);
  for (let i = 0; i < times; i++) { mutex.lock(); total[0]! += 1; mutex.unlock(); }
}
`;
const COUNTER = `
export class Counter {
  constructor(private n: number) {}
  add(x: number): number { this.n += x; return this.n; }
}
`;

test('docs - every TypeScript example in README.md type-checks against the package', () => {
  const blocks = snippets();
  assert.ok(blocks.length >= 5, `README has ${blocks.length} \`\`\`ts blocks`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('kernels.ts', dir), KERNELS);
  writeFileSync(new URL('counter.ts', dir), COUNTER);
  const files: string[] = [];
  const origin = new Map<string, { line: number; offset: number }>();
  for (const [i, b] of blocks.entries()) {
    const file = fileURLToPath(new URL(`snippet-${i + 1}.ts`, dir));
    // `{ … }` stands for a body the reader fills in; the blocks are modules (top-level await).
    const code = b.code.replaceAll('…', '');
    const context = contextFor(code);
    writeFileSync(file, `${context}\n${code}\nexport {};\n`);
    files.push(file);
    origin.set(file, { line: b.line, offset: context.split('\n').length });
  }
  const base = ts.readConfigFile(fileURLToPath(new URL('tsconfig.base.json', root)), (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(base.config, ts.sys, fileURLToPath(root));
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true, noUnusedLocals: false });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file === undefined || d.start === undefined) return text;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const at = origin.get(d.file.fileName);
    const where = at === undefined ? d.file.fileName : `README.md line ${at.line + line - at.offset}`;
    return `${where}: ${text}`;
  });
  assert.deepEqual(problems, []);
});

test('docs - the tessera.toml example in README.md loads as it reads', async () => {
  const blocks = snippets('toml');
  assert.equal(blocks.length, 1);
  mkdirSync(dir, { recursive: true });
  const file = fileURLToPath(new URL('tessera.toml', dir));
  writeFileSync(file, blocks[0]!.code);
  const { config } = await loadConfig({ file, env: {} });
  assert.equal(config.pool.threads, 8);
  assert.deepEqual([config.par.schedule, config.par.min_chunk, config.par.max_chunk], ['guided', 1024, Infinity]);
});
