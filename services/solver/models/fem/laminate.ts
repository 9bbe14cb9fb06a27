// Effective material of an element that a defect surface cuts: a laminate of steel (volume
// fraction f) and air, layered across the surface's normal n.
//
// A Q1 element cannot bend its field at an interface inside it, so a cut element needs one
// effective law B(H) for its average field. Across a locally flat interface the tangential H and
// the normal B are continuous: both phases share H_t, and the normal components s (steel) and
// a (air) satisfy f s + (1 - f) a = H.n and B_steel.n = a (relative units, air mu_r = 1). Then
//   B = (f mu(|H_s|) + 1 - f) H_t + a n,   H_s = H_t + s n,
// arithmetic along the interface and harmonic across it: the anisotropic averaging whose
// interface error is second order, where a volume-fraction (isotropic) average or a staircase of
// cells is first order. B is the gradient of the laminate's co-energy f W_s + (1 - f) W_air, so the
// tangent below is symmetric and the Newton iteration keeps its convex functional.

import type { Material } from './material';

/** Scratch for laminate(): b (3) and the symmetric tangent t (3 x 3, row-major). */
export interface LaminateOut {
  readonly b: Float64Array;
  readonly t: Float64Array;
}

export function laminateOut(): LaminateOut {
  return { b: new Float64Array(3), t: new Float64Array(9) };
}

const mu = new Float64Array(2);

/**
 * Effective relative flux density b = B / mu0 of the laminate at average field h, and its tangent
 * db/dh (with `secant`, the tangent of the secant steel law mu I, for Picard steps). n: unit normal.
 */
export function laminate(mat: Material, f: number, n: ArrayLike<number>, h: ArrayLike<number>, secant: boolean, out: LaminateOut): void {
  const [nx, ny, nz] = [n[0]!, n[1]!, n[2]!];
  const hn = h[0]! * nx + h[1]! * ny + h[2]! * nz;
  const tx = h[0]! - hn * nx;
  const ty = h[1]! - hn * ny;
  const tz = h[2]! - hn * nz;
  const e2 = tx * tx + ty * ty + tz * tz;
  const s = steelNormal(mat, f, e2, hn);
  const hs = Math.sqrt(e2 + s * s);
  mat.evaluate(hs, mu);
  const m = mu[0]!;
  const c = secant || hs === 0 ? 0 : mu[1]! - m;
  const a = m * s;
  const par = f * m + 1 - f;
  const { b, t } = out;
  b[0] = par * tx + a * nx;
  b[1] = par * ty + a * ny;
  b[2] = par * tz + a * nz;

  // Steel's tangent K = m I + c u u^T (u = H_s / |H_s|), split across the interface:
  // K_tt = m P + c u_t u_t^T, k = P K n = c (u.n) u_t, k_nn = n.K n = m + c (u.n)^2.
  const un = hs > 0 ? s / hs : 0;
  const ut = [hs > 0 ? tx / hs : 0, hs > 0 ? ty / hs : 0, hs > 0 ? tz / hs : 0];
  const nv = [nx, ny, nz];
  const knn = m + c * un * un;
  const d = f + (1 - f) * knn;
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      const p = (i === j ? 1 : 0) - nv[i]! * nv[j]!;
      const ki = c * un * ut[i]!;
      const kj = c * un * ut[j]!;
      t[i * 3 + j] =
        f * (m * p + c * ut[i]! * ut[j]!) + (1 - f) * p - ((f * (1 - f)) / d) * ki * kj + (f / d) * (ki * nv[j]! + nv[i]! * kj) + (knn / d) * nv[i]! * nv[j]!;
    }
}

/**
 * The steel's normal field component s: the root of f s + (1 - f) mu(sqrt(e2 + s^2)) s = hn, which
 * is increasing in s (its slope f + (1 - f) k_nn > 0) and lies between 0 and hn (mu_r >= 1).
 * Safeguarded Newton in that bracket.
 */
function steelNormal(mat: Material, f: number, e2: number, hn: number): number {
  if (hn === 0) return 0;
  const target = Math.abs(hn);
  let lo = 0;
  let hi = target;
  mat.evaluate(Math.sqrt(e2 + hn * hn), mu);
  let s = target / (f + (1 - f) * mu[0]!);
  for (let it = 0; it < 60; it++) {
    const hs = Math.sqrt(e2 + s * s);
    mat.evaluate(hs, mu);
    const r = f * s + (1 - f) * mu[0]! * s - target;
    if (Math.abs(r) <= 1e-14 * target) break;
    if (r > 0) hi = s;
    else lo = s;
    const un2 = hs > 0 ? (s * s) / (hs * hs) : 0;
    const slope = f + (1 - f) * (mu[0]! + (mu[1]! - mu[0]!) * un2);
    let next = s - r / slope;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - s) <= 1e-15 * target) {
      s = next;
      break;
    }
    s = next;
  }
  return Math.sign(hn) * s;
}
