// Shared fixtures of the FEM tests: small sensor grids and coarse meshes keep each solve well under
// a second on one core.

import type { ParametricDefectCase, SensorGridSpec } from '../../../services/domain/defect';

export const PLATE: ParametricDefectCase = {
  backgroundFieldKAPerM: 20,
  wallThicknessMm: 10,
  defectLengthMm: 40,
  defectWidthMm: 40,
  defectDepthPercent: 50,
  side: 'near',
  profile: 'rectangular',
};

export const SMALL_GRID: SensorGridSpec = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 48, circumferentialCount: 24 };

export interface Channels {
  na: number;
  nc: number;
  at(ch: number, a: number, c: number): number;
  channel(ch: number): Float64Array;
}

export function channels(data: Float32Array, grid: SensorGridSpec): Channels {
  const na = grid.axialCount;
  const nc = grid.circumferentialCount;
  return {
    na,
    nc,
    at: (ch, a, c) => data[ch * na * nc + a * nc + c]!,
    channel: (ch) => Float64Array.from(data.subarray(ch * na * nc, (ch + 1) * na * nc)),
  };
}

export function peakToPeak(v: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    lo = Math.min(lo, v[i]!);
    hi = Math.max(hi, v[i]!);
  }
  return hi - lo;
}

export function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

export { pearson } from '../../../services/solver/models/statistics';
