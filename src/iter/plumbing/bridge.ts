/**
 * The bridge (main thread): runs one operation of a chain on the pool.
 *
 * 1. resolve the options and split the index space into leaves
 *    (plumbing/leaves.ts) — from the length and chunk bounds only;
 * 2. materialize the chain's sources (copies go to reusable scratch memory,
 *    see source.ts) and take a scratch block for the control words and the
 *    float64 partials (plumbing/control.ts);
 * 3. submit one runner task per thread (`min(threads, leaves)` of them) to
 *    the iterator's task module (chain-kernel.ts); each claims leaves under
 *    the scheduling policy and runs the generated leaf function on them;
 * 4. wait for every runner (so that scratch memory is never reused while a
 *    runner could still touch it), then pick the lowest decisive leaf: an
 *    error there rejects the operation; otherwise the consumer combines the
 *    partial results in leaf order.
 */
import type { Pool } from '../../core/pool.js';
import type { Remote } from '../../core/remote.js';
import { recordToError, type ErrorRecord } from '../../core/error-codec.js';
import { store } from '../../memory/atomics.js';
import type { ElementArrays, ElementKind } from '../../memory/shared-array.js';
import { elementBytes, viewShared } from '../../memory/shared-array.js';
import { CancelledError } from '../../shared/errors.js';
import { materialize, type LazyChain } from '../source.js';
import { resolveIterOptions, type CallOptions, type IterOptions } from '../options.js';
import { C_CANCEL, C_STOP, ScratchPool, controlWords, type ScratchBlock } from './control.js';
import { splitLeaves } from './leaves.js';
import { EV_DECIDED, EV_ERROR, SCHEDULES, TERM_MODES, type ChainDesc, type JobDesc, type TermDesc } from './plan.js';
import { initRanges } from './schedule.js';

type ChainKernel = typeof import('../chain-kernel.js');

/** What the iterator layer keeps per pool. */
export interface IterRuntime {
  /** The iterator's task module, loaded once per pool. */
  kernel(): Promise<Remote<ChainKernel>>;
  readonly scratch: ScratchPool;
}

const runtimes = new WeakMap<Pool, IterRuntime>();

/** The iterator runtime of `pool` (created on first use). */
export function runtimeOf(pool: Pool): IterRuntime {
  let rt = runtimes.get(pool);
  if (rt === undefined) {
    let loaded: Promise<Remote<ChainKernel>> | undefined;
    rt = {
      kernel: () => (loaded ??= pool.load<ChainKernel>(new URL('../chain-kernel.js', import.meta.url))),
      scratch: new ScratchPool(),
    };
    runtimes.set(pool, rt);
  }
  return rt;
}

/** What a consumer's term builder can use once the chain is materialized. */
export interface Materialized {
  readonly chain: ChainDesc;
  /** Items in the top-level index space. */
  readonly n: number;
  /** A shared typed array from scratch memory, valid until the operation ends. */
  scratchArray<K extends ElementKind>(kind: K, length: number): ElementArrays[K];
}

/** A leaf's value (`value` mode) or decisive result. */
export interface LeafValue {
  readonly leaf: number;
  readonly value: unknown;
  readonly n: number;
}

/** The results of every leaf, for the consumer to combine. */
export interface Outcome {
  readonly n: number;
  readonly leaves: number;
  readonly leafSize: number;
  /** `f64`: one per leaf; `f64n`: value and count per leaf (a private copy). */
  readonly parts: Float64Array;
  /** `value` mode: one per leaf that ran, in leaf order. */
  readonly values: LeafValue[];
  /** `decide` mode: the lowest leaf that decided, if any. */
  readonly decided: LeafValue | undefined;
}

/** The parts of an iterator the bridge reads. */
export interface Drivable {
  readonly pool: Pool;
  readonly chain: LazyChain;
  readonly options: IterOptions;
}

/**
 * Runs `term` over the chain of `it` and hands every leaf's result to `finish`.
 * @throws (rejects) the error of the lowest failing leaf, `CancelledError`, or a runner's own failure.
 */
