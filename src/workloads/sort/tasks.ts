/**
 * sort task module (runs in the pool's workers): one rank of the SPMD team that sorts a
 * shared array in place — block sorts, then rounds of merge-path merges — and the pieces
 * it is made of.
 */
import { progressReporter } from '../par/progress-worker.js';
import { Team } from '../par/team-worker.js';
import type { TeamArgs } from '../par/team.js';

/** Start of piece `u` when `n` values are cut into `pieces` pieces: ⌊n·u/pieces⌋. */
export function pieceStart(n: number, pieces: number, u: number): number {
  return Math.floor((n * u) / pieces);
}

/** Number of merge rounds after the block sorts: ⌈log2(pieces)⌉. */
export function mergeRounds(pieces: number): number {
  let rounds = 0;
  for (let width = 1; width < pieces; width *= 2) rounds++;
  return rounds;
}

/** Piece `u` of a merge round: output elements [k0, k1) of the merge of src[aLo, aHi) and src[aHi, bHi). */
export interface MergeStep {
  aLo: number;
  aHi: number;
  bHi: number;
  k0: number;
  k1: number;
}

/**
 * What piece `u` does in the merge round where runs are `width` pieces long (1, 2, 4, …):
 * the runs starting at pieces 0, 2·width, 4·width, … are merged with the run after them,
 * and piece `u` writes its own positions of the merged run. Runs always consist of whole
 * pieces, so a piece lies in exactly one pair.
 * @returns the merge step, or `undefined` when the piece's run has no partner this round
 * (its values are already in place)
 */
export function mergeStep(n: number, pieces: number, width: number, u: number): MergeStep | undefined {
  const first = u - (u % (2 * width));
  const mid = first + width;
  if (mid >= pieces) return undefined;
  const aLo = pieceStart(n, pieces, first);
  return {
    aLo,
    aHi: pieceStart(n, pieces, mid),
    bHi: pieceStart(n, pieces, Math.min(first + 2 * width, pieces)),
    k0: pieceStart(n, pieces, u) - aLo,
    k1: pieceStart(n, pieces, u + 1) - aLo,
  };
}

/**
 * Merge-path co-rank: how many of the first `k` elements of the stable merge of the
 * sorted runs A = src[aLo, aLo+m) and B = src[bLo, bLo+n) come from A (ties go to A).
 */
export function coRank(src: Float64Array, aLo: number, m: number, bLo: number, n: number, k: number): number {
  let lo = Math.max(0, k - n);
  let hi = Math.min(k, m);
  while (lo < hi) {
    const i = (lo + hi) >>> 1;
    // A[i] precedes B[k−i−1] in the merge: more than i elements come from A.
    if (src[aLo + i]! <= src[bLo + k - i - 1]!) lo = i + 1;
    else hi = i;
  }
  return lo;
}

/**
 * Writes elements [k0, k1) of the stable merge of the sorted runs src[aLo, aHi) and
 * src[bLo, bHi) to dst[at, at + k1 − k0). Pieces with disjoint [k0, k1) may run in parallel.
 * No NaNs (the spec has none): an exhausted run's head becomes +Infinity, which never wins
 * a tie and equals any +Infinity left in the other run, so the output is the same.
 *
 * One loop writes every element, the runs' tails included: V8 compiles a call this long
 * on-stack while it runs, before the code after a loop has ever executed, and such code
 * (no type feedback yet) deoptimizes when reached; later calls then kept re-entering that
 * code through the interpreter (measured: 10 M elements 100–115 ms instead of 62 ms on
 * the 2-core machine, boxing one double per element).
 */
export function mergePiece(src: Float64Array, aLo: number, aHi: number, bLo: number, bHi: number, k0: number, k1: number, dst: Float64Array, at: number): void {
  const m = aHi - aLo;
  const n = bHi - bLo;
  const i0 = coRank(src, aLo, m, bLo, n, k0);
  const i1 = coRank(src, aLo, m, bLo, n, k1);
  const inf = Infinity;
  let i = aLo + i0;
  const iEnd = aLo + i1;
  let j = bLo + (k0 - i0);
  const jEnd = bLo + (k1 - i1);
  // The current head of each run stays in a local: one load per element written.
  let x = i < iEnd ? src[i]! : inf;
  let y = j < jEnd ? src[j]! : inf;
  const end = at + (k1 - k0);
  for (let o = at; o < end; o++) {
    if (y < x) {
      dst[o] = y;
      y = ++j < jEnd ? src[j]! : inf;
    } else {
      dst[o] = x;
      x = ++i < iEnd ? src[i]! : inf;
    }
  }
}

