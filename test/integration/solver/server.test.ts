import { status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { getSolverInfo, solveBatch, unpackSignalMap } from '../../../services/solver/client';
import type { ParametricDefectCase } from '../../../services/domain/defect';
import { depthMapDefect, parametricDepthMap } from '../../../services/domain/depth-map';
import { dipoleModel } from '../../../services/solver/models/dipole';
import { solveBatchRequest } from '../../../services/solver/request';
import { SOLVER_NAME, SOLVER_VERSION } from '../../../services/solver/version';
import { checkHealth, grid, spec, startTestSolver } from './helpers';
import type { SolverUnderTest } from './helpers';

function codeOf(promise: Promise<unknown>): Promise<ServiceError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: ServiceError) => err,
  );
}

describe('solver gRPC server (2 threads)', () => {
  let sut: SolverUnderTest;
  beforeAll(async () => {
    sut = await startTestSolver({ threads: 2, maxBatch: 50 });
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('solves a batch into packed [3, axial, circumferential] maps in tesla, in request order', async () => {
    const simulations = [spec(10), spec(11, { defectSide: 'DEFECT_SIDE_FAR' }), spec(12, { defectProfile: 'DEFECT_PROFILE_ROUNDED' })];
    const response = await solveBatch(sut.client, { settings: { model: 'dipole' }, grid, simulations });
    expect(response.solverName).toBe(SOLVER_NAME);
    expect(response.solverVersion).toBe(SOLVER_VERSION);
    expect(response.results.map((r) => [r.index, r.contentHash, r.outcome])).toEqual([
      ['10', 'sha256:10', 'signalMap'],
      ['11', 'sha256:11', 'signalMap'],
      ['12', 'sha256:12', 'signalMap'],
    ]);
    const first = response.results[0]!;
    const map = unpackSignalMap(first.signalMap!);
    expect(map.shape).toEqual([3, 64, 32]);
    expect(map.channels).toEqual(['Bx', 'By', 'Bz']);
    expect(map.units).toBe('T');
    // Bit-identical to solving in-process: the wire and the worker lose nothing.
    const local = dipoleModel.solve(
      { backgroundFieldKAPerM: 20, wallThicknessMm: 10, defectLengthMm: 30, defectWidthMm: 20, defectDepthPercent: 40, side: 'near', profile: 'rectangular' },
      grid,
      { mesh: 'standard' },
    );
    expect(Buffer.from(map.data.buffer).equals(Buffer.from(local.data.buffer))).toBe(true);
    expect(first.stats).toMatchObject({ dofs: '0', iterations: 0, residual: 0 });
    expect(first.stats!.wallTimeMs).toBeGreaterThan(0);
    const far = unpackSignalMap(response.results[1]!.signalMap!);
    const peak = (data: Float32Array): number => Math.max(...Array.from(data, Math.abs));
    expect(peak(far.data)).toBeLessThan(peak(map.data));
  });

  it('returns per-simulation errors, never a map, for NaN maps and non-converged solves', async () => {
    const nan = await solveBatch(sut.client, { settings: { model: 'test-nan' }, grid, simulations: [spec(0)] });
    expect(nan.results[0]).toMatchObject({ outcome: 'error', error: { reason: 'NON_FINITE' } });
    expect(nan.results[0]!.signalMap).toBeFalsy();

    const simulations = [spec(0, { defectDepthPercent: 30 }), spec(1, { defectDepthPercent: 80 })];
    const mixed = await solveBatch(sut.client, { settings: { model: 'test-diverge', mesh: 'coarse' }, grid, simulations });
    expect(mixed.results[0]).toMatchObject({ outcome: 'signalMap', stats: { dofs: '1234', iterations: 7, residual: 1e-9 } });
    expect(mixed.results[1]).toMatchObject({
      outcome: 'error',
      error: { reason: 'NOT_CONVERGED', message: 'residual 3.2e-2 after 50 iterations' },
    });
  });

  it('answers Info with name, version, models and limits', async () => {
    const info = await getSolverInfo(sut.client);
    expect(info.name).toBe('synthflux-solver');
    expect(info.version).toBe(SOLVER_VERSION);
    expect(info.models.find((m) => m.name === 'dipole')).toMatchObject({ meshes: [], materials: ['line-pipe-steel'] });
    expect(info.models.find((m) => m.name === 'test-diverge')).toMatchObject({ meshes: ['coarse', 'standard'] });
    expect(info.models.find((m) => m.name === 'fem')!.defectProfiles).toEqual(['DEFECT_PROFILE_RECTANGULAR', 'DEFECT_PROFILE_ROUNDED', 'DEFECT_PROFILE_DEPTH_MAP']);
    expect(info.models.find((m) => m.name === 'test-diverge')!.defectProfiles).toEqual(['DEFECT_PROFILE_RECTANGULAR', 'DEFECT_PROFILE_ROUNDED']);
    expect(info.limits).toEqual({ maxBatchSize: 50, maxConcurrentRequests: 2, maxSensorPoints: 65_536 });
  });

  it('reports SERVING on grpc.health.v1', async () => {
    expect(await checkHealth(sut.solver.address, '')).toBe('SERVING');
    expect(await checkHealth(sut.solver.address, 'synthflux.solver.v1.Solver')).toBe('SERVING');
  });

  it('fails bad input with INVALID_ARGUMENT naming the field', async () => {
    const bad = [spec(0), spec(1), spec(2), spec(3, { defectDepthPercent: 140 })];
    const err = await codeOf(solveBatch(sut.client, { settings: { model: 'dipole' }, grid, simulations: bad }));
    expect(err.code).toBe(status.INVALID_ARGUMENT);
    expect(err.details).toBe('simulations[3].defect_depth_percent: must be within 0..100 (got 140)');

    const unknown = await codeOf(solveBatch(sut.client, { settings: { model: 'fdtd' }, grid, simulations: [spec(0)] }));
    expect(unknown.code).toBe(status.INVALID_ARGUMENT);
    expect(unknown.details).toBe('settings.model: unknown model "fdtd"; known models: dipole, fem, instant, test-crash, test-diverge, test-nan, test-sleep');

    const big = await codeOf(solveBatch(sut.client, { settings: { model: 'dipole' }, grid, simulations: Array.from({ length: 51 }, (_, i) => spec(i)) }));
    expect(big.code).toBe(status.INVALID_ARGUMENT);
    expect(big.details).toBe('simulations: at most 50 per batch (got 51)');
  });

  it('carries a depth map: a box as a depth map gives the box map; a model without depth maps refuses it per simulation', async () => {
    const box: ParametricDefectCase = { backgroundFieldKAPerM: 20, wallThicknessMm: 10, defectLengthMm: 24, defectWidthMm: 16, defectDepthPercent: 40, side: 'near', profile: 'rectangular' };
    const asMap = depthMapDefect(box, parametricDepthMap(box, 2, 2));
    const settings = { mesh: 'coarse' as const };
    const sensors = { ...grid, axialCount: 16, circumferentialCount: 8 };
    const request = solveBatchRequest('fem', settings, sensors, [{ index: 0, defect: box }, { index: 1, defect: asMap }]);
    const response = await solveBatch(sut.client, request);
    const [a, b] = response.results.map((r) => unpackSignalMap(r.signalMap!).data);
    expect(Array.from(b!)).toEqual(Array.from(a!));

    const refused = await solveBatch(sut.client, solveBatchRequest('test-diverge', settings, sensors, [{ index: 0, defect: asMap }]));
    expect(refused.results[0]).toMatchObject({ outcome: 'error', error: { reason: 'UNSUPPORTED' } });
    expect(refused.results[0]!.error!.message).toContain('does not solve depth-map defects');
  });

  it('reads requests larger than gRPC\'s default 4 MiB: five of the largest depth maps in one batch', async () => {
    const n = 512;
    const depthsMm = new Float64Array(n * n).fill(1);
    const big = depthMapDefect({ backgroundFieldKAPerM: 20, wallThicknessMm: 10, side: 'far' }, { axialPitchMm: 0.2, circumferentialPitchMm: 0.2, axialCount: n, circumferentialCount: n, depthsMm });
    const sensors = { ...grid, axialCount: 4, circumferentialCount: 4 };
    const response = await solveBatch(sut.client, solveBatchRequest('instant', { mesh: 'standard' }, sensors, Array.from({ length: 5 }, (_, index) => ({ index, defect: big }))));
    expect(response.results.map((r) => r.outcome)).toEqual(Array(5).fill('signalMap'));
  });
});
