// Geometric multigrid V-cycle used as the PCG preconditioner.
//
// - Coarsening: every other node plane per axis (semi-coarsening once an axis has <= 3 nodes);
//   the Dirichlet x planes are kept on every level.
// - Coarse operators: Galerkin P^T A P built from element matrices (transfer.ts), robust to the
//   steel/air permeability jump.
// - Smoother: z-line Gauss-Seidel (tridiagonal solve per z column). The graded mesh has its finest
//   spacing and strongest coupling along z (thin wall, small lift-off gap, flat far-field cells),
//   the anisotropy a point smoother cannot handle. Forward sweep before, backward sweep after the
//   coarse correction, so the V-cycle is a symmetric positive definite preconditioner.
// - Coarsest level: dense Cholesky of its free rows.

import type { Grid } from './grid';
import { assembleStencil, matvec, newVector } from './grid';
import type { Transfer } from './transfer';
import { galerkinElements, makeTransfer, prolongAdd, restrict } from './transfer';

const COARSEST_MAX_NODES = 600;

interface Level {
  readonly g: Grid;
  /** Constant part of the operator: Galerkin image of the elements outside the nonlinear slab. */
  readonly Aout: Float64Array;
  /** Current operator Aout + slab part. */
  readonly A: Float64Array;
  /** Thomas factors of the z-line blocks. */
  cp: Float64Array;
  inv: Float64Array;
  readonly b: Float64Array;
  readonly x: Float64Array;
  readonly r: Float64Array;
  readonly t: Transfer | null;
}

/**
 * Only the wall's elements (the z-slab holding steel) change between Newton steps; the air's
 * element matrices and their Galerkin images are computed once (P^T A P is linear in A), and each
 * update redoes assembly and Galerkin products for the slab alone.
 */
export interface Multigrid {
  readonly levels: readonly Level[];
  coarse: { idx: Int32Array; L: Float64Array };
}

function lineFactors(g: Grid, A: Float64Array): { cp: Float64Array; inv: Float64Array } {
  const cp = new Float64Array(g.n);
  const inv = new Float64Array(g.n);
  for (let col = 0; col < g.nx * g.ny; col++) {
    const n0 = col * g.nz;
    let prev = 0;
    for (let k = 0; k < g.nz; k++) {
      const n = n0 + k;
      const a = k > 0 ? A[n * 27 + 12]! : 0;
      const den = A[n * 27 + 13]! - a * prev;
      inv[n] = den !== 0 ? 1 / den : 0;
      prev = k < g.nz - 1 ? A[n * 27 + 14]! * inv[n] : 0;
      cp[n] = prev;
    }
  }
  return { cp, inv };
}

/** One z-line Gauss-Seidel sweep over the free columns, forward or backward. */
function lineSweep(L: Level, forward: boolean): void {
  const { g, A, cp, inv, b, x } = L;
  const { nz, ny, offs, pad } = g;
  const y = new Float64Array(nz);
  const cols = (g.nx - 2) * ny;
  for (let c = 0; c < cols; c++) {
    const col = ny + (forward ? c : cols - 1 - c);
    const n0 = col * nz;
    let prev = 0;
    for (let k = 0; k < nz; k++) {
      const n = n0 + k;
      const p = pad + n;
      const row = n * 27;
      let s = b[p]!;
      for (let q = 0; q < 12; q++) s -= A[row + q]! * x[p + offs[q]!]!;
      for (let q = 15; q < 27; q++) s -= A[row + q]! * x[p + offs[q]!]!;
      prev = (s - (k > 0 ? A[row + 12]! * prev : 0)) * inv[n]!;
      y[k] = prev;
    }
    let next = 0;
    for (let k = nz - 1; k >= 0; k--) {
      const n = n0 + k;
      next = y[k]! - cp[n]! * next;
      x[pad + n] = next;
    }
  }
}

