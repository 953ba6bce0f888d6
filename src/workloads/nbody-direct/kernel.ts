/**
 * nbody-direct kernels (WORKLOADS.md §1). Each works on a contiguous range of bodies
 * [i0, i1) and reads/writes only the typed arrays passed in, so the sequential
 * reference and a parallel version that splits bodies across workers execute exactly
 * the same floating-point operations: results are bit-identical for any split.
 */
import type { Bodies } from './bodies.js';

/**
 * Accelerations of bodies [i0, i1): a_i = Σ_{j=0}^{n-1} dx·inv (in j order, from 0),
 * dx = x_j − x_i, r2 = ((dx·dx + dy·dy) + dz·dz) + eps2, inv = m_j / (r2·sqrt(r2)).
 * The j = i term is included (it adds exactly 0). Reads x, y, z, m; writes ax, ay, az.
 */
export function computeAccelerations(b: Bodies, eps2: number, i0: number, i1: number): void {
  const { x, y, z, m, ax, ay, az } = b;
  const n = x.length;
  for (let i = i0; i < i1; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    const zi = z[i]!;
    let sx = 0;
    let sy = 0;
    let sz = 0;
    for (let j = 0; j < n; j++) {
      const dx = x[j]! - xi;
      const dy = y[j]! - yi;
      const dz = z[j]! - zi;
      const r2 = dx * dx + dy * dy + dz * dz + eps2;
      const inv = m[j]! / (r2 * Math.sqrt(r2));
      sx += dx * inv;
      sy += dy * inv;
      sz += dz * inv;
    }
    ax[i] = sx;
    ay[i] = sy;
    az[i] = sz;
  }
}

/** Half kick of bodies [i0, i1): v = v + h·a with h = 0.5·dt (computed by the caller). */
export function kick(b: Bodies, h: number, i0: number, i1: number): void {
  const { vx, vy, vz, ax, ay, az } = b;
  for (let i = i0; i < i1; i++) {
    vx[i] = vx[i]! + h * ax[i]!;
    vy[i] = vy[i]! + h * ay[i]!;
    vz[i] = vz[i]! + h * az[i]!;
  }
}

/** Drift of bodies [i0, i1): x = x + dt·v. */
export function drift(b: Bodies, dt: number, i0: number, i1: number): void {
  const { x, y, z, vx, vy, vz } = b;
  for (let i = i0; i < i1; i++) {
    x[i] = x[i]! + dt * vx[i]!;
    y[i] = y[i]! + dt * vy[i]!;
    z[i] = z[i]! + dt * vz[i]!;
  }
}

/**
 * Per-body energy terms for bodies [i0, i1):
 * ke[i] = 0.5·m_i·((vx² + vy²) + vz²) and pe[i] = m_i·Σ_{j>i} m_j / sqrt(r2) (inner sum in
 * j order from 0, dx = x_j − x_i, r2 as in the force with eps2). The totals are
 * Σ ke[i] and Σ pe[i] in i order ({@link totalEnergy}).
 */
export function energyTerms(b: Bodies, eps2: number, i0: number, i1: number, ke: Float64Array, pe: Float64Array): void {
  const { x, y, z, vx, vy, vz, m } = b;
  const n = x.length;
  for (let i = i0; i < i1; i++) {
    const mi = m[i]!;
    const vxi = vx[i]!;
    const vyi = vy[i]!;
    const vzi = vz[i]!;
    ke[i] = 0.5 * mi * (vxi * vxi + vyi * vyi + vzi * vzi);
    const xi = x[i]!;
    const yi = y[i]!;
    const zi = z[i]!;
    let s = 0;
    for (let j = i + 1; j < n; j++) {
      const dx = x[j]! - xi;
      const dy = y[j]! - yi;
      const dz = z[j]! - zi;
      s += m[j]! / Math.sqrt(dx * dx + dy * dy + dz * dz + eps2);
    }
    pe[i] = mi * s;
  }
}

/** E = KE − PE with KE = Σ ke[i] and PE = Σ pe[i], each summed separately in i order. */
export function totalEnergy(ke: Float64Array, pe: Float64Array): number {
  let k = 0;
  let p = 0;
  for (let i = 0; i < ke.length; i++) k += ke[i]!;
  for (let i = 0; i < pe.length; i++) p += pe[i]!;
  return k - p;
}

/** Σ_i ((x_i + y_i) + z_i) in i order. */
export function positionSum(b: Bodies): number {
  const { x, y, z } = b;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! + y[i]! + z[i]!;
  return s;
}

/** Final positions interleaved as x0, y0, z0, x1, … (the order the hash covers). */
export function interleavePositions(b: Bodies): Float64Array {
  const n = b.x.length;
  const out = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    out[3 * i] = b.x[i]!;
    out[3 * i + 1] = b.y[i]!;
    out[3 * i + 2] = b.z[i]!;
  }
  return out;
}
