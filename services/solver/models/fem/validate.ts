// Input checks of the FEM model: every message names the field and the allowed range.

import { DEPTH_MAP_LIMITS, type DefectCase, type DepthMapGrid, type SensorGridSpec } from '../../../domain/defect';
import { SolveError } from '../types';
import { MU0 } from './material';

function need(ok: boolean, field: string, allowed: string, value: unknown): void {
  if (!ok) throw new SolveError('UNSUPPORTED', `${field}: ${String(value)} is outside the allowed range ${allowed}`);
}

export function validateInputs(d: DefectCase, g: SensorGridSpec): void {
  const pos = (v: number): boolean => Number.isFinite(v) && v > 0;
  need(Number.isFinite(d.backgroundFieldKAPerM) && d.backgroundFieldKAPerM >= 0, 'backgroundFieldKAPerM', '>= 0', d.backgroundFieldKAPerM);
  need(pos(d.wallThicknessMm), 'wallThicknessMm', '> 0', d.wallThicknessMm);
  need(Number.isFinite(d.defectLengthMm) && d.defectLengthMm >= 0, 'defectLengthMm', '>= 0', d.defectLengthMm);
  need(Number.isFinite(d.defectWidthMm) && d.defectWidthMm >= 0, 'defectWidthMm', '>= 0', d.defectWidthMm);
  need(Number.isFinite(d.defectDepthPercent) && d.defectDepthPercent >= 0 && d.defectDepthPercent <= 100, 'defectDepthPercent', '[0, 100]', d.defectDepthPercent);
  need(d.side === 'near' || d.side === 'far', 'side', 'near | far', d.side);
  need(d.profile === 'rectangular' || d.profile === 'rounded' || d.profile === 'depth-map', 'profile', 'rectangular | rounded | depth-map', d.profile);
  if (d.profile === 'depth-map') validateDepthMap(d.depthMap, d.wallThicknessMm);
  need(pos(g.liftOffMm), 'liftOffMm', '> 0', g.liftOffMm);
  need(pos(g.axialPitchMm), 'axialPitchMm', '> 0', g.axialPitchMm);
  need(pos(g.circumferentialPitchMm), 'circumferentialPitchMm', '> 0', g.circumferentialPitchMm);
  need(Number.isInteger(g.axialCount) && g.axialCount >= 1, 'axialCount', 'integer >= 1', g.axialCount);
  need(Number.isInteger(g.circumferentialCount) && g.circumferentialCount >= 1, 'circumferentialCount', 'integer >= 1', g.circumferentialCount);
}

/** Cells of a depth map the model meshes at most (axial x circumferential). */
const MAX_DEPTH_MAP_CELLS = DEPTH_MAP_LIMITS.maxAxialCount * DEPTH_MAP_LIMITS.maxCircumferentialCount;

function validateDepthMap(m: DepthMapGrid, wallThicknessMm: number): void {
  const pos = (v: number): boolean => Number.isFinite(v) && v > 0;
  need(pos(m.axialPitchMm), 'depthMap.axialPitchMm', '> 0', m.axialPitchMm);
  need(pos(m.circumferentialPitchMm), 'depthMap.circumferentialPitchMm', '> 0', m.circumferentialPitchMm);
  need(Number.isInteger(m.axialCount) && m.axialCount >= 1, 'depthMap.axialCount', 'integer >= 1', m.axialCount);
  need(Number.isInteger(m.circumferentialCount) && m.circumferentialCount >= 1, 'depthMap.circumferentialCount', 'integer >= 1', m.circumferentialCount);
  need(m.axialCount * m.circumferentialCount <= MAX_DEPTH_MAP_CELLS, 'depthMap cells', `<= ${MAX_DEPTH_MAP_CELLS}`, m.axialCount * m.circumferentialCount);
  need(m.depthsMm.length === m.axialCount * m.circumferentialCount, 'depthMap.depthsMm length', `axialCount x circumferentialCount = ${m.axialCount * m.circumferentialCount}`, m.depthsMm.length);
  let loss = false;
  for (let k = 0; k < m.depthsMm.length; k++) {
    const v = m.depthsMm[k]!;
    need(Number.isFinite(v) && v >= 0 && v <= wallThicknessMm, `depthMap.depthsMm[${k}]`, `[0, wall thickness ${wallThicknessMm}] mm`, v);
    loss ||= v > 0;
  }
  need(loss, 'depthMap.depthsMm', 'at least one cell with depth > 0', 'all zero');
}

/** What a B-H table must satisfy (materials/README.md); the contract and the spec check the same. */
export const BH_TABLE_LIMITS = { minRows: 5, maxRows: 1000, maxHAPerM: 1e8, maxBT: 100 } as const;

const fmt = (v: number): string => String(v);

/**
 * Issues with a B-H table, in row order: at least 5 and at most 1000 rows, H and B finite,
 * H >= 0, both strictly increasing (monotone: the interpolant stays monotone and Newton's
 * Jacobian positive definite), B >= mu0 H (steel is not less permeable than vacuum), and B = 0 at
 * H = 0 (no remanence). `row(i)` names the i-th row (0-based) the way its source does, e.g.
 * "x52.csv line 7 (row 5)" or "settings.bh_curve row 5".
 */
export function checkBHTable(hAPerM: readonly number[], bT: readonly number[], row: (i: number) => string, table = 'the table'): string[] {
  const issues: string[] = [];
  if (hAPerM.length !== bT.length) return [`${table}: has ${hAPerM.length} H values and ${bT.length} B values; each row needs one of each`];
  const n = hAPerM.length;
  const { minRows, maxRows, maxHAPerM, maxBT } = BH_TABLE_LIMITS;
  if (n < minRows || n > maxRows) issues.push(`${table}: needs ${minRows} to ${maxRows} rows of H [A/m] and B [T] (got ${n})`);
  for (let i = 0; i < Math.min(n, maxRows); i++) {
    const h = hAPerM[i]!;
    const b = bT[i]!;
    const at = row(i);
    if (!Number.isFinite(h) || h < 0 || h > maxHAPerM) {
      issues.push(`${at}: H must be a number from 0 to ${maxHAPerM} A/m (got ${fmt(h)})`);
      continue;
    }
    if (!Number.isFinite(b) || b < 0 || b > maxBT) {
      issues.push(`${at}: B must be a number from 0 to ${maxBT} T (got ${fmt(b)})`);
      continue;
    }
    if (h === 0 && b !== 0) issues.push(`${at}: B must be 0 at H = 0 (got ${fmt(b)} T); remanence is not modelled`);
    if (h > 0 && b < MU0 * h) issues.push(`${at}: B = ${fmt(b)} T is below mu0 H = ${(MU0 * h).toPrecision(4)} T (relative permeability below 1)`);
    if (i > 0) {
      const hp = hAPerM[i - 1]!;
      const bp = bT[i - 1]!;
      if (Number.isFinite(hp) && !(h > hp)) issues.push(`${at}: H must increase from row to row (${fmt(h)} A/m after ${fmt(hp)} A/m)`);
      if (Number.isFinite(bp) && !(b > bp)) issues.push(`${at}: B must increase from row to row (${fmt(b)} T after ${fmt(bp)} T)`);
    }
  }
  return issues;
}
