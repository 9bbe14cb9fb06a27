// Closed-form field of a uniformly charged rectangle lying in a plane x = const (one defect wall).
//
// A rectangle at x = xw, spanning y in [y1, y2] and z in [z1, z2], carrying magnetic surface charge
// density sigma (A/m), produces at P = (px, py, pz)
//
//   H(P) = sigma / (4 pi) * Int Int (P - r') / |P - r'|^3 dy' dz'.
//
// With X = px - xw, u = py - y', v = pz - z' and R = sqrt(X^2 + u^2 + v^2) the double integral has
// the antiderivatives (e.g. Furlani, "Permanent Magnet and Electromechanical Devices", 2001, §4.3;
// Mandache & Clapham, J. Phys. D 36 (2003) 2427, eqs. 4-6):
//
//   Gx = atan(u v / (X R)),   Gy = -ln(v + R),   Gz = -ln(u + R),
//
// evaluated at the four corners as G(ub, vd) - G(ua, vd) - G(ub, vc) + G(ua, vc), where
// ua = py - y2 < ub = py - y1 and vc = pz - z2 < vd = pz - z1.
//
// The caller guarantees P lies strictly above the wall (pz > z2), so v > 0 and R > 0 everywhere.

/** One charged wall; lengths in any consistent unit, sigma in A/m. */
export interface ChargedWall {
  x: number;
  y1: number;
  y2: number;
  z1: number;
  z2: number;
  sigma: number;
}

// Bound once: a global lookup per call is slow inside vm contexts (jest runs tests in one), and
// this runs millions of times per batch.
const { atan, log, sqrt } = Math;
const FOUR_PI = 4 * Math.PI;

/** s + r with r = sqrt(s^2 + q2), without the cancellation that ruins it when s << 0. */
function sumStable(s: number, q2: number, r: number): number {
  return s >= 0 ? s + r : q2 / (r - s);
}

/**
 * Adds the field H (A/m) of `wall` at P to out[0..2]. Written without allocation because it runs
 * once per wall per sensor point.
 */
export function addWallField(wall: ChargedWall, px: number, py: number, pz: number, out: Float64Array): void {
  const X = px - wall.x;
  const x2 = X * X;
  const ua = py - wall.y2;
  const ub = py - wall.y1;
  const vc = pz - wall.z2;
  const vd = pz - wall.z1;

  const rbd = sqrt(x2 + ub * ub + vd * vd);
  const rad = sqrt(x2 + ua * ua + vd * vd);
  const rbc = sqrt(x2 + ub * ub + vc * vc);
  const rac = sqrt(x2 + ua * ua + vc * vc);

  // In the wall's plane (X = 0) but outside the wall, the normal component is 0 by symmetry;
  // atan(uv / 0) would give NaN at u = 0.
  const hx =
    X === 0
      ? 0
      : atan((ub * vd) / (X * rbd)) - atan((ua * vd) / (X * rad)) - atan((ub * vc) / (X * rbc)) + atan((ua * vc) / (X * rac));

  // v > 0, so v + R never cancels; one log of the corner ratio instead of four logs (speed).
  const hy = -log(((vd + rbd) * (vc + rac)) / ((vd + rad) * (vc + rbc)));

  // u can be negative: use the stable form, q^2 = X^2 + v^2 > 0 because v > 0.
  const qd = x2 + vd * vd;
  const qc = x2 + vc * vc;
  const hz = -log((sumStable(ub, qd, rbd) * sumStable(ua, qc, rac)) / (sumStable(ua, qd, rad) * sumStable(ub, qc, rbc)));

  const k = wall.sigma / FOUR_PI;
  out[0] = (out[0] ?? 0) + k * hx;
  out[1] = (out[1] ?? 0) + k * hy;
  out[2] = (out[2] ?? 0) + k * hz;
}
