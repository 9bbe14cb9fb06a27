// Magnetic materials of the FEM model: a monotone-cubic B-H curve (Fritsch-Carlson) or a constant
// relative permeability. The solver needs, at a field magnitude h = |H|, the secant permeability
// mu = B/H (for the flux B = mu H) and the differential permeability dB/dH (for Newton's Jacobian).

import { createHash } from 'node:crypto';
import type { BHCurveTable } from '../../../domain/defect';
import { SolveError } from '../types';
import { TEAM13_B, TEAM13_H } from './team13';

export const MU0 = 4 * Math.PI * 1e-7;

export interface Material {
  readonly name: string;
  /** True when mu does not depend on H (one Newton step solves the problem). */
  readonly linear: boolean;
  /** Writes relative secant (B/(mu0 h)) and differential ((dB/dH)/mu0) permeability at h (A/m). */
  evaluate(h: number, out: Float64Array): void;
}

export class LinearMaterial implements Material {
  readonly linear = true;
  constructor(
    readonly name: string,
    readonly mur: number,
  ) {}
  evaluate(_h: number, out: Float64Array): void {
    out[0] = this.mur;
    out[1] = this.mur;
  }
}

/**
 * Monotone piecewise-cubic Hermite B(H) (Fritsch & Carlson, SIAM J. Numer. Anal. 17 (1980) 238):
 * it keeps dB/dH >= 0 between table points, so the energy functional stays convex and Newton's
 * Jacobian stays positive definite. Beyond the last point B grows with slope mu0 (vacuum-like
 * saturation), and the last node slope is set to mu0 so that the extension joins smoothly.
 */
export class BHCurve implements Material {
  readonly linear = false;
  private readonly h: Float64Array;
  private readonly b: Float64Array;
  private readonly m: Float64Array;

  constructor(
    readonly name: string,
    hs: readonly number[],
    bs: readonly number[],
  ) {
    const n = hs.length;
    if (n < 3 || bs.length !== n) throw new Error(`B-H table ${name} needs >= 3 rows of H and B`);
    this.h = Float64Array.from(hs);
    this.b = Float64Array.from(bs);
    const delta = new Float64Array(n - 1);
    for (let i = 0; i < n - 1; i++) {
      const dh = this.h[i + 1]! - this.h[i]!;
      const db = this.b[i + 1]! - this.b[i]!;
      if (!(dh > 0) || !(db > 0)) throw new Error(`B-H table ${name} must increase strictly (row ${i + 1})`);
      delta[i] = db / dh;
    }
    const m = new Float64Array(n);
    m[0] = delta[0]!;
    for (let i = 1; i < n - 1; i++) m[i] = 0.5 * (delta[i - 1]! + delta[i]!);
    m[n - 1] = Math.min(MU0, delta[n - 2]!);
    // Fritsch-Carlson limiter: alpha^2 + beta^2 <= 9 on every interval guarantees monotonicity.
    for (let i = 0; i < n - 1; i++) {
      const alpha = m[i]! / delta[i]!;
      const beta = m[i + 1]! / delta[i]!;
      const s = alpha * alpha + beta * beta;
      if (s > 9) {
        const tau = 3 / Math.sqrt(s);
        m[i] = tau * alpha * delta[i]!;
        m[i + 1] = tau * beta * delta[i]!;
      }
    }
    this.m = m;
  }

