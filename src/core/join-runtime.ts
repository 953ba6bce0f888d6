/**
 * `join` inside a worker, as in Rayon: push `b` on this worker's deque, run
 * `a`, then pop `b` back and run it here — or, if a thief took it, run other
 * stealable work until `b`'s slot says DONE or FAILED.
 *
 * Join slots: worker w owns `layout.joinSlots` slots used as a stack (joins
 * nest strictly within one worker's call stack, including the work it runs
 * while waiting), so allocation is a local counter. When they run out, or
 * the deque is full, `join` runs both sides here, in order.
 */
import { cas, load, spinHint, store, wait } from '../memory/atomics.js';
import { TesseraError } from '../shared/errors.js';
import { EMPTY } from './deque.js';
import { recordToError, type ErrorRecord } from './error-codec.js';
import {
  GEN_LIMIT, S_ATTEMPT, S_CALLABLE, S_CANCEL, S_OWNER, S_RUNNER, S_STATE, ST_DONE, ST_FAILED, ST_FREE, ST_QUEUED,
  ST_RUNNING, STATE_BITS, STATE_MASK, joinSlotBase, makeRef, stateWord,
} from './layout.js';
import type { WorkerRuntime } from './worker-runtime.js';

type Fn = (...args: any[]) => unknown;

/** A call of a task-module function with its arguments, which any worker can run. */
export interface TaskCall<R = unknown> {
  readonly fn: (...args: any[]) => R;
  readonly args: readonly unknown[];
}

/** Spins this many times before parking while waiting for a stolen half. */
const WAIT_SPINS = 200;

export class JoinRuntime {
  private top = 0;
  private readonly base: number;

  constructor(private readonly rt: WorkerRuntime) {
    this.base = joinSlotBase(rt.layout, rt.index);
  }

  join<A, B>(a: (() => A) | TaskCall<A>, b: TaskCall<B>): [A, B] {
    const rt = this.rt;
    const id = rt.exportId(b.fn as Fn);
    if (id === undefined) {
      throw new TesseraError('ERR_JOIN_NOT_EXPORTED', `join: the second task's function (${b.fn.name || 'anonymous'}) must be an export of a task module loaded with pool.load(), so that another worker can run it`);
    }
    if (this.top >= rt.layout.joinSlots) return [runSide(a), b.fn(...b.args)];
    const slot = this.base + this.top;
    const slots = rt.slots;
    const gen = ((load(slots.i32, slots.word(slot, S_STATE)) >>> STATE_BITS) + 1) % GEN_LIMIT;
    slots.set(slot, S_CALLABLE, id);
    slots.set(slot, S_OWNER, rt.index);
    slots.set(slot, S_RUNNER, -1);
    slots.set(slot, S_CANCEL, 0);
    slots.set(slot, S_ATTEMPT, 0);
    slots.writeArgs(slot, b.args);
    store(slots.i32, slots.word(slot, S_STATE), stateWord(gen, ST_QUEUED));
    const ref = makeRef(slot, gen);
    if (!rt.publish(ref)) {
      slots.releaseArgs(slot);
      store(slots.i32, slots.word(slot, S_STATE), stateWord(gen, ST_FREE));
      return [runSide(a), b.fn(...b.args)];
    }
    this.top++;
    let ra: A | undefined;
    let errA: unknown;
    let failedA = false;
    try {
      ra = runSide(a);
    } catch (e) {
      failedA = true;
      errA = e;
    }
    const popped = rt.own.pop();
    if (popped === ref) {
      // Not stolen: claim it back and run it here, with the original arguments.
      cas(slots.i32, slots.word(slot, S_STATE), stateWord(gen, ST_QUEUED), stateWord(gen, ST_RUNNING));
      this.release(slot, gen);
      if (failedA) throw errA;
      return [ra as A, b.fn(...b.args)];
    }
    if (popped !== EMPTY) throw new TesseraError('ERR_PROTOCOL', 'Tessera internal error: join popped a foreign task');
    this.waitFor(slot, gen);
    const state = load(slots.i32, slots.word(slot, S_STATE)) & STATE_MASK;
    const value = slots.readResult(slot);
    this.release(slot, gen);
    if (failedA) throw errA;
    if (state === ST_FAILED) throw recordToError(value as ErrorRecord);
    return [ra as A, value as B];
  }

  private release(slot: number, gen: number): void {
    this.rt.slots.releaseArgs(slot);
    store(this.rt.slots.i32, this.rt.slots.word(slot, S_STATE), stateWord(gen, ST_FREE));
    this.top--;
  }

  /** Runs other stealable work until the slot is DONE or FAILED. */
  private waitFor(slot: number, gen: number): void {
    const rt = this.rt;
    const word = rt.slots.word(slot, S_STATE);
    const done = stateWord(gen, ST_DONE);
    const failed = stateWord(gen, ST_FAILED);
    let idle = 0;
    for (;;) {
      const s = load(rt.slots.i32, word);
      if (s === done || s === failed) return;
      const ref = rt.findWork(false);
      if (ref >= 0) {
        idle = 0;
        const pending = rt.execute(ref, false);
        if (pending !== undefined) throw new TesseraError('ERR_PROTOCOL', 'Tessera internal error: async task inside join');
        continue;
      }
      if (++idle < WAIT_SPINS) spinHint(64);
      else wait(rt.slots.i32, word, s, 0.5);
    }
  }
}

function runSide<A>(a: (() => A) | TaskCall<A>): A {
  return typeof a === 'function' ? a() : a.fn(...a.args);
}

/** Exposed for the public `join` (set by the worker entry). */
export const JOIN_RUNTIME = Symbol.for('tessera.joinRuntime');

