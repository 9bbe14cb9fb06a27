// Shared inputs and map statistics for the dipole tests.

import { dipoleModel } from '../../../services/solver/models/dipole';
import type { ParametricDefectCase, SensorGridSpec } from '../../../services/domain/defect';

export const baseDefect: ParametricDefectCase = {
  backgroundFieldKAPerM: 20,
  wallThicknessMm: 10,
  defectLengthMm: 20,
  defectWidthMm: 20,
  defectDepthPercent: 50,
  side: 'near',
  profile: 'rectangular',
};

export const baseGrid: SensorGridSpec = {
  liftOffMm: 2,
  axialPitchMm: 2,
  circumferentialPitchMm: 2,
  axialCount: 64,
  circumferentialCount: 32,
};

export const CHANNEL = { Bx: 0, By: 1, Bz: 2 } as const;

export interface SolvedMap {
  data: Float32Array;
  grid: SensorGridSpec;
  at(channel: number, i: number, j: number): number;
  peakToPeak(channel: number): number;
  /** Axial indices of the channel's maximum and minimum on the centre circumferential row. */
  axialExtremaOnCentreRow(channel: number): { max: number; min: number };
}

export function solve(defect: Partial<ParametricDefectCase> = {}, grid: Partial<SensorGridSpec> = {}): SolvedMap {
  const g = { ...baseGrid, ...grid };
  const { data } = dipoleModel.solve({ ...baseDefect, ...defect }, g, { mesh: 'standard' });
  const nx = g.axialCount;
  const ny = g.circumferentialCount;
  const at = (c: number, i: number, j: number): number => data[c * nx * ny + i * ny + j] as number;
  return {
    data,
    grid: g,
    at,
    peakToPeak(c) {
      const plane = data.subarray(c * nx * ny, (c + 1) * nx * ny);
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of plane) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      return hi - lo;
    },
    axialExtremaOnCentreRow(c) {
      const j = Math.floor(ny / 2);
      let max = 0;
      let min = 0;
      for (let i = 0; i < nx; i++) {
        if (at(c, i, j) > at(c, max, j)) max = i;
        if (at(c, i, j) < at(c, min, j)) min = i;
      }
      return { max, min };
    },
  };
}
