/**
 * The runner (worker side): one task of an operation. It compiles the
 * chain's leaf function (cached per worker by its source), then claims
 * leaves under the job's scheduling policy and runs them until none is left:
 *
 * - before each leaf it reads the stop word and skips leaves above the
 *   lowest decisive leaf (an error, or an any/all/find hit), and stops when
 *   the operation was cancelled;
 * - a leaf that throws is recorded with its index and lowers the stop word,
 *   so later leaves are cancelled while earlier ones still run: the error of
 *   the lowest failing leaf is the one the caller sees, whatever the timing;
 * - a leaf's result goes to the shared partials (`f64`, `f64n`) or into the
 *   runner's result (`value`, `decide`) as `[kind, leaf, value, n]` events.
 */
import { errorToRecord } from '../../core/error-codec.js';
import { explainInlineError } from '../../core/inline-function.js';
import { add, cas, load } from '../../memory/atomics.js';
import { random } from '../random.js';
import { objectReader } from '../source.js';
import { C_CANCEL, C_DONE, C_STOP } from './control.js';
import { generate, type Generated } from './codegen.js';
import { importModules, importedModules, resolveFn } from './resolve.js';
import { EV_DECIDED, EV_ERROR, EV_VALUE, type JobDesc, type SourceDesc } from './plan.js';
import { claimer } from './schedule.js';

/** A leaf function: folds items `[lo, hi)`; may set `state.n`. */
type Leaf = (lo: number, hi: number, state: { n: number }) => unknown;
type Instance = (data: unknown[] | null) => Leaf;

/** Helpers the generated code calls (`$t_H`). */
const HELPERS = {
  objects: (s: Extract<SourceDesc, { t: 'objects' }>) => objectReader(s),
  gather: (produce: (i: number) => unknown, lo: number, hi: number): unknown[] => {
    const out = new Array<unknown>(hi - lo);
    for (let i = lo; i < hi; i++) out[i - lo] = produce(i);
    return out;
  },
};

/** Compiled leaf factories by source (the source embeds the user functions). */
const compiled = new Map<string, { inst: Instance; busy: boolean }>();
const MAX_COMPILED = 512;

/** Runs runner `r` of `job`; returns its events, or a promise when a task module must be imported first. */
export function runJob(job: JobDesc, r: number): unknown[] | undefined | Promise<unknown[] | undefined> {
  let gen: Generated;
  try {
    gen = generate(job.chain, job.term);
  } catch (err) {
    add(job.ctl, C_DONE, 1);
    throw err;
  }
  const missing = gen.modules.filter((m) => !importedModules.has(m.module));
  if (missing.length === 0) return runLeaves(job, r, gen);
  return (async () => {
    try {
      await importModules(missing.map((m) => m.module));
    } catch (err) {
      add(job.ctl, C_DONE, 1);
      throw err;
    }
    return runLeaves(job, r, gen);
  })();
}

function makeInstance(gen: Generated): Instance {
  const fns = gen.modules.map((m) => resolveFn(m));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('$t_K', 'random', '$t_H', gen.source) as (k: unknown[], rnd: typeof random, h: typeof HELPERS) => Instance;
  return factory(fns, random, HELPERS);
}

/**
 * The instance of `gen`'s chain for one execution, and what to call when it ends. The
 * cached instance (one leaf function for every execution of the chain on this worker, see
 * Emitter.source) is lent out. An execution nested inside another of the same chain would
 * get a fresh instance — defensive: today none can nest (inside `join` a worker runs only
 * join halves, never another operation's runner).
 */
function checkout(gen: Generated): { inst: Instance; done: () => void } {
  let c = compiled.get(gen.source);
  if (c === undefined) {
    c = { inst: makeInstance(gen), busy: false };
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(gen.source, c);
  }
  if (c.busy) {
    const inst = makeInstance(gen);
    return { inst, done: () => void inst(null) };
  }
  const entry = c;
  entry.busy = true;
  return {
    inst: entry.inst,
    done: () => {
      entry.inst(null);
      entry.busy = false;
    },
  };
}

/** Lowers the stop word to `leaf` if it is lower. */
function lowerStop(ctl: Int32Array, leaf: number): void {
  for (let s = load(ctl, C_STOP); leaf < s; s = load(ctl, C_STOP)) {
    if (cas(ctl, C_STOP, s, leaf) === s) return;
  }
}

function runLeaves(job: JobDesc, r: number, gen: Generated): unknown[] | undefined {
  const { ctl, parts, n, leafSize } = job;
  let done: (() => void) | undefined;
  try {
    const lent = checkout(gen);
    done = lent.done;
    const leaf = lent.inst(gen.data);
    const claim = claimer(job.schedule, ctl, r, job.runners, job.leaves);
    const mode = gen.mode;
    const state = { n: 0 };
    let events: unknown[] | undefined;
    for (let k = claim(); k >= 0; k = claim()) {
      if (k > load(ctl, C_STOP)) continue;
      if (load(ctl, C_CANCEL) !== 0) break;
      const lo = k * leafSize;
      const hi = Math.min(n, lo + leafSize);
      state.n = 0;
      let res: unknown;
      try {
        res = leaf(lo, hi, state);
      } catch (err) {
        (events ??= []).push(EV_ERROR, k, errorToRecord(gen.inline ? explainInlineError(err) : err), 0);
        lowerStop(ctl, k);
        continue;
      }
      switch (mode) {
        case 'f64':
          parts[k] = res as number;
          break;
        case 'f64n':
          parts[2 * k] = res as number;
          parts[2 * k + 1] = state.n;
          break;
        case 'value':
          (events ??= []).push(EV_VALUE, k, res, state.n);
          break;
        case 'decide':
          if (state.n !== 0) {
            (events ??= []).push(EV_DECIDED, k, res, 1);
            lowerStop(ctl, k);
          }
          break;
        default:
          break;
      }
    }
    return events;
  } finally {
    done?.();
    add(ctl, C_DONE, 1);
  }
}
