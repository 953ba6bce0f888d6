/**
 * The Benchmarks Game n-body kernels, operation for operation as its classic C program
 * (`offset_momentum`, `energy`, `advance`). State layout: see `system.ts`.
 */
import { BODY_STRIDE, SOLAR_MASS } from './system.js';

/** Sets the Sun's velocity to −(Σ v_i·m_i)/SOLAR_MASS so the total momentum is zero. */
export function offsetMomentum(s: Float64Array): void {
  const n = s.length / BODY_STRIDE;
  let px = 0.0;
  let py = 0.0;
  let pz = 0.0;
  for (let i = 0; i < n; i++) {
    const o = i * BODY_STRIDE;
    const mass = s[o + 6]!;
    px += s[o + 3]! * mass;
    py += s[o + 4]! * mass;
    pz += s[o + 5]! * mass;
  }
  s[3] = -px / SOLAR_MASS;
  s[4] = -py / SOLAR_MASS;
  s[5] = -pz / SOLAR_MASS;
}

/** Total energy: e += 0.5·m·|v|² per body, then e −= (m_i·m_j)/d for each pair j > i. */
export function energy(s: Float64Array): number {
  const n = s.length / BODY_STRIDE;
  let e = 0.0;
  for (let i = 0; i < n; i++) {
    const o = i * BODY_STRIDE;
    const vx = s[o + 3]!;
    const vy = s[o + 4]!;
    const vz = s[o + 5]!;
    const mi = s[o + 6]!;
    e += 0.5 * mi * (vx * vx + vy * vy + vz * vz);
    for (let j = i + 1; j < n; j++) {
      const q = j * BODY_STRIDE;
      const dx = s[o]! - s[q]!;
      const dy = s[o + 1]! - s[q + 1]!;
      const dz = s[o + 2]! - s[q + 2]!;
      const distance = Math.sqrt(dx * dx + dy * dy + dz * dz);
      e -= (mi * s[q + 6]!) / distance;
    }
  }
  return e;
}

/** One step of `advance(dt)`: pairwise velocity updates in (i, j > i) order, then positions. */
export function advance(s: Float64Array, dt: number): void {
  const n = s.length / BODY_STRIDE;
  for (let i = 0; i < n; i++) {
    const o = i * BODY_STRIDE;
    for (let j = i + 1; j < n; j++) {
      const q = j * BODY_STRIDE;
      const dx = s[o]! - s[q]!;
      const dy = s[o + 1]! - s[q + 1]!;
      const dz = s[o + 2]! - s[q + 2]!;
      const distance = Math.sqrt(dx * dx + dy * dy + dz * dz);
      const mag = dt / (distance * distance * distance);
      const mi = s[o + 6]!;
      const mj = s[q + 6]!;
      s[o + 3] = s[o + 3]! - dx * mj * mag;
      s[o + 4] = s[o + 4]! - dy * mj * mag;
      s[o + 5] = s[o + 5]! - dz * mj * mag;
      s[q + 3] = s[q + 3]! + dx * mi * mag;
      s[q + 4] = s[q + 4]! + dy * mi * mag;
      s[q + 5] = s[q + 5]! + dz * mi * mag;
    }
  }
  for (let i = 0; i < n; i++) {
    const o = i * BODY_STRIDE;
    s[o] = s[o]! + dt * s[o + 3]!;
    s[o + 1] = s[o + 1]! + dt * s[o + 4]!;
    s[o + 2] = s[o + 2]! + dt * s[o + 5]!;
  }
}
