// The dipole calibration's least squares, features and range notes, on inputs with known answers.

import { dipoleCalibrationNotes } from '../../../services/campaign/calibration-regime';
import { parseCampaignSpecObject } from '../../../services/campaign/parse';
import { calibrationFeatures, FEATURE_NAMES } from '../../../services/solver/models/dipole-calibration/features';
import { leastSquares } from '../../../services/solver/models/dipole-calibration/fit';
import { calibrationGain, dipoleCalibration } from '../../../services/solver/models/dipole-calibration/gain';
import { baseDefect } from './dipole-fixtures';

describe('calibration least squares', () => {
  it('recovers the coefficients of an exactly linear target', () => {
    const beta = [0.5, -1.25, 2];
    const X = Array.from({ length: 40 }, (_, i) => [1, Math.sin(i), Math.cos(3 * i)]);
    const y = X.map((r) => r.reduce((s, v, k) => s + v * beta[k]!, 0));
    leastSquares(X, y, 0).forEach((b, k) => expect(b).toBeCloseTo(beta[k]!, 9));
  });
  it('names the problem when the features are dependent', () => {
    const X = Array.from({ length: 10 }, (_, i) => [1, i, 2 * i]);
    expect(() => leastSquares(X, X.map((r) => r[1]!), 0)).toThrow(/linearly dependent/);
  });
});

describe('calibration features and gain', () => {
  it('has one coefficient per feature, all finite', () => {
    expect(dipoleCalibration().coefficients).toHaveLength(FEATURE_NAMES.length);
    for (const c of dipoleCalibration().coefficients) expect(Number.isFinite(c)).toBe(true);
  });
  it('holds the gain at the edge value outside the calibrated ranges', () => {
    expect(calibrationFeatures({ ...baseDefect, defectDepthPercent: 0.001 }, 2)).toEqual(calibrationFeatures({ ...baseDefect, defectDepthPercent: 10 }, 2));
    expect(calibrationGain({ ...baseDefect, wallThicknessMm: 60 }, 9)).toBe(calibrationGain({ ...baseDefect, wallThicknessMm: 30 }, 4));
  });
});

describe('campaign validate notes for the dipole model', () => {
  const spec = (over: Record<string, unknown>) => {
    const r = parseCampaignSpecObject({
      name: 'notes',
      count: 10,
      seed: 1,
      sampler: 'sobol',
      parameters: { backgroundField: { min: 10, max: 35 }, wallThickness: { min: 4, max: 30 }, defectLength: 20, defectWidth: 20, defectDepth: 50, defectSide: 'near' },
      solver: { model: 'dipole', sensorGrid: { liftOff: 2, axialPitch: 2, circumferentialPitch: 4, axialCount: 8, circumferentialCount: 8 } },
      ...over,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.spec;
  };
  it('says nothing inside the calibrated ranges', () => {
    expect(dipoleCalibrationNotes(spec({}))).toEqual([]);
  });
  it('names each field that leaves them', () => {
    const notes = dipoleCalibrationNotes(
      spec({
        parameters: { backgroundField: { min: 5, max: 35 }, wallThickness: 10, defectLength: 20, defectWidth: 20, defectDepth: 50, defectSide: 'near' },
        solver: { model: 'dipole', sensorGrid: { liftOff: 6, axialPitch: 2, circumferentialPitch: 4, axialCount: 8, circumferentialCount: 8 } },
      }),
    );
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/parameters\.backgroundField: 5\.\.35 .*10\.\.35/);
    expect(notes[1]).toMatch(/solver\.sensorGrid\.liftOff: 6\.\.6 .*1\.\.4/);
  });
});