function buildCoarseSolver(L: Level): { idx: Int32Array; L: Float64Array } {
  const g = L.g;
  const plane = g.ny * g.nz;
  const m = g.n - 2 * plane;
  const idx = new Int32Array(m);
  for (let a = 0; a < m; a++) idx[a] = plane + a;
  const M = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const n = idx[a]!;
    for (let q = 0; q < 27; q++) {
      const nb = n + g.offs[q]! - plane;
      const v = L.A[n * 27 + q]!;
      if (v !== 0 && nb >= 0 && nb < m) M[a * m + nb]! += v;
    }
  }
  // In-place Cholesky (lower triangle).
  for (let j = 0; j < m; j++) {
    let d = M[j * m + j]!;
    for (let k = 0; k < j; k++) d -= M[j * m + k]! ** 2;
    if (!(d > 0)) throw new Error(`coarse operator not positive definite (pivot ${d})`);
    const ljj = Math.sqrt(d);
    M[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let s = M[i * m + j]!;
      for (let k = 0; k < j; k++) s -= M[i * m + k]! * M[j * m + k]!;
      M[i * m + j] = s / ljj;
    }
  }
  return { idx, L: M };
}

function coarseSolve(mg: Multigrid, L: Level): void {
  const { idx, L: M } = mg.coarse;
  const m = idx.length;
  const pad = L.g.pad;
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = L.b[pad + idx[i]!]!;
    for (let k = 0; k < i; k++) s -= M[i * m + k]! * y[k]!;
    y[i] = s / M[i * m + i]!;
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < m; k++) s -= M[k * m + i]! * y[k]!;
    y[i] = s / M[i * m + i]!;
  }
  L.x.fill(0);
  for (let i = 0; i < m; i++) L.x[pad + idx[i]!] = y[i]!;
}

/** Builds the transfers and the constant operator part from the element matrices outside the slab. */
export function buildMultigrid(fine: Grid, keOut: Float64Array): Multigrid {
  const levels: Level[] = [];
  let g = fine;
  let ke = keOut;
  for (;;) {
    const canCoarsen = g.n > COARSEST_MAX_NODES && (g.nx > 3 || g.ny > 3 || g.nz > 3);
    const t = canCoarsen ? makeTransfer(g) : null;
    const Aout = assembleStencil(g, ke);
    const empty = new Float64Array(0);
    levels.push({ g, Aout, A: new Float64Array(Aout.length), cp: empty, inv: empty, b: newVector(g), x: newVector(g), r: newVector(g), t });
    if (t === null) break;
    ke = galerkinElements(g, t, ke).kc;
    g = t.coarse;
  }
  return { levels, coarse: { idx: new Int32Array(0), L: new Float64Array(0) } };
}

/** Sets every level's operator to Aout + the Galerkin image of the slab's element matrices. */
export function updateMultigrid(mg: Multigrid, keSlab: Float64Array, k0: number, k1: number): void {
  let ke = keSlab;
  let lo = k0;
  let hi = k1;
  for (const L of mg.levels) {
    L.A.set(L.Aout);
    assembleStencil(L.g, ke, lo, hi, L.A);
    const f = lineFactors(L.g, L.A);
    L.cp = f.cp;
    L.inv = f.inv;
    if (L.t === null) break;
    ({ kc: ke, k0: lo, k1: hi } = galerkinElements(L.g, L.t, ke, lo, hi));
  }
  mg.coarse = buildCoarseSolver(mg.levels[mg.levels.length - 1]!);
}

function vcycle(mg: Multigrid, l: number): void {
  const L = mg.levels[l]!;
  if (l === mg.levels.length - 1) {
    coarseSolve(mg, L);
    return;
  }
  const C = mg.levels[l + 1]!;
  L.x.fill(0);
  lineSweep(L, true);
  matvec(L.g, L.A, L.x, L.r);
  for (let p = L.g.pad; p < L.g.pad + L.g.n; p++) L.r[p] = L.b[p]! - L.r[p]!;
  restrict(L.g, L.t!, L.r, C.b);
  vcycle(mg, l + 1);
  prolongAdd(L.g, L.t!, C.x, L.x);
  lineSweep(L, false);
}

/** z = M^-1 r: one V-cycle. */
export function applyMultigrid(mg: Multigrid, r: Float64Array, z: Float64Array): void {
  const L = mg.levels[0]!;
  L.b.set(r);
  vcycle(mg, 0);
  z.set(L.x);
}
