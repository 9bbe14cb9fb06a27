import { mapAgreement } from '../../../services/solver/models/signal-figures';
import type { SensorGridSpec } from '../../../services/domain/defect';

const grid: SensorGridSpec = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 4, circumferentialCount: 2 };
const plane = 8;
// Bx, By, Bz planes in tesla.
const map = Float32Array.from([
  ...[1, 2, 3, 4, 4, 3, 2, 1].map((v) => v * 1e-3),
  ...[0, 1, 0, -1, 0, 1, 0, -1].map((v) => v * 1e-4),
  ...[-5, -2, 0, 2, 5, 1, -1, 0].map((v) => v * 1e-3),
]);

describe('mapAgreement', () => {
  it('finds no difference and full correlation between a map and itself', () => {
    const a = mapAgreement(map, map, grid);
    expect(a.map).toEqual(a.reference);
    expect(a.map.bzPeakToPeakMt).toBeCloseTo(10, 5);
    expect(a.map.bxPeakMt).toBeCloseTo(4, 5);
    expect(a.bzPeakToPeakDiffPercent).toBe(0);
    expect(a.bxPeakDiffPercent).toBe(0);
    expect(a.correlation.bx).toBeCloseTo(1, 12);
    expect(a.correlation.by).toBeCloseTo(1, 12);
    expect(a.correlation.bz).toBeCloseTo(1, 12);
  });

  it('gives differences against the reference, and correlation unaffected by scale', () => {
    const low = map.map((v) => v * 0.95);
    const a = mapAgreement(low, map, grid);
    expect(a.bzPeakToPeakDiffPercent!).toBeCloseTo(-5, 3);
    expect(a.bxPeakDiffPercent!).toBeCloseTo(-5, 3);
    expect(a.correlation.bz!).toBeCloseTo(1, 6);
  });

  it('has no correlation for a constant channel and no difference from a zero reference', () => {
    const flatBy = Float32Array.from(map);
    flatBy.fill(0, plane, 2 * plane);
    expect(mapAgreement(map, flatBy, grid).correlation.by).toBeNull();
    expect(mapAgreement(map, new Float32Array(3 * plane), grid).bzPeakToPeakDiffPercent).toBeNull();
  });

  it('refuses maps that do not fit the grid', () => {
    expect(() => mapAgreement(map.subarray(1), map, grid)).toThrow(/grid needs 24/);
  });
});
