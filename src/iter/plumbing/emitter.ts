/**
 * The code emitter: adapters and consumers describe their per-item step as
 * a JavaScript fragment, and the emitter assembles a chain into one function
 * per leaf, `leaf(lo, hi, state)`, with the user's inline functions pasted
 * in as constants so that V8 sees (and can inline) them. See iter/README.md,
 * "How a chain executes".
 *
 * Generated identifiers start with `$` and a letter (`$f0`, `$v3`, `$t_lo`),
 * and user functions are declared where only the factory's parameters are
 * in scope, so user code cannot see the generated locals: a free variable
 * in a user function still fails (and becomes a FreeVariableError).
 */
import type { FnDesc } from './plan.js';

/** Builds the source of one leaf function; see the module comment. */
export class Emitter {
  /** Factory-level declarations: the user's functions. */
  private readonly head: string[] = [];
  /** Data bindings: factory-level `let`s, assigned per execution by the instance function. */
  private readonly binds: { id: string; init: string }[] = [];
  /** Producer functions (factory level; they read the bindings). */
  private readonly helpers: string[] = [];
  private body: string[] = [];
  /** Closing lines of the blocks opened in the current body, innermost last. */
  private closers: string[] = [];
  private next = 0;
  private readonly fnIds = new Map<string, string>();
  /** Task-module functions, in the order of `$t_K`. */
  readonly modules: { module: string; name: string }[] = [];
  /** Values bound per execution, in the order of `$t_D`. */
  readonly data: unknown[] = [];
  /** True when some function is an inline source. */
  inline = false;

  /** The identifier of a user function (declared once per distinct function). */
  fn(f: FnDesc): string {
    const key = 'src' in f ? `s:${f.src}` : `m:${f.module}#${f.name}`;
    let id = this.fnIds.get(key);
    if (id !== undefined) return id;
    id = `$f${this.fnIds.size}`;
    this.fnIds.set(key, id);
    if ('src' in f) {
      this.inline = true;
      this.head.push(`const ${id} = (${f.src}\n);`);
    } else {
      this.head.push(`const ${id} = $t_K[${this.modules.length}]; // ${JSON.stringify(f.module)} ${JSON.stringify(f.name)}`);
      this.modules.push({ module: f.module, name: f.name });
    }
    return id;
  }

  /** The identifier of a value bound per execution; `wrap` may transform it (`$t_H.objects(x)`). */
  bind(value: unknown, wrap?: (ref: string) => string): string {
    const ref = `$t_D[${this.data.length}]`;
    this.data.push(value);
    const id = `$d${this.next++}`;
    this.binds.push({ id, init: wrap === undefined ? ref : wrap(ref) });
    return id;
  }

  /** A fresh local name. */
  temp(): string {
    return `$v${this.next++}`;
  }

  /** Appends a statement to the current body. */
  line(code: string): void {
    this.body.push(code);
  }

  /** Appends a statement that opens a block (`for (…) {`); `closer` ends it in {@link closeAll}. */
  openBlock(code: string, closer = '}'): void {
    this.body.push(code);
    this.closers.push(closer);
  }

  /** Closes every open block of the current body. */
  closeAll(): void {
    while (this.closers.length > 0) this.body.push(this.closers.pop()!);
  }

  /**
   * Emits a helper function `name(i)` at instance level whose body is
   * produced by `build` (which returns the result variable).
   */
  helper(param: string, build: () => string): string {
    const saved = this.body;
    const savedClosers = this.closers;
    this.body = [];
    this.closers = [];
    const v = build();
    this.closeAll();
    const name = `$p${this.next++}`;
    this.helpers.push(`function ${name}(${param}) {\n${this.body.join('\n')}\nreturn ${v};\n}`);
    this.body = saved;
    this.closers = savedClosers;
    return name;
  }

  /**
   * The complete factory source: `(K, random, H) => instance`, where `instance(D)` assigns
   * the bindings from `D` and returns the leaf — the same function every time, so V8
   * optimizes it once and keeps that code for every later execution (a fresh closure per
   * execution ran unoptimized for the first dozen or so operations: 26 instead of 15 ms
   * per 10 M elements). `instance(null)` clears the bindings. One execution at a time per
   * factory instance (the runner makes another instance for a nested one).
   */
  source(): string {
    const ids = this.binds.map((b) => b.id);
    return [
      '"use strict";',
      ...this.head,
      ...(ids.length > 0 ? [`let ${ids.join(', ')};`] : []),
      ...this.helpers,
      'function $t_leaf($t_lo, $t_hi, $t_S) {',
      ...this.body,
      '}',
      'return function $t_instance($t_D) {',
      'if ($t_D === null) {',
      ...ids.map((id) => `${id} = undefined;`),
      'return $t_leaf;',
      '}',
      ...this.binds.map((b) => `${b.id} = ${b.init};`),
      'return $t_leaf;',
      '};',
    ].join('\n');
  }
}
