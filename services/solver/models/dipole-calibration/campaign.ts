// The calibration campaign of the dipole model (README.md here): four Sobol campaigns over the
// seed ranges, one per lift-off, and the figure fitted. The campaigns themselves are expanded by
// the campaign module's own sampler (services/campaign/dipole-calibration.ts).

import { mapFigures } from '../signal-figures';
import type { DefectCase, SensorGridSpec } from '../../../domain/defect';

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

export const peakToPeakMt = (data: Float32Array, grid: SensorGridSpec): number => mapFigures(data, grid).bzPeakToPeakMt;