  /** B (T) and dB/dH at field h >= 0 (A/m); writes [B, dBdH] into out. */
  bAndSlope(hIn: number, out: Float64Array): void {
    const h = Math.abs(hIn);
    const n = this.h.length;
    const hLast = this.h[n - 1]!;
    if (h >= hLast) {
      out[0] = this.b[n - 1]! + MU0 * (h - hLast);
      out[1] = MU0;
      return;
    }
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (this.h[mid]! <= h) lo = mid;
      else hi = mid;
    }
    const h0 = this.h[lo]!;
    const dh = this.h[hi]! - h0;
    const t = (h - h0) / dh;
    const t2 = t * t;
    const t3 = t2 * t;
    const b0 = this.b[lo]!;
    const b1 = this.b[hi]!;
    const m0 = this.m[lo]! * dh;
    const m1 = this.m[hi]! * dh;
    out[0] = (2 * t3 - 3 * t2 + 1) * b0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * b1 + (t3 - t2) * m1;
    out[1] = ((6 * t2 - 6 * t) * b0 + (3 * t2 - 4 * t + 1) * m0 + (-6 * t2 + 6 * t) * b1 + (3 * t2 - 2 * t) * m1) / dh;
  }

  evaluate(h: number, out: Float64Array): void {
    // Below 1e-3 A/m the secant is the initial slope (B/H -> dB/dH at 0), avoiding 0/0.
    if (h < 1e-3) {
      out[0] = this.m[0]! / MU0;
      out[1] = out[0];
      return;
    }
    this.bAndSlope(h, out);
    const b = out[0]!;
    // Physical steel has dB/dH >= mu0; the floor keeps Newton's tensor well conditioned where a
    // cubic piece flattens between table rows.
    out[1] = Math.max(out[1]!, MU0) / MU0;
    out[0] = b / (MU0 * h);
  }
}

export const TEAM13 = new BHCurve('team13', TEAM13_H, TEAM13_B);
export const MATERIAL_NAMES = ['team13', 'linear-<mur>'] as const;

/**
 * Content hash of a B-H table: sha256 hex over its rows as JavaScript prints each number (the
 * shortest text that reads back to the same double), so equal tables hash equally whatever file,
 * name or formatting they came from.
 */
export function bhCurveSha256(hAPerM: readonly number[], bT: readonly number[]): string {
  const hash = createHash('sha256').update('synthflux.bh-curve/v1\n');
  for (let i = 0; i < hAPerM.length; i++) hash.update(`${hAPerM[i]},${bT[i]}\n`);
  return hash.digest('hex');
}

export const TEAM13_SHA256 = bhCurveSha256(TEAM13_H, TEAM13_B);

/** The interpolant of a table; one that starts above H = 0 starts from the origin (B(0) = 0). */
export function bhCurveOf(table: Pick<BHCurveTable, 'name' | 'hAPerM' | 'bT'>): BHCurve {
  const fromOrigin = table.hAPerM[0] !== 0;
  const hs = fromOrigin ? [0, ...table.hAPerM] : table.hAPerM;
  const bs = fromOrigin ? [0, ...table.bT] : table.bT;
  return new BHCurve(table.name, hs, bs);
}

// solve.ts resolves materials by name, so a table gets a content-addressed one. Only a few curves
// are in use at once (one per campaign), and a curve is registered and used in one synchronous
// solve, so evicting the oldest cannot drop a curve in use.
const TABLE_PREFIX = 'bh-curve-sha256-';
const MAX_TABLE_CURVES = 16;
const tableCurves = new Map<string, BHCurve>();

/** Registers a (validated) table and returns the material name that resolveMaterial maps to it. */
export function tableMaterialName(table: BHCurveTable): string {
  const name = `${TABLE_PREFIX}${table.sha256}`;
  if (!tableCurves.has(name)) {
    if (tableCurves.size >= MAX_TABLE_CURVES) tableCurves.delete(tableCurves.keys().next().value!);
    tableCurves.set(name, bhCurveOf(table));
  }
  return name;
}

/** mu_r of a `linear-<mur>` name, or undefined when the name is not one (or mu_r < 1). */
export function linearMur(name: string): number | undefined {
  const match = /^linear-(\d+(?:\.\d+)?)$/.exec(name);
  const mur = match ? Number(match[1]) : NaN;
  return mur >= 1 && Number.isFinite(mur) ? mur : undefined;
}

/** Resolves ModelSettings.material: undefined or "team13" -> TEAM 13 steel; "linear-1000" -> mu_r 1000. */
export function resolveMaterial(name: string | undefined): Material {
  if (name === undefined || name === 'team13') return TEAM13;
  const table = tableCurves.get(name);
  if (table) return table;
  const mur = linearMur(name);
  if (mur !== undefined) return new LinearMaterial(name, mur);
  throw new SolveError('UNSUPPORTED', `material: unknown "${name}"; allowed: team13, linear-<mu_r >= 1> (e.g. linear-1000), or a B-H table`);
}
