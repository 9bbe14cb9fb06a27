import { loadCampaignSpec, CampaignSpecError } from '../../../services/campaign';
import { assertSpecFitsPool, checkSpecAgainstPool, poolLimitsOf } from '../../../services/control/solver-limits';
import type { InfoResponse__Output } from '../../../proto/generated/synthflux/solver/v1/InfoResponse';

const info = (maxBatchSize: number, models: { name: string; meshes: string[] }[], maxSensorPoints = 65_536): InfoResponse__Output => ({
  name: 'synthflux-solver',
  version: '1',
  models: models.map((m) => ({ ...m, description: '', materials: [], defectProfiles: [] })),
  limits: { maxBatchSize, maxConcurrentRequests: 2, maxSensorPoints },
});
const reference = [{ name: 'fem', meshes: ['coarse', 'standard', 'fine'] }, { name: 'dipole', meshes: [] }];
const spec = (extra: string) => loadCampaignSpec(`name: limits\ncount: 100\nsampler: uniform\n${extra}`);

describe('the solver pool limits a spec is checked against at submit', () => {
  it('takes the tightest limits over the endpoints and only the models and meshes every endpoint serves', () => {
    const pool = poolLimitsOf([
      { address: 'a:1', info: info(1000, reference) },
      { address: 'b:2', info: info(250, [{ name: 'fem', meshes: ['coarse', 'standard'] }], 4096) },
    ])!;
    expect(pool.maxBatchSize).toBe(250);
    expect(pool.maxSensorPoints).toBe(4096);
    expect([...pool.models.keys()]).toEqual(['fem']);
    expect(pool.models.get('fem')!.meshes).toEqual(['coarse', 'standard']);
    expect(pool.addresses).toEqual(['a:1', 'b:2']);
  });

  it('treats a limit the solver does not state (0) as no limit, and no answer as unknown limits', () => {
    expect(poolLimitsOf([{ address: 'a:1', info: info(0, reference, 0) }])!.maxBatchSize).toBe(Number.MAX_SAFE_INTEGER);
    expect(poolLimitsOf([])).toBeUndefined();
  });

  it('names batchSize and the allowed maximum when batches are larger than the pool accepts', () => {
    const pool = poolLimitsOf([{ address: 'a:1', info: info(1000, reference) }])!;
    const issues = checkSpecAgainstPool(spec('batchSize: 5000\nsolver: { model: dipole }\n'), pool);
    expect(issues).toEqual([{ path: 'batchSize', message: 'at most 1000 simulations per batch on the solver pool (a:1) (got 5000)' }]);
    expect(checkSpecAgainstPool(spec('batchSize: 1000\nsolver: { model: dipole }\n'), pool)).toEqual([]);
  });

  it('names solver.model, solver.mesh and solver.sensorGrid with what the pool allows', () => {
    const pool = poolLimitsOf([{ address: 'a:1', info: info(1000, [{ name: 'fem', meshes: ['coarse'] }], 100) }])!;
    const dipole = checkSpecAgainstPool(spec('solver: { model: dipole }\n'), pool);
    expect(dipole.map((i) => i.path)).toEqual(['solver.model', 'solver.sensorGrid']);
    expect(dipole[0]!.message).toContain("serves fem (got 'dipole')");
    expect(dipole[1]!.message).toContain('at most 100 sensor points');
    const fine = checkSpecAgainstPool(spec('solver: { model: fem, mesh: fine, sensorGrid: { axialCount: 10, circumferentialCount: 10 } }\n'), pool);
    expect(fine).toEqual([{ path: 'solver.mesh', message: "model fem on the solver pool (a:1) offers coarse (got 'fine')" }]);
  });

  it('assertSpecFitsPool throws a CampaignSpecError listing every issue, and does not block when the pool did not answer', async () => {
    const pool = poolLimitsOf([{ address: 'a:1', info: info(10, reference) }]);
    const err = await assertSpecFitsPool(spec('batchSize: 50\nsolver: { model: dipole }\n'), async () => pool).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CampaignSpecError);
    expect((err as CampaignSpecError).issues.map((i) => i.path)).toEqual(['batchSize']);
    expect((err as Error).message).toContain('batchSize: at most 10 simulations per batch');
    await expect(assertSpecFitsPool(spec('batchSize: 50\nsolver: { model: dipole }\n'), async () => undefined)).resolves.toBeUndefined();
    await expect(assertSpecFitsPool(spec('batchSize: 50\nsolver: { model: dipole }\n'), undefined)).resolves.toBeUndefined();
  });
});
