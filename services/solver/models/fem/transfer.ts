// Grid transfer for geometric multigrid on the tensor-product mesh: 1D coarsening maps per axis,
// trilinear prolongation P (exact for the trilinear Q1 space: coarse Q1 functions are fine Q1
// functions), restriction P^T, and the Galerkin coarse element matrices P_e^T K_e P_e.

import type { Grid } from './grid';
import { makeGrid } from './grid';

/** How one axis of a fine grid maps onto the coarse one. */
export interface AxisMap {
  readonly coarse: Float64Array;
  /** Per fine node: lower/upper coarse node and the weight of the upper one. */
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly w: Float64Array;
  /** Per fine element: the coarse element containing it. */
  readonly cell: Int32Array;
  /** Per fine element and local end (2 per element): position in the coarse element, 0..1. */
  readonly frac: Float64Array;
}

/** Keeps every other node (and always both ends) when the axis has more than 3 nodes. */
export function coarsenAxis(c: Float64Array): AxisMap {
  const n = c.length;
  const keep: number[] = [];
  if (n > 3) {
    for (let i = 0; i < n; i += 2) keep.push(i);
    if (keep[keep.length - 1] !== n - 1) keep.push(n - 1);
  } else for (let i = 0; i < n; i++) keep.push(i);
  const coarse = Float64Array.from(keep.map((i) => c[i]!));
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  const w = new Float64Array(n);
  let ci = 0;
  for (let f = 0; f < n; f++) {
    while (ci + 1 < keep.length && keep[ci + 1]! <= f) ci++;
    lo[f] = ci;
    if (keep[ci] === f) {
      hi[f] = ci;
      w[f] = 0;
    } else {
      hi[f] = ci + 1;
      w[f] = (c[f]! - coarse[ci]!) / (coarse[ci + 1]! - coarse[ci]!);
    }
  }
  const cell = new Int32Array(n - 1);
  const frac = new Float64Array(2 * (n - 1));
  for (let e = 0; e < n - 1; e++) {
    let cc = lo[e]!;
    if (cc >= keep.length - 1) cc = keep.length - 2;
    cell[e] = cc;
    const x0 = coarse[cc]!;
    const hC = coarse[cc + 1]! - x0;
    frac[2 * e] = (c[e]! - x0) / hC;
    frac[2 * e + 1] = (c[e + 1]! - x0) / hC;
  }
  return { coarse, lo, hi, w, cell, frac };
}

export interface Transfer {
  readonly coarse: Grid;
  readonly mx: AxisMap;
  readonly my: AxisMap;
  readonly mz: AxisMap;
}

export function makeTransfer(fine: Grid): Transfer {
  const mx = coarsenAxis(fine.x);
  const my = coarsenAxis(fine.y);
  const mz = coarsenAxis(fine.z);
  return { coarse: makeGrid(mx.coarse, my.coarse, mz.coarse), mx, my, mz };
}

/** xf += P xc on the free fine rows. */
export function prolongAdd(f: Grid, t: Transfer, xc: Float64Array, xf: Float64Array): void {
  const c = t.coarse;
  const { mx, my, mz } = t;
  for (let i = 1; i < f.nx - 1; i++) {
    const i0 = mx.lo[i]! * c.ny * c.nz + c.pad;
    const i1 = mx.hi[i]! * c.ny * c.nz + c.pad;
    const wi = mx.w[i]!;
    for (let j = 0; j < f.ny; j++) {
      const j0 = my.lo[j]! * c.nz;
      const j1 = my.hi[j]! * c.nz;
      const wj = my.w[j]!;
      const a00 = i0 + j0;
      const a01 = i0 + j1;
      const a10 = i1 + j0;
      const a11 = i1 + j1;
      const base = f.pad + f.nz * (j + f.ny * i);
      for (let k = 0; k < f.nz; k++) {
        const k0 = mz.lo[k]!;
        const k1 = mz.hi[k]!;
        const wk = mz.w[k]!;
        const v00 = xc[a00 + k0]! + wk * (xc[a00 + k1]! - xc[a00 + k0]!);
        const v01 = xc[a01 + k0]! + wk * (xc[a01 + k1]! - xc[a01 + k0]!);
        const v10 = xc[a10 + k0]! + wk * (xc[a10 + k1]! - xc[a10 + k0]!);
        const v11 = xc[a11 + k0]! + wk * (xc[a11 + k1]! - xc[a11 + k0]!);
        const v0 = v00 + wj * (v01 - v00);
        const v1 = v10 + wj * (v11 - v10);
        xf[base + k]! += v0 + wi * (v1 - v0);
      }
    }
  }
}