export async function drive<R>(
  it: Drivable,
  term: TermDesc | ((m: Materialized) => TermDesc),
  call: CallOptions | undefined,
  finish: (o: Outcome) => R | Promise<R>,
): Promise<R> {
  const pool = it.pool;
  const o = resolveIterOptions(pool, it.options, call);
  const n = it.chain.len;
  const { leafSize, leaves } = splitLeaves(n, o.minChunk, o.maxChunk);
  if (o.signal?.aborted) throw new CancelledError('The operation was cancelled before it started', { cause: o.signal.reason });
  if (leaves === 0) return finish({ n, leaves, leafSize, parts: new Float64Array(0), values: [], decided: undefined });
  const rt = runtimeOf(pool);
  const remote = await rt.kernel();
  const taken: ScratchBlock[] = [];
  const give = () => {
    for (const b of taken) rt.scratch.give(b);
    taken.length = 0;
  };
  let onAbort: (() => void) | undefined;
  try {
    const chain = materialize(it.chain, rt.scratch, taken);
    const m: Materialized = {
      chain,
      n,
      scratchArray: (kind, length) => {
        const block = rt.scratch.take(length * elementBytes(kind));
        taken.push(block);
        return viewShared(kind, block.sab, 0, length);
      },
    };
    const t = typeof term === 'function' ? term(m) : term;
    const mode = TERM_MODES[t.t];
    const runners = Math.min(pool.threads, leaves);
    const words = controlWords(runners);
    const partLen = mode === 'f64' ? leaves : mode === 'f64n' ? 2 * leaves : 0;
    const ctlBytes = words * 4;
    const block = rt.scratch.take(ctlBytes + partLen * 8);
    taken.push(block);
    const ctl = new Int32Array(block.sab, 0, words);
    ctl.fill(0);
    store(ctl, C_STOP, leaves);
    const schedule = SCHEDULES.indexOf(o.schedule);
    if (o.schedule === 'adaptive') initRanges(ctl, runners, leaves);
    const parts = new Float64Array(block.sab, ctlBytes, partLen);
    const job: JobDesc = { chain, term: t, n, leafSize, leaves, schedule, runners, ctl, parts };
    if (o.signal !== undefined) {
      onAbort = () => store(ctl, C_CANCEL, 1);
      o.signal.addEventListener('abort', onAbort, { once: true });
    }
    const runs: Promise<unknown[] | undefined>[] = [];
    for (let r = 0; r < runners; r++) runs.push(remote.runChain(job, r));
    const settled = await Promise.allSettled(runs);
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
    if (o.signal?.aborted) throw new CancelledError('The operation was cancelled', { cause: o.signal.reason });
    // The lowest decisive leaf wins: an error there rejects, a hit there is the answer.
    let first: { kind: number; leaf: number; value: unknown; n: number } | undefined;
    const values: LeafValue[] = [];
    for (const s of settled) {
      const ev = (s as PromiseFulfilledResult<unknown[] | undefined>).value;
      if (ev === undefined) continue;
      for (let i = 0; i < ev.length; i += 4) {
        const kind = ev[i] as number;
        const leaf = ev[i + 1] as number;
        if (kind === EV_ERROR || kind === EV_DECIDED) {
          if (first === undefined || leaf < first.leaf) first = { kind, leaf, value: ev[i + 2], n: ev[i + 3] as number };
        } else {
          values.push({ leaf, value: ev[i + 2], n: ev[i + 3] as number });
        }
      }
    }
    if (first?.kind === EV_ERROR) throw reviveError(first.value);
    values.sort((a, b) => a.leaf - b.leaf);
    const outcome: Outcome = { n, leaves, leafSize, parts: parts.slice(), values, decided: first };
    return await finish(outcome);
  } finally {
    if (onAbort !== undefined) o.signal?.removeEventListener('abort', onAbort);
    give();
  }
}

function reviveError(value: unknown): unknown {
  if (value instanceof Error) return value;
  if (value !== null && typeof value === 'object' && 'message' in value) return recordToError(value as ErrorRecord);
  return value;
}

