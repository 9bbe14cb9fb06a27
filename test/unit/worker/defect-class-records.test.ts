import { DEFECT_CLASSES, expandSimulation, loadCampaignSpec } from '../../../services/campaign';
import type { CampaignContext } from '../../../services/campaign/context';
import { buildManifest } from '../../../services/worker/activities/lifecycle';
import { toSimulationRow } from '../../../services/worker/activities/simulation-outcomes';

const spec = loadCampaignSpec(`name: q\ncount: 40\nseed: 5\nsampler: sobol\nsolver: { model: dipole }\nquotas: { general: 0.5, axial-slotting: 0.5 }\n`);

describe('defect classes in the catalog rows and the manifest', () => {
  it('records the class in the params and in its own column, leaving the defect and content hash as they are', () => {
    const defect = expandSimulation(spec, 3);
    const row = toSimulationRow({ index: 3, defect, contentHash: 'abc', map: new Float32Array(3), solveMs: 1, coreSeconds: 0.001, solverStats: {} }, 1);
    expect(['general', 'axial-slotting']).toContain(row.defectClass);
    expect(row.params).toEqual({ ...defect, defectClass: row.defectClass });
    expect(row.contentHash).toBe('abc');
    const failed = toSimulationRow({ index: 3, defect, contentHash: 'abc', error: 'NOT_CONVERGED: x', solveMs: 1, coreSeconds: 0.001, solverStats: {} }, 1);
    expect(failed.defectClass).toBe(row.defectClass);
  });

  it('describes the classes and the quotas in the manifest', () => {
    const ctx = {
      campaignId: 'c1',
      spec,
      total: spec.count,
      grid: { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 64, circumferentialCount: 32 },
      layout: { count: spec.count, batchSize: spec.batchSize, channels: ['Bx', 'By', 'Bz'], axialCount: 64, circumferentialCount: 32, paramNames: [] },
      location: { bucket: 'b', prefix: 'p' },
    } satisfies CampaignContext;
    const manifest = buildManifest(ctx, { defectClassCounts: { general: 20, 'axial-slotting': 20 } }) as { defectClasses: Record<string, unknown>; defectClassCounts: unknown };
    expect(Object.keys(manifest.defectClasses['definitions'] as object)).toEqual([...DEFECT_CLASSES]);
    expect(manifest.defectClasses['quotas']).toEqual({ general: 0.5, 'axial-slotting': 0.5 });
    expect(manifest.defectClasses['geometricParameter']).toBe('A = wall thickness if at least 10 mm, else 10 mm');
    expect(manifest.defectClassCounts).toEqual({ general: 20, 'axial-slotting': 20 });
    const { quotas: _quotas, ...plain } = spec;
    expect((buildManifest({ ...ctx, spec: plain }) as { defectClasses: { quotas: unknown } }).defectClasses.quotas).toBeNull();
  });
});
