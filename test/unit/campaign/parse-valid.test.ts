import { TEAM13_SHA256 } from '../../../services/solver/models/fem/material';
import { TEAM13_B, TEAM13_H } from '../../../services/solver/models/fem/team13';
import {
  DEFAULT_SENSOR_GRID,
  parseCampaignSpec,
  parseCampaignSpecObject,
  type CampaignSpec,
} from '../../../services/campaign';
import { DEMO_YAML, specOf } from './fixtures';

describe('parseCampaignSpec: valid specs', () => {
  it('fills every default into the demo spec', () => {
    const spec = specOf(DEMO_YAML);
    const expected: CampaignSpec = {
      name: 'demo',
      count: 2000,
      seed: 42,
      sampler: 'sobol',
      parameters: {
        backgroundField: { min: 10, max: 35 },
        wallThickness: { min: 4, max: 30 },
        defectLength: { min: 4, max: 100 },
        defectWidth: { min: 4, max: 100 },
        defectDepth: { min: 10, max: 95 },
        defectSide: { values: ['near', 'far'] },
        defectProfile: 'rectangular',
      },
      solver: { model: 'dipole', mesh: 'standard', sensorGrid: { ...DEFAULT_SENSOR_GRID } },
      batchSize: 100,
      shardSize: 20,
      limits: { maxShardsInFlight: 4, maxBatchesInFlight: 8 },
      priority: 0,
      after: { gapCheck: false, refinement: false },
    };
    expect(spec).toEqual(expected);
  });

  it('accepts fixed values, ranges, lists and every optional section', () => {
    const spec = specOf(`
name: full-0
count: 10
seed: 0
sampler: latin-hypercube
parameters:
  backgroundField: 20
  wallThickness: { min: 8, max: 12 }
  defectLength: { values: [10, 20, 40] }
  defectWidth: { min: 5, max: 5 }
  defectDepth: { min: 0.5, max: 100 }
  defectSide: far
  defectProfile: { values: [rectangular, rounded] }
solver:
  model: fem
  mesh: fine
  material: team13
  sensorGrid: { liftOff: 0, axialPitch: 1.5, circumferentialPitch: 3, axialCount: 128, circumferentialCount: 512 }
batchSize: 5000
shardSize: 1000
limits: { maxShardsInFlight: 1, maxBatchesInFlight: 1000 }
priority: -10
after: { gapCheck: true, refinement: true }
`);
    expect(spec.parameters.backgroundField).toBe(20);
    expect(spec.parameters).toMatchObject({ defectLength: { values: [10, 20, 40] } });
    expect(spec.parameters.defectSide).toBe('far');
    expect(spec.solver).toEqual({
      model: 'fem',
      mesh: 'fine',
      material: 'team13',
      // The named curve is resolved into the spec: its rows travel with it, from materials/team13.csv.
      bhCurve: { name: 'team13', source: 'materials/team13.csv', sha256: TEAM13_SHA256, hAPerM: [...TEAM13_H], bT: [...TEAM13_B] },
      sensorGrid: { liftOff: 0, axialPitch: 1.5, circumferentialPitch: 3, axialCount: 128, circumferentialCount: 512 },
    });
    expect(spec.after).toEqual({ gapCheck: true, refinement: true });
  });

  it('fills partial nested sections field by field', () => {
    const spec = specOf(`
name: partial
count: 1
sampler: uniform
solver: { model: dipole, sensorGrid: { liftOff: 5 } }
limits: { maxBatchesInFlight: 16 }
after: { gapCheck: true }
`);
    expect(spec.solver.sensorGrid).toEqual({ ...DEFAULT_SENSOR_GRID, liftOff: 5 });
    expect(spec.limits).toEqual({ maxShardsInFlight: 4, maxBatchesInFlight: 16 });
    expect(spec.after).toEqual({ gapCheck: true, refinement: false });
  });

  it('derives count for the grid sampler and holds missing numeric parameters at mid-range', () => {
    const spec = specOf(`
name: grid-demo
sampler: grid
parameters:
  defectDepth: { min: 10, max: 90, steps: 5 }
  defectLength: { values: [10, 20, 40] }
solver: { model: dipole }
`);
    // 5 depths x 3 lengths x 2 sides (default list); other numeric parameters fixed at mid-range.
    expect(spec.count).toBe(30);
    expect(spec.parameters.backgroundField).toBe(22.5);
    expect(spec.parameters.wallThickness).toBe(17);
  });

  it('accepts a grid count that equals the product', () => {
    const r = parseCampaignSpec(`
name: grid-ok
sampler: grid
count: 4
parameters: { defectDepth: { min: 10, max: 90, steps: 2 }, defectSide: near, defectProfile: { values: [rectangular, rounded] } }
solver: { model: dipole }
`);
    expect(r.ok && r.spec.count).toBe(4);
  });

  it('re-parses its own output unchanged (the catalog stores parsed specs as JSON)', () => {
    for (const yaml of [DEMO_YAML, 'name: g\nsampler: grid\nparameters: { defectDepth: { min: 10, max: 90, steps: 3 } }\nsolver: { model: fem, material: team13 }\n', 'name: l\ncount: 1\nsampler: uniform\nsolver: { model: fem, material: linear-1000 }\n']) {
      const spec = specOf(yaml);
      const again = parseCampaignSpecObject(JSON.parse(JSON.stringify(spec)));
      expect(again).toEqual({ ok: true, spec });
    }
  });

  it('reads the same spec written as JSON', () => {
    const fromJson = parseCampaignSpec(JSON.stringify({ name: 'demo', count: 2000, seed: 42, sampler: 'sobol', solver: { model: 'dipole' } }));
    expect(fromJson).toEqual({ ok: true, spec: specOf(DEMO_YAML) });
  });
});