/** bc = P^T rf (fine Dirichlet rows of rf are zero); coarse Dirichlet rows are zeroed after. */
export function restrict(f: Grid, t: Transfer, rf: Float64Array, bc: Float64Array): void {
  const c = t.coarse;
  const { mx, my, mz } = t;
  bc.fill(0);
  for (let i = 1; i < f.nx - 1; i++) {
    const i0 = mx.lo[i]! * c.ny * c.nz + c.pad;
    const i1 = mx.hi[i]! * c.ny * c.nz + c.pad;
    const wi = mx.w[i]!;
    for (let j = 0; j < f.ny; j++) {
      const j0 = my.lo[j]! * c.nz;
      const j1 = my.hi[j]! * c.nz;
      const wj = my.w[j]!;
      const base = f.pad + f.nz * (j + f.ny * i);
      for (let k = 0; k < f.nz; k++) {
        const v = rf[base + k]!;
        if (v === 0) continue;
        const k0 = mz.lo[k]!;
        const k1 = mz.hi[k]!;
        const wk = mz.w[k]!;
        const w00 = (1 - wi) * (1 - wj);
        const w01 = (1 - wi) * wj;
        const w10 = wi * (1 - wj);
        const w11 = wi * wj;
        bc[i0 + j0 + k0]! += w00 * (1 - wk) * v;
        bc[i0 + j0 + k1]! += w00 * wk * v;
        bc[i0 + j1 + k0]! += w01 * (1 - wk) * v;
        bc[i0 + j1 + k1]! += w01 * wk * v;
        bc[i1 + j0 + k0]! += w10 * (1 - wk) * v;
        bc[i1 + j0 + k1]! += w10 * wk * v;
        bc[i1 + j1 + k0]! += w11 * (1 - wk) * v;
        bc[i1 + j1 + k1]! += w11 * wk * v;
      }
    }
  }
  const plane = c.ny * c.nz;
  bc.fill(0, c.pad, c.pad + plane);
  bc.fill(0, c.pad + c.n - plane, c.pad + c.n);
}

/**
 * Galerkin coarse element matrices: each fine element lies in one coarse element, and its nodes are
 * trilinear combinations of that coarse element's 8 nodes (P_e), so P^T A P is the assembly of
 * sum_{fine e in E} P_e^T K_e P_e. This keeps coefficient jumps (steel/air, mu_r ~ 10..1000s)
 * exact on every level, which rediscretisation on coarse cells would smear.
 */
export function galerkinElements(
  f: Grid,
  t: Transfer,
  ke: Float64Array,
  k0 = 0,
  k1 = f.nz - 1,
): { kc: Float64Array; k0: number; k1: number } {
  const c = t.coarse;
  const { mx, my, mz } = t;
  // The fine slab k0..k1-1 lies in the coarse slab K0..K1-1; coarse matrices are slab-local too.
  const K0 = mz.cell[k0]!;
  const K1 = mz.cell[k1 - 1]! + 1;
  const kc = new Float64Array((c.nx - 1) * (c.ny - 1) * (K1 - K0) * 64);
  const P = new Float64Array(64);
  const T = new Float64Array(64);
  let e = 0;
  for (let i = 0; i < f.nx - 1; i++)
    for (let j = 0; j < f.ny - 1; j++)
      for (let k = k0; k < k1; k++, e++) {
        for (let a = 0; a < 8; a++) {
          const fx = mx.frac[2 * i + (a >> 2)]!;
          const fy = my.frac[2 * j + ((a >> 1) & 1)]!;
          const fz = mz.frac[2 * k + (a & 1)]!;
          for (let A = 0; A < 8; A++)
            P[a * 8 + A] = (A >> 2 ? fx : 1 - fx) * ((A >> 1) & 1 ? fy : 1 - fy) * (A & 1 ? fz : 1 - fz);
        }
        const base = e * 64;
        for (let a = 0; a < 8; a++)
          for (let B = 0; B < 8; B++) {
            let s = 0;
            for (let b = 0; b < 8; b++) s += ke[base + a * 8 + b]! * P[b * 8 + B]!;
            T[a * 8 + B] = s;
          }
        const ce = (mz.cell[k]! - K0 + (K1 - K0) * (my.cell[j]! + (c.ny - 1) * mx.cell[i]!)) * 64;
        for (let A = 0; A < 8; A++)
          for (let B = 0; B < 8; B++) {
            let s = 0;
            for (let a = 0; a < 8; a++) s += P[a * 8 + A]! * T[a * 8 + B]!;
            kc[ce + A * 8 + B]! += s;
          }
      }
  return { kc, k0: K0, k1: K1 };
}

