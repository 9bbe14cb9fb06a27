import { TEAM13_SHA256 } from '../../../services/solver/models/fem/material';
import { TEAM13_B, TEAM13_H } from '../../../services/solver/models/fem/team13';
import {
  PARAM_NAMES,
  campaignTotal,
  expandRange,
  expandSimulation,
  modelSettingsOf,
  sensorGridOf,
  toParamVector,
  type CampaignSpec,
  type SamplerKind,
} from '../../../services/campaign';
import { DEMO_YAML, specOf, withFields } from './fixtures';

const CONTINUOUS: SamplerKind[] = ['uniform', 'latin-hypercube', 'sobol'];
const demo = specOf(DEMO_YAML);

describe('deterministic expansion', () => {
  it.each(CONTINUOUS)('%s: same spec and index give the same case, in any order and across calls', (sampler) => {
    const spec = withFields(demo, { sampler });
    const forward = expandRange(spec, 0, 200);
    const shuffled = [199, 3, 150, 0, 77, 42, 198];
    for (const i of shuffled) expect(expandSimulation(spec, i)).toEqual(forward[i]);
    expect(expandRange(spec, 50, 20)).toEqual(forward.slice(50, 70));
  });

  it.each(CONTINUOUS)('%s: different seeds give different cases', (sampler) => {
    const a = expandRange(withFields(demo, { sampler, seed: 1 }), 1, 20);
    const b = expandRange(withFields(demo, { sampler, seed: 2 }), 1, 20);
    expect(a).not.toEqual(b);
  });

  it.each(CONTINUOUS)('%s: values stay within their ranges and lists', (sampler) => {
    const spec = specOf(`
name: bounds
count: 1000
seed: 11
sampler: ${sampler}
parameters:
  backgroundField: { min: 12, max: 13 }
  wallThickness: 9.5
  defectLength: { values: [10, 20, 40] }
  defectDepth: { min: 20, max: 80 }
  defectProfile: { values: [rectangular, rounded] }
solver: { model: dipole }
`);
    const seen = { length: new Set<number>(), side: new Set<string>(), profile: new Set<string>() };
    for (const c of expandRange(spec, 0, 1000)) {
      expect(c.backgroundFieldKAPerM).toBeGreaterThanOrEqual(12);
      expect(c.backgroundFieldKAPerM).toBeLessThan(13);
      expect(c.wallThicknessMm).toBe(9.5);
      expect(c.defectWidthMm).toBeGreaterThanOrEqual(4); // default seed range 4..100
      expect(c.defectWidthMm).toBeLessThan(100);
      expect(c.defectDepthPercent).toBeGreaterThanOrEqual(20);
      expect(c.defectDepthPercent).toBeLessThan(80);
      seen.length.add(c.defectLengthMm);
      seen.side.add(c.side);
      seen.profile.add(c.profile);
    }
    expect([...seen.length].sort((a, b) => a - b)).toEqual([10, 20, 40]);
    expect([...seen.side].sort()).toEqual(['far', 'near']);
    expect([...seen.profile].sort()).toEqual(['rectangular', 'rounded']);
  });

  it('fixed parameters consume no sampler dimension', () => {
    // With one varying parameter, unscrambled Sobol dimension 0 drives it: 0, 0.5, 0.75, 0.25.
    const spec = specOf(`
name: one-dim
count: 4
sampler: sobol
parameters: { backgroundField: { min: 10, max: 30 }, wallThickness: 10, defectLength: 20, defectWidth: 20, defectDepth: 50, defectSide: near }
solver: { model: dipole }
`);
    expect(expandRange(spec, 0, 4).map((c) => c.backgroundFieldKAPerM)).toEqual([10, 20, 25, 15]);
  });

  it('grid: enumerates the full product exactly once, last parameter fastest', () => {
    const spec = specOf(`
name: grid
sampler: grid
parameters:
  backgroundField: 20
  defectDepth: { min: 10, max: 90, steps: 3 }
  defectLength: { values: [5, 15] }
  defectProfile: { values: [rectangular, rounded] }
solver: { model: dipole }
`);
    expect(campaignTotal(spec)).toBe(3 * 2 * 2 * 2);
    const cases = expandRange(spec, 0, campaignTotal(spec));
    const keys = cases.map((c) => `${c.defectLengthMm}/${c.defectDepthPercent}/${c.side}/${c.profile}`);
    const expected: string[] = [];
    for (const len of [5, 15]) for (const depth of [10, 50, 90]) for (const side of ['near', 'far']) for (const profile of ['rectangular', 'rounded']) {
      expected.push(`${len}/${depth}/${side}/${profile}`);
    }
    expect(keys).toEqual(expected);
    expect(new Set(cases.map((c) => c.backgroundFieldKAPerM))).toEqual(new Set([20]));
  });

  it('a 1,000,000-simulation campaign expands its last index directly', () => {
    for (const sampler of CONTINUOUS) {
      const spec = withFields(demo, { sampler, count: 1_000_000 });
      // Index 999,999 alone, never generating the ones before it; the same answer every time.
      const last = expandSimulation(spec, 999_999);
      expect(expandSimulation(spec, 999_999)).toEqual(last);
      expect(expandRange(spec, 999_998, 2)[1]).toEqual(last);
    }
  });

  it('rejects indices and ranges outside the campaign, naming index and total', () => {
    expect(() => expandSimulation(demo, 2000)).toThrow(new RangeError("simulation index 2000 is out of range: campaign 'demo' has 2000 simulations (indices 0..1999)"));
    expect(() => expandSimulation(demo, -1)).toThrow(RangeError);
    expect(() => expandSimulation(demo, 0.5)).toThrow(RangeError);
    expect(() => expandRange(demo, 1990, 20)).toThrow(/simulation range \[1990, 2010\) is out of range: .* 2000 simulations/);
    expect(expandRange(demo, 2000, 0)).toEqual([]);
  });

  it('maps a case to the params vector in PARAM_NAMES order', () => {
    expect(PARAM_NAMES).toEqual([
      'backgroundField_kA_per_m',
      'wallThickness_mm',
      'defectLength_mm',
      'defectWidth_mm',
      'defectDepth_percent',
      'defectSide',
      'defectProfile',
    ]);
    const vector = toParamVector({
      backgroundFieldKAPerM: 20,
      wallThicknessMm: 10,
      defectLengthMm: 30,
      defectWidthMm: 40,
      defectDepthPercent: 50,
      side: 'far',
      profile: 'rounded',
    });
    expect(vector).toEqual([20, 10, 30, 40, 50, 1, 1]);
    expect(toParamVector({ ...expandSimulation(demo, 0), side: 'near', profile: 'rectangular' }).slice(5)).toEqual([0, 0]);
  });

  it('derives the solver grid and model settings', () => {
    const spec: CampaignSpec = specOf('name: s\ncount: 1\nsampler: uniform\nsolver: { model: fem, mesh: fine, material: team13, sensorGrid: { liftOff: 3 } }\n');
    expect(sensorGridOf(spec)).toEqual({ liftOffMm: 3, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 64, circumferentialCount: 32 });
    // The curve's rows and hash go to the solver; the file they came from does not.
    expect(modelSettingsOf(spec)).toEqual({ mesh: 'fine', material: 'team13', bhCurve: { name: 'team13', sha256: TEAM13_SHA256, hAPerM: [...TEAM13_H], bT: [...TEAM13_B] } });
    expect(modelSettingsOf(specOf('name: s\ncount: 1\nsampler: uniform\nsolver: { model: fem, material: linear-1000 }\n'))).toEqual({ mesh: 'standard', material: 'linear-1000' });
    expect(modelSettingsOf(demo)).toEqual({ mesh: 'standard' });
    expect('material' in modelSettingsOf(demo)).toBe(false);
  });
});
