// The calibrated gain of the dipole model: exp(beta . features), beta from calibration.json
// (written by calibrate.ts from a FEM campaign; README.md here).

import { z } from 'zod';
import type { DefectCase } from '../../../domain/defect';
import calibrationJson from './calibration.json';
import { CALIBRATED_RANGES, calibrationFeatures, FEATURE_NAMES } from './features';

const CalibrationSchema = z.object({
  target: z.literal('ln(Bz peak-to-peak FEM / Bz peak-to-peak uncalibrated dipole)'),
  femSolver: z.string(),
  features: z.array(z.string()),
  coefficients: z.array(z.number()),
  fitSimulations: z.number().int(),
  heldOutSimulations: z.number().int(),
  heldOut: z.object({ withinTolerance: z.number(), tolerance: z.number(), p5: z.number(), median: z.number(), p95: z.number() }),
});
export type Calibration = z.infer<typeof CalibrationSchema>;

let loaded: Calibration | null = null;

/** The shipped calibration, checked on first use (not at import: calibrate.ts rewrites it). */
export function dipoleCalibration(): Calibration {
  if (loaded) return loaded;
  const c = CalibrationSchema.parse(calibrationJson);
  if (c.features.join('|') !== FEATURE_NAMES.join('|') || c.coefficients.length !== FEATURE_NAMES.length)
    throw new Error('dipole calibration.json does not match the features in features.ts; rerun npm run calibrate:dipole -- --fit-only');
  loaded = c;
  return c;
}

/** Factor on the uncalibrated dipole map (its charge density) for this defect and lift-off. */
export function calibrationGain(d: DefectCase, liftOffMm: number, c: Pick<Calibration, 'coefficients'> = dipoleCalibration()): number {
  const f = calibrationFeatures(d, liftOffMm);
  let s = 0;
  for (let i = 0; i < f.length; i++) s += c.coefficients[i]! * f[i]!;
  return Math.exp(s);
}

/** Fields of a simulation outside the calibrated ranges (empty when inside). */
export function outsideCalibration(d: DefectCase, liftOffMm: number): string[] {
  const values: Record<keyof typeof CALIBRATED_RANGES, number> = { ...d, liftOffMm };
  return (Object.keys(CALIBRATED_RANGES) as (keyof typeof CALIBRATED_RANGES)[]).filter((k) => {
    const [lo, hi] = CALIBRATED_RANGES[k];
    return values[k] < lo || values[k] > hi;
  });
}
