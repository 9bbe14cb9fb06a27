// Input checks of the FEM model: every message names the field and the allowed range.

import type { DefectCase, SensorGridSpec } from '../types';
import { SolveError } from '../types';

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
  need(d.profile === 'rectangular' || d.profile === 'rounded', 'profile', 'rectangular | rounded', d.profile);
  need(pos(g.liftOffMm), 'liftOffMm', '> 0', g.liftOffMm);
  need(pos(g.axialPitchMm), 'axialPitchMm', '> 0', g.axialPitchMm);
  need(pos(g.circumferentialPitchMm), 'circumferentialPitchMm', '> 0', g.circumferentialPitchMm);
  need(Number.isInteger(g.axialCount) && g.axialCount >= 1, 'axialCount', 'integer >= 1', g.axialCount);
  need(Number.isInteger(g.circumferentialCount) && g.circumferentialCount >= 1, 'circumferentialCount', 'integer >= 1', g.circumferentialCount);
}
