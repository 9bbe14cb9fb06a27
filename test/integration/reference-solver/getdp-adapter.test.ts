// The GetDP reference behind the real solver contract: a gRPC server on 127.0.0.1:0, the generated
// client, real gmsh + getdp child processes. Needs scripts/setup-reference.sh; runs wherever getdp
// is installed, and REFERENCE_SOLVER_TESTS=1 makes a missing getdp a failure instead of a skip.

import { spawnSync } from 'node:child_process';
import { status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { createSolverClient, getSolverInfo, solveBatch, unpackSignalMap } from '../../../services/solver/client';
import type { SolverClient } from '../../../services/solver/client';
import { solveFem } from '../../../services/solver/models/fem';
import type { RunningSolverServer } from '../../../services/solver/server';
import { REFERENCE_SOLVER_NAME, REFERENCE_SOLVER_VERSION, startReferenceServer } from '../../../services/reference-solver/server';
import { maxAbs, pearson } from '../../unit/fem/helpers';
import { poll, spec } from '../solver/helpers';

const HAS_GETDP = spawnSync('getdp', ['--version']).status === 0;
const describeWithGetdp = HAS_GETDP || process.env.REFERENCE_SOLVER_TESTS === '1' ? describe : describe.skip;

// A small problem: 16 x 8 sensors, thin wall, small pit; the coarse preset meshes it in seconds.
const grid = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 3, axialCount: 16, circumferentialCount: 8 };
const pit = { wallThicknessMm: 5, defectLengthMm: 10, defectWidthMm: 10, defectDepthPercent: 60, backgroundFieldKaPerM: 20 };

function failure(promise: Promise<unknown>): Promise<ServiceError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: ServiceError) => err,
  );
}

describeWithGetdp('GetDP reference solver behind the solver gRPC contract', () => {
  let server: RunningSolverServer;
  let client: SolverClient;
  beforeAll(async () => {
    server = await startReferenceServer({ host: '127.0.0.1', port: 0, threads: 1, metricsPort: -1, shutdownGraceMs: 2000 });
    client = createSolverClient(server.address);
  });
  afterAll(async () => {
    client?.close();
    await server?.close();
  });

  it('answers Info with its own name and version and the fem model it solves', async () => {
    const info = await getSolverInfo(client);
    expect(info.name).toBe(REFERENCE_SOLVER_NAME);
    expect(info.version).toBe(REFERENCE_SOLVER_VERSION);
    expect(info.models.map((m) => [m.name, m.meshes, m.materials])).toEqual([['fem', ['coarse', 'standard', 'fine'], ['team13']]]);
    expect(info.models[0]!.description).toMatch(/GetDP/);
    expect(info.limits?.maxConcurrentRequests).toBe(1);
  });

  it('solves a simulation into a [3, axial, circumferential] map that matches the fem model', async () => {
    const response = await solveBatch(client, { settings: { model: 'fem', mesh: 'coarse' }, grid, simulations: [spec(7, pit)] });
    expect(response.solverName).toBe(REFERENCE_SOLVER_NAME);
    const result = response.results[0]!;
    expect(result.outcome).toBe('signalMap');
    const map = unpackSignalMap(result.signalMap!);
    expect(map.shape).toEqual([3, 16, 8]);
    expect(Number(result.stats!.dofs)).toBeGreaterThan(1000);
    expect(result.stats!.iterations).toBeGreaterThan(1);
    expect(result.stats!.residual).toBeLessThan(1e-15);

    const plane = 16 * 8;
    const fem = solveFem(
      { backgroundFieldKAPerM: 20, wallThicknessMm: 5, defectLengthMm: 10, defectWidthMm: 10, defectDepthPercent: 60, side: 'near', profile: 'rectangular' },
      grid,
      { mesh: 'standard' },
    );
    for (const ch of [0, 2]) {
      const ref = map.data.subarray(ch * plane, (ch + 1) * plane);
      const own = fem.data.subarray(ch * plane, (ch + 1) * plane);
      expect(pearson(ref, own)).toBeGreaterThan(0.97);
      expect(Math.abs(maxAbs(ref) / maxAbs(own) - 1)).toBeLessThan(0.25);
    }
    // Symmetry of the mirrored quarter: Bz odd in x, Bx even in x.
    expect(map.data[2 * plane + 0]).toBeCloseTo(-map.data[2 * plane + 15 * 8]!, 9);
    expect(map.data[0]).toBeCloseTo(map.data[15 * 8]!, 9);
  });

  it('solves a rounded (semi-ellipsoidal) pit that matches the fem model', async () => {
    const response = await solveBatch(client, { settings: { model: 'fem', mesh: 'coarse' }, grid, simulations: [spec(3, { ...pit, defectProfile: 'DEFECT_PROFILE_ROUNDED' })] });
    const map = unpackSignalMap(response.results[0]!.signalMap!);
    const fem = solveFem({ backgroundFieldKAPerM: 20, wallThicknessMm: 5, defectLengthMm: 10, defectWidthMm: 10, defectDepthPercent: 60, side: 'near', profile: 'rounded' }, grid, { mesh: 'standard' });
    const plane = 16 * 8;
    const bz = (data: Float32Array): Float32Array => data.subarray(2 * plane, 3 * plane);
    expect(pearson(bz(map.data), bz(fem.data))).toBeGreaterThan(0.97);
    expect(Math.abs(maxAbs(bz(map.data)) / maxAbs(bz(fem.data)) - 1)).toBeLessThan(0.25);
  });

  it('reports what it cannot solve as a per-simulation UNSUPPORTED error naming the field', async () => {
    // The driver mirrors its quarter about the defect centre, so it needs even sensor counts.
    const response = await solveBatch(client, { settings: { model: 'fem', mesh: 'coarse' }, grid: { ...grid, axialCount: 15 }, simulations: [spec(1, pit)] });
    expect(response.results[0]).toMatchObject({ outcome: 'error', error: { reason: 'UNSUPPORTED' } });
    expect(response.results[0]!.error!.message).toMatch(/^axialCount: must be an even integer/);
  });

  it('refuses a material it does not have with INVALID_ARGUMENT', async () => {
    const err = await failure(solveBatch(client, { settings: { model: 'fem', mesh: 'coarse', material: 'linear-1000' }, grid, simulations: [spec(1, pit)] }));
    expect(err.code).toBe(status.INVALID_ARGUMENT);
    expect(err.details).toMatch(/material/);
  });

  it('honours the deadline: the running solve is killed and the call ends DEADLINE_EXCEEDED', async () => {
    const started = Date.now();
    const err = await failure(solveBatch(client, { settings: { model: 'fem', mesh: 'fine' }, grid, simulations: [spec(2, pit)] }, { deadline: Date.now() + 1500 }));
    expect(err.code).toBe(status.DEADLINE_EXCEEDED);
    expect(Date.now() - started).toBeLessThan(10_000);
    // The driver (and GetDP under it, same process group) is gone, not left running unobserved.
    await poll(() => spawnSync('pgrep', ['-f', 'getdp_mfl.py --case-json']).status === 1, 'the killed driver to exit');
    await expect(getSolverInfo(client)).resolves.toMatchObject({ name: REFERENCE_SOLVER_NAME });
  });
});