/**
 * Runs {@link mergePiece} a few times on 4096 small values, so that V8 has compiled it
 * with complete type feedback (on a background thread, while the block sorts run) before
 * the merge rounds call it on millions of values. Left to on-stack compilation during the
 * first long call, the merge sometimes ran unoptimized for a long stretch (the compiler
 * thread waits for a core while both cores merge): 10 M elements took 100–120 ms instead
 * of 62–68 ms in about one run in three. Costs well under a millisecond.
 */
export function warmUpMerge(): void {
  const half = 2048;
  const src = new Float64Array(2 * half);
  const dst = new Float64Array(2 * half);
  for (let i = 0; i < half; i++) {
    src[i] = 2 * i;
    src[half + i] = 2 * i + 1;
  }
  // Two pieces per merge, so that the co-rank search runs too (it is inlined into the merge).
  for (let round = 0; round < 16; round++) {
    mergePiece(src, 0, half, half, 2 * half, 0, half, dst, 0);
    mergePiece(src, 0, half, half, 2 * half, half, 2 * half, dst, half);
  }
}

/**
 * A rank's private buffers of one piece's length (at most ⌈n/pieces⌉), allocated on first
 * use and reused by every phase, so that their pages are touched once.
 */
class Scratch {
  private readonly buffers: Float64Array[] = [];
  constructor(private readonly capacity: number) {}

  /** Buffer `i`, `length` (≤ capacity) elements long. */
  get(i: number, length: number): Float64Array {
    this.buffers[i] ??= new Float64Array(this.capacity);
    return this.buffers[i].subarray(0, length);
  }
}

/**
 * Sorts `a[lo, hi)` in place with `Float64Array.prototype.sort()` (the reference's sort), in
 * the private buffer `tmp` (hi − lo long). On shared memory V8's sort copies the array to a
 * private buffer and back itself, at the same cost (measured: 10 M values on each of two
 * threads, 1.15–1.21 s either way); doing it here leaves `tmp`'s pages touched for the
 * merge rounds, which then take no page faults.
 */
export function sortBlock(a: Float64Array, lo: number, hi: number, tmp: Float64Array): void {
  tmp.set(a.subarray(lo, hi));
  tmp.sort();
  a.set(tmp, lo);
}

/**
 * One rank of the team that sorts the shared array `a` (n values) in place, cut into
 * `pieces` pieces handed out under the team's schedule: each piece is sorted
 * ({@link sortBlock}), then every merge round merges pairs of runs, each piece of the
 * output merged from `a` into a private buffer of its rank; after a barrier (nobody reads
 * the round's input any more) each rank copies its pieces back, and after another the next
 * round starts. The merged pieces never need a second shared array.
 */
export function sortTeam(args: TeamArgs, a: Float64Array, n: number, pieces: number): void {
  const team = new Team(args);
  const report = args.rank === 0 ? progressReporter(1 + mergeRounds(pieces)) : undefined;
  const scratch = new Scratch(Math.ceil(n / pieces));
  if (pieces > 1) warmUpMerge();
  team.forUnits(pieces, (u0, u1) => {
    for (let u = u0; u < u1; u++) {
      const lo = pieceStart(n, pieces, u);
      const hi = pieceStart(n, pieces, u + 1);
      sortBlock(a, lo, hi, scratch.get(0, hi - lo));
    }
  });
  team.sync();
  let phase = 1;
  report?.(phase);
  for (let width = 1; width < pieces; width *= 2) {
    const held: [number, Float64Array][] = [];
    team.forUnits(pieces, (u0, u1) => {
      for (let u = u0; u < u1; u++) {
        const s = mergeStep(n, pieces, width, u);
        if (s === undefined) continue;
        const out = scratch.get(held.length, s.k1 - s.k0);
        mergePiece(a, s.aLo, s.aHi, s.aHi, s.bHi, s.k0, s.k1, out, 0);
        held.push([s.aLo + s.k0, out]);
      }
    });
    team.sync();
    for (const [at, out] of held) a.set(out, at);
    team.sync();
    report?.(++phase);
  }
}
