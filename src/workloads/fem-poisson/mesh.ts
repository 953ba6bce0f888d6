/**
 * The structured P1 mesh of fem-poisson: n×n squares on the unit square, each split by
 * the diagonal from (i, j) to (i+1, j+1). Nodes are (i, j), 0 ≤ i, j ≤ n, at (i/n, j/n).
 * Boundary nodes carry u = 0 and are eliminated; the unknowns are the interior nodes
 * 1 ≤ i, j ≤ n−1, numbered row-major: r = (j−1)·(n−1) + (i−1).
 */

/** Unknowns per mesh line, n − 1. */
export function interiorPerLine(n: number): number {
  return n - 1;
}

/** Number of unknowns (n − 1)². */
export function unknownCount(n: number): number {
  return (n - 1) * (n - 1);
}

/** Unknown index of interior node (i, j), or −1 for a boundary node. */
export function unknownIndex(n: number, i: number, j: number): number {
  if (i <= 0 || j <= 0 || i >= n || j >= n) return -1;
  return (j - 1) * (n - 1) + (i - 1);
}

/**
 * The six triangles around interior node (i, j), in the fixed assembly order, as
 * vertex index coordinates [i0, j0, i1, j1, i2, j2] (counter-clockwise):
 * lower and upper of square (i−1, j−1), upper of (i, j−1), lower of (i−1, j),
 * lower and upper of (i, j). Square (a, b) has lower [(a,b),(a+1,b),(a+1,b+1)] and
 * upper [(a,b),(a+1,b+1),(a,b+1)].
 */
export function trianglesAround(i: number, j: number): number[][] {
  return [
    [i - 1, j - 1, i, j - 1, i, j],
    [i - 1, j - 1, i, j, i - 1, j],
    [i, j - 1, i + 1, j, i, j],
    [i - 1, j, i, j, i, j + 1],
    [i, j, i + 1, j, i + 1, j + 1],
    [i, j, i + 1, j + 1, i, j + 1],
  ];
}

/**
 * Column offsets (di, dj) of the couplings of a node, in increasing unknown index:
 * the P1 pattern on this mesh (the diagonal neighbours (−1,−1), (+1,+1) included).
 */
export const STENCIL: readonly (readonly [number, number])[] = [
  [-1, -1], [0, -1], [-1, 0], [0, 0], [1, 0], [0, 1], [1, 1],
];
