/**
 * The contracts between the code generator (plumbing/codegen.ts) and the
 * adapters and consumers: each adapter contributes an {@link OpEmit}, each
 * consumer a {@link TermEmit}.
 */
import type { Emitter } from './emitter.js';
import type { ChainDesc, OpDesc, TermDesc } from './plan.js';

/** Where an adapter's fragment is emitted. */
export interface EmitScope {
  readonly e: Emitter;
  /** The variable holding the current index (of the innermost indexed stage). */
  readonly idx: string;
  /** Emits the item at `idx` of an indexed chain; returns the variable holding it. */
  indexed(chain: ChainDesc, idx: string): string;
}

/**
 * An adapter's per-item step: given the variable `v` holding the incoming
 * item, emits statements and returns the variable holding the outgoing item.
 * `continue` skips the item; opening a block (flatMap) turns the rest of the
 * chain into its body.
 */
export type OpEmit<O extends OpDesc = OpDesc> = (s: EmitScope, op: O, v: string) => string;

/** A consumer's code: declarations at the start of a leaf, a step per item, the leaf's result. */
export interface TermEmit<T extends TermDesc = TermDesc> {
  init(e: Emitter, t: T): void;
  /** May `return` early (any, all, find). `$t_S.n` is a count the runner reads after the leaf. */
  step(s: EmitScope, t: T, v: string): void;
  /** Emits the `return` of the leaf's result. */
  end(e: Emitter, t: T): void;
}
