import { canonicalJson, simulationContentHash, specHash, type SimulationIdentity } from '../../../services/campaign';
import { depthMapDefect } from '../../../services/domain/depth-map';
import { DEMO_YAML, specOf } from './fixtures';

const base: SimulationIdentity = {
  solverName: 'synthflux-reference',
  solverVersion: '0.1.0',
  model: 'dipole',
  settings: { mesh: 'standard' },
  grid: { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 64, circumferentialCount: 32 },
  defect: {
    backgroundFieldKAPerM: 20,
    wallThicknessMm: 10,
    defectLengthMm: 30,
    defectWidthMm: 40,
    defectDepthPercent: 50,
    side: 'near',
    profile: 'rectangular',
  },
};

describe('simulation identity', () => {
  it('is a stable sha256 hex (changing it orphans every cached result)', () => {
    const hash = simulationContentHash(base);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe('4c3bf65ab9e48351353cfbd4bbe248da842212d880ddfd6ae5aeaf5c1b9c3f04');
  });

  it('ignores key order, float spelling, -0 and absent optional fields', () => {
    const reordered: SimulationIdentity = JSON.parse(
      '{"defect":{"profile":"rectangular","side":"near","defectDepthPercent":50.0,"defectWidthMm":40,"defectLengthMm":30.0,' +
        '"wallThicknessMm":10,"backgroundFieldKAPerM":20},"grid":{"circumferentialCount":32,"axialCount":64,' +
        '"circumferentialPitchMm":4,"axialPitchMm":2.0,"liftOffMm":2},"settings":{"mesh":"standard"},"model":"dipole",' +
        '"solverVersion":"0.1.0","solverName":"synthflux-reference"}',
    );
    expect(simulationContentHash(reordered)).toBe(simulationContentHash(base));
    expect(simulationContentHash({ ...base, settings: { mesh: 'standard', material: undefined } })).toBe(simulationContentHash(base));
    expect(canonicalJson({ b: -0, a: [1.0, 0.1 + 0.2] })).toBe('{"a":[1,0.3],"b":0}');
  });

  it('changes with every field that determines the result', () => {
    const variants: SimulationIdentity[] = [
      { ...base, solverName: 'other' },
      { ...base, solverVersion: '0.1.1' },
      { ...base, model: 'fem' },
      { ...base, settings: { mesh: 'fine' } },
      { ...base, settings: { mesh: 'standard', material: 'x52' } },
      ...(Object.keys(base.grid) as (keyof SimulationIdentity['grid'])[]).map((k) => ({ ...base, grid: { ...base.grid, [k]: base.grid[k] + 1 } })),
      ...(['backgroundFieldKAPerM', 'wallThicknessMm', 'defectLengthMm', 'defectWidthMm', 'defectDepthPercent'] as const).map((k) => ({
        ...base,
        defect: { ...base.defect, [k]: base.defect[k] + 0.5 },
      })),
      { ...base, defect: { ...base.defect, side: 'far' } },
      { ...base, defect: { ...base.defect, profile: 'rounded' } },
    ];
    const hashes = new Set([simulationContentHash(base), ...variants.map(simulationContentHash)]);
    expect(hashes.size).toBe(variants.length + 1);
  });

  it('rejects non-finite numbers', () => {
    expect(() => simulationContentHash({ ...base, defect: { ...base.defect, defectDepthPercent: NaN } })).toThrow(TypeError);
  });
});

describe('specHash', () => {
  it('agrees for specs that differ only in spelled-out defaults, and differs otherwise', () => {
    const demo = specOf(DEMO_YAML);
    const spelled = specOf(`${DEMO_YAML}batchSize: 100\nparameters: { defectDepth: { min: 10, max: 95 } }\nafter: { gapCheck: false }\n`);
    expect(specHash(spelled)).toBe(specHash(demo));
    expect(specHash({ ...demo, seed: 43 })).not.toBe(specHash(demo));
    expect(specHash(demo)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('identity of a depth-map defect', () => {
  const map = (depths: number[]) => ({ axialPitchMm: 1, circumferentialPitchMm: 1, axialCount: 2, circumferentialCount: 2, depthsMm: Float64Array.from(depths) });
  const withMap = (depths: number[]): SimulationIdentity => ({
    ...base,
    defect: depthMapDefect({ backgroundFieldKAPerM: 20, wallThicknessMm: 10, side: 'near' }, map(depths)),
  });

  it('hashes the depths the solver receives: equal geometry agrees, any cell changed differs', () => {
    const hash = simulationContentHash(withMap([1, 2, 3, 4]));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // float32 carries the contract: a difference below its precision is the same simulation.
    expect(simulationContentHash(withMap([1, 2, 3, 4 + 1e-9]))).toBe(hash);
    expect(simulationContentHash(withMap([1, 2, 3, 4.001]))).not.toBe(hash);
    expect(simulationContentHash(withMap([2, 1, 3, 4]))).not.toBe(hash);
    const plain = withMap([1, 2, 3, 4]);
    expect(simulationContentHash({ ...plain, defect: { ...plain.defect, depthMap: { ...map([1, 2, 3, 4]), depthsMm: [1, 2, 3, 4] } } as never })).toBe(hash);
  });
});
