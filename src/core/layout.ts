/**
 * The pool's shared-memory layout: every offset and every state value, named.
 * The protocols that use them are described in `core/README.md`.
 *
 * Two SharedArrayBuffers hold a pool's state:
 * - the control buffer (Int32Array `ctl`): header words, one region per worker
 *   (state, counters, work-stealing deque), the injector ring and the
 *   completion ring;
 * - the slot buffer: fixed-size task slots, each a header of int32 words
 *   followed by an inline payload of bytes.
 * Payloads larger than a slot's inline area live in the shared heap
 * (`memory/shared-heap.ts`), referenced from the slot.
 */
import { MpmcRing } from '../memory/mpmc-ring.js';

/** int32 words per cache line (64 bytes); hot words get a line of their own. */
export const LINE = 16;

// ---- control header (int32 indices into ctl) ----
/** Jobs event counter: bumped after every push of work; idle workers sleep on it. */
export const H_JOBS_EVENT = 0;
/** Number of workers asleep (or about to sleep) on H_JOBS_EVENT. */
export const H_SLEEPERS = LINE;
/** Number of workers currently spinning for work (bounded by the spin budget). */
export const H_SPINNERS = 2 * LINE;
/** Completion event counter: bumped after each push to the completion ring. */
export const H_DONE_EVENT = 3 * LINE;
/** 1 while the main thread waits on H_DONE_EVENT (workers then notify it). */
export const H_MAIN_WAITING = 4 * LINE;
/** Shutdown request: SHUTDOWN_NONE, SHUTDOWN_DRAIN or SHUTDOWN_NOW. */
export const H_SHUTDOWN = 5 * LINE;
/** Control epoch: bumped by the main thread after it posts control messages. */
export const H_CONTROL_EPOCH = 6 * LINE;
/** Words before the first worker region. */
export const HEADER_WORDS = 8 * LINE;

/** Keep working. */
export const SHUTDOWN_NONE = 0;
/** Finish queued work, then exit. */
export const SHUTDOWN_DRAIN = 1;
/** Exit as soon as the current task returns. */
export const SHUTDOWN_NOW = 2;

// ---- per-worker region (offsets from the region's first word) ----
/** Worker lifecycle state, one of the W_* states below. */
export const W_STATE = 0;
/** Tasks this worker has run (count, wraps at 2^31). */
export const W_TASKS_RUN = 1;
/** Tasks this worker took from another worker's deque. */
export const W_TASKS_STOLEN = 2;
/** Deque top index (thieves take here), own line. */
export const W_DEQUE_TOP = LINE;
/** Deque bottom index (the owner pushes and pops here), own line. */
export const W_DEQUE_BOTTOM = 2 * LINE;
/** First word of the deque's circular buffer of task refs. */
export const W_DEQUE_BUF = 3 * LINE;

/** The worker thread is starting (loading modules). */
export const WS_STARTING = 0;
/** Looking for or running work. */
export const WS_ACTIVE = 1;
/** Parked on H_JOBS_EVENT. */
export const WS_SLEEPING = 2;
/** Left its loop normally (idle timeout or shutdown); not a crash. */
export const WS_EXITED = 3;

// ---- slots ----
/** Bytes per slot: header + inline payload. */
export const SLOT_BYTES = 256;
/** int32 words per slot. */
export const SLOT_WORDS = SLOT_BYTES / 4;
/** Bytes of slot header; the inline payload follows. */
export const SLOT_HEADER_BYTES = 64;
/** Bytes of inline payload per slot. */
export const INLINE_BYTES = SLOT_BYTES - SLOT_HEADER_BYTES;
/** Float64 values that fit inline. */
export const INLINE_F64 = INLINE_BYTES / 8;

