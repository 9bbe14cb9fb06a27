// The dipole model's calibration against FEM (see README.md here): the log of the ratio
// FEM / uncalibrated dipole of the Bz peak-to-peak is a linear function of these features of the
// defect and the lift-off, fitted by least squares (fit.ts) on a FEM campaign.

import type { DefectCase } from '../../../domain/defect';

/** Names of the features, in the order of `calibrationFeatures` and of the fitted coefficients. */
export const FEATURE_NAMES = [
  '1',
  'ln(H0/20)',
  'ln(t/10)',
  'ln(L/20)',
  'ln(W/20)',
  'ln(depth/50%)',
  'far',
  'ln(liftOff/2)',
  'far*ln(t/10)',
  'far*ln(depth/50%)',
  'ln(H0/20)^2',
  'ln(t/10)^2',
  'ln(L/20)^2',
  'ln(W/20)^2',
  'ln(depth/50%)^2',
  'ln(L/20)*ln(depth/50%)',
  'ln(t/10)*ln(depth/50%)',
  'ln(L/W)*ln(liftOff/2)',
  'ln(L/20)*ln(W/20)',
  'ln(H0/20)*ln(depth/50%)',
  'far*ln(L/20)',
  'far*ln(W/20)',
  'far*ln(liftOff/2)',
  'ln(t/10)*ln(liftOff/2)',
  'ln(depth/50%)*ln(liftOff/2)',
] as const;

/** Features of a defect; inputs outside the calibrated ranges are clamped to them, so the gain is
 * held at its edge value there rather than extrapolating the polynomial. */
export function calibrationFeatures(d: DefectCase, liftOffMm: number): number[] {
  const at = (k: keyof typeof CALIBRATED_RANGES, v: number): number => Math.min(CALIBRATED_RANGES[k][1], Math.max(CALIBRATED_RANGES[k][0], v));
  const h = Math.log(at('backgroundFieldKAPerM', d.backgroundFieldKAPerM) / 20);
  const t = Math.log(at('wallThicknessMm', d.wallThicknessMm) / 10);
  const l = Math.log(at('defectLengthMm', d.defectLengthMm) / 20);
  const w = Math.log(at('defectWidthMm', d.defectWidthMm) / 20);
  const p = Math.log(at('defectDepthPercent', d.defectDepthPercent) / 50);
  const far = d.side === 'far' ? 1 : 0;
  const s = Math.log(at('liftOffMm', liftOffMm) / 2);
  return [1, h, t, l, w, p, far, s, far * t, far * p, h * h, t * t, l * l, w * w, p * p, l * p, t * p, (l - w) * s, l * w, h * p, far * l, far * w, far * s, t * s, p * s];
}

/** The ranges the calibration campaign covered; outside them the gain is an extrapolation. */
export const CALIBRATED_RANGES = {
  backgroundFieldKAPerM: [10, 35],
  wallThicknessMm: [4, 30],
  defectLengthMm: [4, 100],
  defectWidthMm: [4, 100],
  defectDepthPercent: [10, 95],
  liftOffMm: [1, 4],
} as const;
