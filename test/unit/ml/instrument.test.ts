// The stand-in instrument model: physics of the lift-off (upward continuation against the dipole
// model solved at the raised lift-off), and the tool's fixed and per-map artefacts.
import { dipoleModel } from '../../../services/solver/models/dipole';
import { STAND_IN_INSTRUMENT, applyInstrument, instrumentProblems, instrumentTool, type InstrumentModel } from '../../../services/ml/standin/instrument';
import type { DefectCase } from '../../../services/domain/defect';
import { splitVerifications } from '../../../services/ml/verification-split';

const grid = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 64, circumferentialCount: 32 };
const plane = grid.axialCount * grid.circumferentialCount;
const box: DefectCase = { backgroundFieldKAPerM: 20, wallThicknessMm: 10, defectLengthMm: 30, defectWidthMm: 30, defectDepthPercent: 50, side: 'near', profile: 'rectangular' };
const ideal: InstrumentModel = { liftOffOffsetMm: 0, liftOffWobbleMm: 0, sensorFootprintMm: { axial: 0, circumferential: 0 }, gain: 1, sensorGainSpread: 0, axialLag: 0, noiseTesla: 0, deadSensors: 0 };
const solve = (liftOffMm: number) => dipoleModel.solve(box, { ...grid, liftOffMm }, { mesh: 'standard' }).data;
const measure = (map: Float32Array, m: InstrumentModel, mapSeed = 1, toolSeed = 1) => applyInstrument(map, grid, m, instrumentTool(m, grid, toolSeed), mapSeed);

function channelError(a: Float32Array, b: Float32Array, c: number): number {
  let err = 0;
  let peak = 0;
  for (let k = c * plane; k < (c + 1) * plane; k++) {
    err = Math.max(err, Math.abs(a[k]! - b[k]!));
    peak = Math.max(peak, Math.abs(b[k]!));
  }
  return err / peak;
}

describe('stand-in instrument', () => {
  const at2 = solve(2);

  it('raises the sensors by upward continuation: within 1 % of the peak of the dipole field solved at the raised lift-off', () => {
    for (const delta of [0.25, 0.5, 1]) {
      const { measured, liftOffDeltaMm } = measure(at2, { ...ideal, liftOffOffsetMm: delta });
      expect(liftOffDeltaMm).toBe(delta);
      const direct = solve(2 + delta);
      for (const c of [0, 1, 2]) expect(channelError(measured, direct, c)).toBeLessThan(0.01);
      // and the field did weaken: continuation is not the identity
      expect(channelError(at2, direct, 2)).toBeGreaterThan(0.05);
    }
  });

  it('is the identity with every artefact off', () => {
    const { measured } = measure(at2, ideal);
    for (const c of [0, 1, 2]) expect(channelError(measured, at2, c)).toBeLessThan(1e-6);
  });

  it('gives the tool fixed gains and dead sensors, and each map its own wobble and noise', () => {
    const m = STAND_IN_INSTRUMENT;
    const tool = instrumentTool(m, grid, 7);
    expect(instrumentTool(m, grid, 7)).toEqual(tool);
    expect(tool.dead).toHaveLength(m.deadSensors);
    const a = applyInstrument(at2, grid, m, tool, 1);
    const b = applyInstrument(at2, grid, m, tool, 2);
    expect(applyInstrument(at2, grid, m, tool, 1).measured).toEqual(a.measured);
    expect(a.liftOffDeltaMm).not.toBe(b.liftOffDeltaMm);
    for (const j of tool.dead) for (let c = 0; c < 3; c++) for (let i = 0; i < grid.axialCount; i++) expect(a.measured[c * plane + i * grid.circumferentialCount + j]).toBe(0);
    // Noise: far from the defect the map is the noise floor.
    const corner: number[] = [];
    const alive = [...Array(grid.circumferentialCount).keys()].filter((j) => !tool.dead.includes(j));
    const quiet = applyInstrument(at2, grid, { ...m, noiseTesla: 0 }, tool, 1).measured;
    for (let i = 0; i < 4; i++) for (const j of alive) corner.push(a.measured[2 * plane + i * grid.circumferentialCount + j]! - quiet[2 * plane + i * grid.circumferentialCount + j]!);
    const sd = Math.sqrt(corner.reduce((s, v) => s + v * v, 0) / corner.length);
    expect(sd / m.noiseTesla).toBeGreaterThan(0.8);
    expect(sd / m.noiseTesla).toBeLessThan(1.2);
  });

  it('lags the scan direction and blurs by the sensor footprint', () => {
    const lagged = measure(at2, { ...ideal, axialLag: 0.5 }).measured;
    const blurred = measure(at2, { ...ideal, sensorFootprintMm: { axial: 4, circumferential: 8 } }).measured;
    const centroid = (m: Float32Array) => {
      let s = 0;
      let w = 0;
      for (let i = 0; i < grid.axialCount; i++) {
        for (let j = 0; j < grid.circumferentialCount; j++) {
          const v = Math.abs(m[2 * plane + i * grid.circumferentialCount + j]!);
          s += i * v;
          w += v;
        }
      }
      return s / w;
    };
    expect(centroid(lagged)).toBeGreaterThan(centroid(at2) + 0.3);
    const peak = (m: Float32Array) => Math.max(...Array.from(m.subarray(2 * plane, 3 * plane), Math.abs));
    expect(peak(blurred)).toBeLessThan(0.97 * peak(at2));
  });

  it('names the field and what is allowed for a bad model', () => {
    expect(instrumentProblems({ ...ideal, liftOffOffsetMm: -0.5, axialLag: 1, deadSensors: 40 }, grid)).toEqual([
      'instrument.liftOffOffsetMm: must be from 0 to 5 mm (the tool cannot sit below the simulated sensors) (got -0.5)',
      'instrument.axialLag: must be from 0 to below 1 (got 1)',
      "instrument.deadSensors: must be an integer from 0 to 31 (the grid's sensors) (got 40)",
    ]);
    expect(() => instrumentTool({ ...ideal, gain: 0 }, grid, 1)).toThrow(/instrument.gain: must be above 0/);
  });
});

describe('field verification split', () => {
  const ids = Array.from({ length: 400 }, (_, k) => `SI-${k % 200}`); // every defect measured twice

  it('puts every map of a defect on one side, near the asked fraction, and only depends on (seed, id)', () => {
    const split = splitVerifications(ids, 0.3, 0);
    expect([...split.train, ...split.test].sort((a, b) => a - b)).toEqual(ids.map((_, k) => k));
    const testIds = new Set(split.test.map((k) => ids[k]));
    expect(split.train.some((k) => testIds.has(ids[k]))).toBe(false);
    expect(split.test.length / ids.length).toBeGreaterThan(0.22);
    expect(split.test.length / ids.length).toBeLessThan(0.38);
    expect(splitVerifications([...ids].reverse(), 0.3, 0).test.map((k) => ids[ids.length - 1 - k]).sort()).toEqual(split.test.map((k) => ids[k]).sort());
    expect(splitVerifications(ids, 0.3, 1).test).not.toEqual(split.test);
    expect(split.rule).toMatch(/never in a test split/);
  });

  it('refuses a fraction outside (0, 1)', () => {
    expect(() => splitVerifications(ids, 1, 0)).toThrow('testFraction: must be above 0 and below 1 (got 1)');
  });
});