/** Slot state word: `(generation << STATE_BITS) | state`. */
export const S_STATE = 0;
/** Id of the callable (inline function or module export) to run. */
export const S_CALLABLE = 1;
/** Codec of the arguments (C_*). */
export const S_ARG_CODEC = 2;
/** Argument length: number of f64 values (C_F64) or bytes. */
export const S_ARG_LEN = 3;
/** Heap offset of the argument bytes when S_ARG_CODEC is C_HEAP. */
export const S_ARG_PTR = 4;
/** Codec of the result (C_*). */
export const S_RES_CODEC = 5;
/** Result length (as S_ARG_LEN). */
export const S_RES_LEN = 6;
/** Heap offset of the result bytes when S_RES_CODEC is C_HEAP. */
export const S_RES_PTR = 7;
/** Index of the worker running the slot, -1 before it runs. */
export const S_RUNNER = 8;
/** Cancellation request: 0 none, 1 cancel requested (the task sees its signal aborted). */
export const S_CANCEL = 9;
/** Owner that collects the result: -1 the main thread, w >= 0 worker w (a join child). */
export const S_OWNER = 10;
/** Attempt number (0 first run, incremented on retry after a crash). */
export const S_ATTEMPT = 11;

/** Bits of the state word that hold the state; the rest is the generation. */
export const STATE_BITS = 4;
export const STATE_MASK = (1 << STATE_BITS) - 1;
/** Generation values wrap at this bound (fits a ref next to a 20-bit slot index). */
export const GEN_LIMIT = 1 << 11;

/** Not in use. */
export const ST_FREE = 0;
/** Published in a queue, not yet claimed. */
export const ST_QUEUED = 1;
/** Claimed by the worker in S_RUNNER. */
export const ST_RUNNING = 2;
/** Finished; the result is in the slot. */
export const ST_DONE = 3;
/** Threw; the serialized error is in the slot's result. */
export const ST_FAILED = 4;
/** Cancelled before it ran; queued refs to it are skipped. */
export const ST_CANCELLED = 5;

/** No payload (undefined / no arguments). */
export const C_NONE = 0;
/** `len` float64 values inline. */
export const C_F64 = 1;
/** `len` serialized bytes inline. */
export const C_INLINE = 2;
/** `len` serialized bytes in the shared heap at `ptr`. */
export const C_HEAP = 3;

/** Maximum slot index + 1 that a ref can carry. */
export const SLOT_INDEX_LIMIT = 1 << 20;

/** A task ref as stored in queues: 11-bit generation, 20-bit slot index. */
export function makeRef(slot: number, gen: number): number {
  return (gen << 20) | slot;
}
export function refSlot(ref: number): number {
  return ref & (SLOT_INDEX_LIMIT - 1);
}
export function refGen(ref: number): number {
  return ref >>> 20;
}
export function stateWord(gen: number, state: number): number {
  return (gen << STATE_BITS) | state;
}

/** Sizes that fix a pool's layout; sent to every worker. */
export interface PoolLayout {
  threads: number;
  /** Slots for tasks submitted by the main thread. */
  mainSlots: number;
  /** Slots per worker for `join` children. */
  joinSlots: number;
  /** Deque capacity per worker (power of two). */
  dequeCapacity: number;
  /** Injector and completion ring capacity (power of two, >= mainSlots). */
  ringCapacity: number;
  /** Capacity of each worker's inbox of pinned tasks (power of two). */
  inboxCapacity: number;
}

/** Word offsets derived from a {@link PoolLayout}. */
export interface PoolOffsets {
  workerWords: number;
  workersBase: number;
  injectorBase: number;
  completionBase: number;
  /** First word of worker 0's inbox ring; worker w's is at inboxBase + w * inboxWords. */
  inboxBase: number;
  inboxWords: number;
  controlWords: number;
  totalSlots: number;
}

export function offsets(l: PoolLayout): PoolOffsets {
  const workerWords = W_DEQUE_BUF + l.dequeCapacity + LINE;
  const workersBase = HEADER_WORDS;
  const injectorBase = workersBase + l.threads * workerWords;
  const completionBase = injectorBase + MpmcRing.words(l.ringCapacity);
  const inboxBase = completionBase + MpmcRing.words(l.ringCapacity);
  const inboxWords = MpmcRing.words(l.inboxCapacity);
  const controlWords = inboxBase + l.threads * inboxWords;
  return { workerWords, workersBase, injectorBase, completionBase, inboxBase, inboxWords, controlWords, totalSlots: l.mainSlots + l.threads * l.joinSlots };
}

/** First slot index of worker `w`'s join slots. */
export function joinSlotBase(l: PoolLayout, w: number): number {
  return l.mainSlots + w * l.joinSlots;
}
