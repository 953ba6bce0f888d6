/**
 * Scheduling policies: which runner takes which leaf. A policy never moves a
 * leaf boundary (plumbing/leaves.ts); it only decides who runs a leaf, so
 * every policy gives the same result.
 *
 * - `static`: runner r runs the contiguous block `[r·L/R, (r+1)·L/R)`, nothing else.
 * - `dynamic`: runners take one leaf at a time from a shared counter.
 * - `guided`: runners take `ceil(remaining / 2R)` leaves at a time from the
 *   shared counter, so batches shrink as the work runs out.
 * - `adaptive` (the default): runner r starts with the static block, takes
 *   its leaves from the front of its range, and when it runs dry splits the
 *   largest remaining range of another runner in half and takes the back half,
 *   as Rayon's adaptive splitter does on a steal. A range is one packed word,
 *   so owner and thieves agree through a single compare-and-swap.
 *
 * Worker side; the words are laid out in plumbing/control.ts.
 */
import { add, cas, load, store } from '../../memory/atomics.js';
import { C_NEXT, C_RANGES, packRange, rangeHi, rangeLo } from './control.js';
import { PADDED_SLOT_WORDS } from '../../memory/layout.js';

/** Returns the next leaf for this runner, or -1 when there is none. */
export type Claim = () => number;

/** The claim function of `schedule` (an index of SCHEDULES) for runner `r` of `runners`. */
export function claimer(schedule: number, ctl: Int32Array, r: number, runners: number, leaves: number): Claim {
  switch (schedule) {
    case 0:
      return staticClaim(r, runners, leaves);
    case 1:
      return () => {
        const k = add(ctl, C_NEXT, 1);
        return k < leaves ? k : -1;
      };
    case 2:
      return guidedClaim(ctl, runners, leaves);
    default:
      return adaptiveClaim(ctl, r, runners);
  }
}

/** The first leaf of runner r's static block. */
export function blockStart(r: number, runners: number, leaves: number): number {
  return Math.floor((r * leaves) / runners);
}

function staticClaim(r: number, runners: number, leaves: number): Claim {
  let next = blockStart(r, runners, leaves);
  const end = blockStart(r + 1, runners, leaves);
  return () => (next < end ? next++ : -1);
}

function guidedClaim(ctl: Int32Array, runners: number, leaves: number): Claim {
  let next = 0;
  let end = 0;
  return () => {
    while (next >= end) {
      const from = load(ctl, C_NEXT);
      if (from >= leaves) return -1;
      const take = Math.max(1, Math.ceil((leaves - from) / (2 * runners)));
      if (cas(ctl, C_NEXT, from, from + take) === from) {
        next = from;
        end = Math.min(leaves, from + take);
      }
    }
    return next++;
  };
}

/** Word index of runner r's range. */
function rangeWord(r: number): number {
  return C_RANGES + r * PADDED_SLOT_WORDS;
}

/** Initializes the adaptive ranges (main thread, before the runners start). */
export function initRanges(ctl: Int32Array, runners: number, leaves: number): void {
  for (let r = 0; r < runners; r++) store(ctl, rangeWord(r), packRange(blockStart(r, runners, leaves), blockStart(r + 1, runners, leaves)));
}

function adaptiveClaim(ctl: Int32Array, r: number, runners: number): Claim {
  const mine = rangeWord(r);
  return () => {
    // Take the front leaf of the own range.
    for (let w = load(ctl, mine); rangeLo(w) < rangeHi(w); w = load(ctl, mine)) {
      if (cas(ctl, mine, w, packRange(rangeLo(w) + 1, rangeHi(w))) === w) return rangeLo(w);
    }
    // Dry: split the largest remaining range and keep its back half.
    for (;;) {
      let victim = -1;
      let most = 0;
      let seen = 0;
      for (let v = 0; v < runners; v++) {
        if (v === r) continue;
        const w = load(ctl, rangeWord(v));
        const left = rangeHi(w) - rangeLo(w);
        if (left > most) {
          most = left;
          victim = v;
          seen = w;
        }
      }
      if (victim < 0) return -1;
      const lo = rangeLo(seen);
      const hi = rangeHi(seen);
      const mid = lo + ((hi - lo) >>> 1);
      if (cas(ctl, rangeWord(victim), seen, packRange(lo, mid)) !== seen) continue;
      // [mid, hi) is ours: run mid now, publish the rest for others to split in turn.
      store(ctl, mine, packRange(mid + 1, hi));
      return mid;
    }
  };
}
