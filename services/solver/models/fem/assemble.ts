// Q1 (trilinear hexahedron) finite-element residual and Newton Jacobian of the nonlinear
// magnetostatic problem div(mu(|grad phi|) grad phi) = 0, H = -grad phi.
//
// phi minimises the magnetic co-energy E(phi) = sum_e int_e W(|grad phi|), W(h) = int_0^h B(s) ds,
// which is strictly convex for a monotone B-H curve. Its gradient is the residual
//   r_a = int grad N_a . mu(|H|) grad phi                 (flux imbalance at node a, per mu0)
// and its Hessian the Jacobian with the differential permeability tensor
//   J_ab = int grad N_a . [mu I + (mu_d - mu) n n^T] grad N_b,   n = H/|H|,
// which is symmetric positive definite: Newton steps solve with PCG, and line searches on ||r|| are
// safe. Both are integrated with 2x2x2 Gauss points and mu evaluated per point (the element is not
// assumed uniform in |H|). Linear elements (air, linear steel) use the exact closed-form matrix.
// Elements that a curved defect surface cuts follow the steel/air laminate law (laminate.ts).
// Permeabilities are relative (mu0 is a common factor of the homogeneous equation).

import type { Grid } from './grid';
import { localOffsets } from './grid';
import { laminate, laminateOut } from './laminate';
import type { Material } from './material';
import { CUT, STEEL, type ElementMaterials } from './mesh';

const G = [0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)] as const;
const shape = (a: number, s: number): number => (a === 1 ? s : 1 - s);
const dshape = (a: number): number => (a === 1 ? 1 : -1);

/** Reference gradients at the Gauss points: R?[q*8 + a] on the unit cube (divide by h). */
const RX = new Float64Array(64);
const RY = new Float64Array(64);
const RZ = new Float64Array(64);
/** Unit-cube Laplacian pieces: K?[a*8+b] = int dN_a/d? dN_b/d? over the unit cube. */
const KX = new Float64Array(64);
const KY = new Float64Array(64);
const KZ = new Float64Array(64);
(() => {
  const m = (a: number, b: number): number => (a === b ? 1 / 3 : 1 / 6);
  const s = (a: number, b: number): number => (a === b ? 1 : -1);
  for (let q = 0; q < 8; q++) {
    const gx = G[q >> 2]!;
    const gy = G[(q >> 1) & 1]!;
    const gz = G[q & 1]!;
    for (let a = 0; a < 8; a++) {
      const ax = a >> 2;
      const ay = (a >> 1) & 1;
      const az = a & 1;
      RX[q * 8 + a] = dshape(ax) * shape(ay, gy) * shape(az, gz);
      RY[q * 8 + a] = shape(ax, gx) * dshape(ay) * shape(az, gz);
      RZ[q * 8 + a] = shape(ax, gx) * shape(ay, gy) * dshape(az);
    }
  }
  for (let a = 0; a < 8; a++)
    for (let b = 0; b < 8; b++) {
      const ax = a >> 2;
      const ay = (a >> 1) & 1;
      const az = a & 1;
      const bx = b >> 2;
      const by = (b >> 1) & 1;
      const bz = b & 1;
      KX[a * 8 + b] = s(ax, bx) * m(ay, by) * m(az, bz);
      KY[a * 8 + b] = m(ax, bx) * s(ay, by) * m(az, bz);
      KZ[a * 8 + b] = m(ax, bx) * m(ay, by) * s(az, bz);
    }
})();

export interface Evaluation {
  /** ||r|| over free nodes. */
  residualNorm: number;
  /** ||r|| over the Dirichlet nodes: the flux entering/leaving through the x faces (scale). */
  reactionNorm: number;
}

/** Elements of the z-slab k0 <= k < k1; element matrices are stored slab-locally (see slabIndex). */
export interface Slab {
  k0: number;
  k1: number;
}

/** Position of element (i, j, k) in a slab-local array of element matrices. */
export function slabIndex(g: Grid, s: Slab, i: number, j: number, k: number): number {
  return k - s.k0 + (s.k1 - s.k0) * (j + (g.ny - 1) * i);
}

/**
 * Adds the residual of the slab's elements at potential phi to r (padded vector) and, when ke is
 * given, stores their Newton Jacobian element matrices (64 per element, slab-local order).
 * `secant` replaces the Jacobian by the secant (Picard) matrix mu I.
 */
