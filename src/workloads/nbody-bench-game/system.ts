/**
 * The Benchmarks Game solar system (Sun, Jupiter, Saturn, Uranus, Neptune) with the
 * constants of its classic C program, stored as 7 doubles per body:
 * x, y, z, vx, vy, vz, mass.
 */

/** π as written in the program. */
export const PI = 3.141592653589793;
/** 4·π² (evaluated as (4·π)·π). */
export const SOLAR_MASS = 4 * PI * PI;
/** Days per year. */
export const DAYS_PER_YEAR = 365.24;
/** Doubles per body in the state array. */
export const BODY_STRIDE = 7;
/** Number of bodies. */
export const BODY_COUNT = 5;

/**
 * A fresh state array (5 bodies × 7 doubles), before the momentum offset. Two literals
 * (Neptune's vz and mass factors) are written in their shortest round-trip form instead
 * of the C program's 18 digits; they denote the same doubles.
 */
export function createSystem(): Float64Array {
  return Float64Array.of(
    // sun
    0, 0, 0, 0, 0, 0, SOLAR_MASS,
    // jupiter
    4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
    1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR, -6.90460016972063023e-05 * DAYS_PER_YEAR,
    9.54791938424326609e-04 * SOLAR_MASS,
    // saturn
    8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
    -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR, 2.30417297573763929e-05 * DAYS_PER_YEAR,
    2.85885980666130812e-04 * SOLAR_MASS,
    // uranus
    1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
    2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR, -2.96589568540237556e-05 * DAYS_PER_YEAR,
    4.36624404335156298e-05 * SOLAR_MASS,
    // neptune
    1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
    2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR, -9.5159225451971587e-05 * DAYS_PER_YEAR,
    5.151389024209519e-05 * SOLAR_MASS,
  );
}
