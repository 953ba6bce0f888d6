/**
 * Test support: small sizes of every workload that still cut it into several work units
 * (and uneven last units), for the parallel-equals-sequential tests.
 */
export const SMALL: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'nbody-direct': { n: 203, steps: 3 },
  'nbody-bench-game': { steps: 1000 },
  mandelbrot: { width: 130, height: 95, maxIter: 300, tileSize: 16 },
  'montecarlo-pi': { samples: 1_050_001, chunkSize: 50_000 },
  heat2d: { n: 75, iterations: 23 },
  matmul: { n: 100, block: 16 },
  sort: { n: 100_003 },
  'npb-ep': { problemClass: 'S' },
  'fem-poisson': { n: 130 },
};