export function evaluate(
  g: Grid,
  cells: ElementMaterials,
  mat: Material,
  phi: Float64Array,
  r: Float64Array,
  ke: Float64Array | null,
  slab: Slab,
  secant = false,
): void {
  const { x, y, z, nx, ny, nz, pad } = g;
  const lo = localOffsets(g);
  const el = new Float64Array(64);
  const ph = new Float64Array(8);
  const re = new Float64Array(8);
  const gx8 = new Float64Array(8);
  const gy8 = new Float64Array(8);
  const gz8 = new Float64Array(8);
  const ng = new Float64Array(8);
  const mu = new Float64Array(2);
  const hq = new Float64Array(3);
  const tn = new Float64Array(3);
  const lam = laminateOut();
  const { k0, k1 } = slab;
  const { steel, cut } = cells;
  let le = 0;
  for (let i = 0; i < nx - 1; i++) {
    const hx = x[i + 1]! - x[i]!;
    for (let j = 0; j < ny - 1; j++) {
      const hy = y[j + 1]! - y[j]!;
      for (let k = k0; k < k1; k++, le++) {
        const e = k + (nz - 1) * (j + (ny - 1) * i);
        const hz = z[k + 1]! - z[k]!;
        const vol = hx * hy * hz;
        const n0 = pad + k + nz * (j + ny * i);
        for (let a = 0; a < 8; a++) ph[a] = phi[n0 + lo[a]!]!;
        re.fill(0);
        if (steel[e] === CUT) {
          const geom = cut.get(e)!;
          const f = geom[0]!;
          const normal = geom.subarray(1);
          el.fill(0);
          const w = vol / 8;
          for (let q = 0; q < 8; q++) {
            for (let a = 0; a < 8; a++) {
              gx8[a] = RX[q * 8 + a]! / hx;
              gy8[a] = RY[q * 8 + a]! / hy;
              gz8[a] = RZ[q * 8 + a]! / hz;
            }
            hq.fill(0);
            for (let a = 0; a < 8; a++) {
              hq[0]! += gx8[a]! * ph[a]!;
              hq[1]! += gy8[a]! * ph[a]!;
              hq[2]! += gz8[a]! * ph[a]!;
            }
            laminate(mat, f, normal, hq, secant, lam);
            const { b, t } = lam;
            for (let a = 0; a < 8; a++) re[a]! += w * (gx8[a]! * b[0]! + gy8[a]! * b[1]! + gz8[a]! * b[2]!);
            if (ke === null) continue;
            for (let a = 0; a < 8; a++) {
              const ax = gx8[a]!;
              const ay = gy8[a]!;
              const az = gz8[a]!;
              tn[0] = t[0]! * ax + t[1]! * ay + t[2]! * az;
              tn[1] = t[3]! * ax + t[4]! * ay + t[5]! * az;
              tn[2] = t[6]! * ax + t[7]! * ay + t[8]! * az;
              for (let bb = a; bb < 8; bb++) el[a * 8 + bb]! += w * (gx8[bb]! * tn[0] + gy8[bb]! * tn[1] + gz8[bb]! * tn[2]);
            }
          }
          if (ke !== null) for (let a = 0; a < 8; a++) for (let b = 0; b < a; b++) el[a * 8 + b] = el[b * 8 + a]!;
        } else if (steel[e] === STEEL && !mat.linear) {
          el.fill(0);
          const w = vol / 8;
          for (let q = 0; q < 8; q++) {
            let gx = 0;
            let gy = 0;
            let gz = 0;
            for (let a = 0; a < 8; a++) {
              gx8[a] = RX[q * 8 + a]! / hx;
              gy8[a] = RY[q * 8 + a]! / hy;
              gz8[a] = RZ[q * 8 + a]! / hz;
              gx += gx8[a]! * ph[a]!;
              gy += gy8[a]! * ph[a]!;
              gz += gz8[a]! * ph[a]!;
            }
            const h = Math.sqrt(gx * gx + gy * gy + gz * gz);
            mat.evaluate(h, mu);
            const m = mu[0]!;
            const wm = w * m;
            for (let a = 0; a < 8; a++) re[a]! += wm * (gx8[a]! * gx + gy8[a]! * gy + gz8[a]! * gz);
            if (ke === null) continue;
            const c = h > 0 && !secant ? (w * (mu[1]! - m)) / (h * h) : 0;
            for (let a = 0; a < 8; a++) ng[a] = gx8[a]! * gx + gy8[a]! * gy + gz8[a]! * gz;
            for (let a = 0; a < 8; a++)
              for (let b = a; b < 8; b++)
                el[a * 8 + b]! += wm * (gx8[a]! * gx8[b]! + gy8[a]! * gy8[b]! + gz8[a]! * gz8[b]!) + c * ng[a]! * ng[b]!;
          }
          if (ke !== null) for (let a = 0; a < 8; a++) for (let b = 0; b < a; b++) el[a * 8 + b] = el[b * 8 + a]!;
        } else {
          const mur = steel[e] === STEEL ? (mat.evaluate(0, mu), mu[0]!) : 1;
          const cx = (mur * vol) / (hx * hx);
          const cy = (mur * vol) / (hy * hy);
          const cz = (mur * vol) / (hz * hz);
          for (let p = 0; p < 64; p++) el[p] = cx * KX[p]! + cy * KY[p]! + cz * KZ[p]!;
          for (let a = 0; a < 8; a++) {
            let s = 0;
            for (let b = 0; b < 8; b++) s += el[a * 8 + b]! * ph[b]!;
            re[a] = s;
          }
        }
        for (let a = 0; a < 8; a++) r[n0 + lo[a]!]! += re[a]!;
        if (ke !== null) ke.set(el, le * 64);
      }
    }
  }
}

/** Zeroes the Dirichlet rows of r and returns the norms of the free rows and of those reactions. */
export function splitResidual(g: Grid, r: Float64Array): Evaluation {
  const plane = g.ny * g.nz;
  const { pad } = g;
  let react = 0;
  for (let p = 0; p < plane; p++) {
    const a = r[pad + p]!;
    const b = r[pad + g.n - plane + p]!;
    react += a * a + b * b;
    r[pad + p] = 0;
    r[pad + g.n - plane + p] = 0;
  }
  let res = 0;
  for (let p = pad; p < pad + g.n; p++) res += r[p]! * r[p]!;
  return { residualNorm: Math.sqrt(res), reactionNorm: Math.sqrt(react) };
}
