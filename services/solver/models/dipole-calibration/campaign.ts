// The calibration campaign of the dipole model (README.md here): four Sobol campaigns over the
// seed ranges, one per lift-off, expanded by the campaign's own sampler, and the figure fitted.

import { expandRange } from '../../../campaign/expand';
import { parseCampaignSpecObject } from '../../../campaign/parse';
import { mapFigures } from '../signal-figures';
import type { DefectCase, SensorGridSpec } from '../types';

export const LIFT_OFFS_MM = [1, 2, 3, 4] as const;
export const PER_LIFT_OFF = 178;
export const FIT_PER_LIFT_OFF = 128;
/** The ratio calibrated dipole / FEM should be within 1 +- TOLERANCE. */
export const TOLERANCE = 0.25;
export const CALIBRATION_MESH = 'coarse';

export interface CalibrationSample {
  liftOffMm: number;
  index: number;
  split: 'fit' | 'held-out';
  defect: DefectCase;
  femBzPeakToPeakMt: number;
  dipoleBzPeakToPeakMt: number;
}

export const gridAt = (liftOffMm: number): SensorGridSpec => ({ liftOffMm, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 64, circumferentialCount: 32 });

/** The calibration campaign at one lift-off, expanded by the campaign's own sampler. */
export function calibrationCampaign(liftOffMm: number): DefectCase[] {
  const parsed = parseCampaignSpecObject({
    name: `dipole-calibration-liftoff-${liftOffMm}`,
    count: PER_LIFT_OFF,
    seed: 1000 + liftOffMm,
    sampler: 'sobol',
    parameters: {
      backgroundField: { min: 10, max: 35 },
      wallThickness: { min: 4, max: 30 },
      defectLength: { min: 4, max: 100 },
      defectWidth: { min: 4, max: 100 },
      defectDepth: { min: 10, max: 95 },
      defectSide: { values: ['near', 'far'] },
    },
    solver: { model: 'fem', mesh: CALIBRATION_MESH, sensorGrid: { liftOff: liftOffMm, axialPitch: 2, circumferentialPitch: 4, axialCount: 64, circumferentialCount: 32 } },
  });
  if (!parsed.ok) throw new Error(`calibration spec: ${JSON.stringify(parsed.errors)}`);
  return expandRange(parsed.spec, 0, PER_LIFT_OFF);
}

export const peakToPeakMt = (data: Float32Array, grid: SensorGridSpec): number => mapFigures(data, grid).bzPeakToPeakMt;
