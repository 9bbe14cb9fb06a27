// The worker's rows of the `defects` array: each succeeded simulation's defect rasterised onto the
// sensor cells, NaN where its signals are NaN, none when the store has no `defects` array; and the
// manifest's description of the array.

import { PARAM_NAMES, expandSimulation, loadCampaignSpec, sensorGridOf } from '../../../services/campaign';
import type { CampaignContext } from '../../../services/campaign/context';
import { rasteriseDefect, sensorCells } from '../../../services/domain/raster';
import { buildManifest } from '../../../services/worker/activities/lifecycle';
import type { SimulationOutcome } from '../../../services/worker/activities/simulation-outcomes';
import { batchArrays } from '../../../services/worker/activities/solve-batch';

const spec = loadCampaignSpec(`name: d\ncount: 4\nseed: 9\nsampler: sobol\nsolver: { model: dipole, sensorGrid: { axialCount: 12, circumferentialCount: 6 } }\nbatchSize: 4\n`);
const grid = sensorGridOf(spec);
const ctx = {
  campaignId: 'c1',
  spec,
  total: spec.count,
  grid,
  layout: { count: spec.count, batchSize: spec.batchSize, channels: ['Bx', 'By', 'Bz'], axialCount: 12, circumferentialCount: 6, paramNames: PARAM_NAMES },
  location: { bucket: 'b', prefix: 'p' },
} satisfies CampaignContext;

const outcome = (index: number, ok: boolean): SimulationOutcome => ({
  index,
  defect: expandSimulation(spec, index),
  contentHash: `h${index}`,
  ...(ok ? { map: new Float32Array(3 * 72).fill(1e-3) } : { error: 'NOT_CONVERGED: x' }),
  solveMs: 1,
  coreSeconds: 0.001,
  solverStats: {},
});

describe('depth-map rows of a batch', () => {
  const outcomes = [outcome(0, true), outcome(1, false), outcome(2, true), outcome(3, true)];

  it('hold each succeeded defect on the sensor cells, and NaN where the signals are NaN', () => {
    const { signals, defects } = batchArrays(ctx, outcomes, true);
    expect(defects).toHaveLength(4 * 72);
    for (const k of [0, 2, 3]) {
      const expected = Float32Array.from(rasteriseDefect(expandSimulation(spec, k), sensorCells(grid)).depthsMm);
      expect(Array.from(defects!.subarray(k * 72, (k + 1) * 72))).toEqual(Array.from(expected));
      expect(Math.max(...expected)).toBeGreaterThan(0);
    }
    expect(Array.from(defects!.subarray(72, 144)).every(Number.isNaN)).toBe(true);
    expect(Array.from(signals.subarray(3 * 72, 6 * 72)).every(Number.isNaN)).toBe(true);
  });

  it('are the same bytes on a retry, and absent for a store without the array', () => {
    expect(batchArrays(ctx, outcomes, true).defects).toEqual(batchArrays(ctx, outcomes, true).defects);
    expect(batchArrays(ctx, outcomes, false)).not.toHaveProperty('defects');
  });
});

describe('the manifest', () => {
  it('describes the defects array: shape, units, the sensor cells and the side convention', () => {
    const manifest = buildManifest(ctx) as { arrays: Record<string, Record<string, unknown>> };
    expect(manifest.arrays['defects']).toMatchObject({
      path: 'defects',
      shape: [4, 12, 6],
      dimensions: ['simulation', 'axial', 'circumferential'],
      dtype: 'float32',
      units: 'mm',
      chunkRows: 4,
      grid: { axialPitchMm: grid.axialPitchMm, circumferentialPitchMm: grid.circumferentialPitchMm, axialCount: 12, circumferentialCount: 6 },
    });
    expect(String(manifest.arrays['defects']!['depthFrom'])).toContain('defectSide');
  });

  it('leaves it out for a store written before depth maps were stored', () => {
    const manifest = buildManifest(ctx, {}, { defects: false }) as { arrays: Record<string, unknown> };
    expect(Object.keys(manifest.arrays)).toEqual(['signals', 'params']);
  });
});
