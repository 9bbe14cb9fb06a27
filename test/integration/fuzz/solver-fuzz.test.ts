// Fuzzing every Solver RPC (SolveBatch, Info, health Check) with random bytes and with well-typed
// messages full of NaN/Inf, negative and huge numbers, huge strings and wrong shapes. Each call
// gets OK (with a per-simulation error where the input is bad) or a clear rejection status; the
// server stays up and keeps answering correctly.

import * as grpc from '@grpc/grpc-js';
import { FUZZ_SEED, nastyValue, pick, randomBytes, randomString, rng } from '../../unit/fuzz/random';
import { CLEAR_REJECTIONS, rawUnary } from './grpc-raw';
import { checkHealth, grid, spec, startTestSolver, type SolverUnderTest } from '../solver/helpers';

const CASES = Number(process.env.FUZZ_CASES ?? 150);
const SOLVE = '/synthflux.solver.v1.Solver/SolveBatch';
const INFO = '/synthflux.solver.v1.Solver/Info';

const num = (r: () => number): number => {
  const v = nastyValue(r);
  return typeof v === 'number' ? v : pick(r, [NaN, -1, 1e300, 20]);
};

function randomRequest(r: () => number): Record<string, unknown> {
  const sims = Array.from({ length: Math.floor(r() * 4) }, (_, i) =>
    r() < 0.5 ? spec(i) : spec(i, { backgroundFieldKaPerM: num(r), wallThicknessMm: num(r), defectLengthMm: num(r), defectDepthPercent: num(r), defectSide: pick(r, ['DEFECT_SIDE_UNSPECIFIED', 'DEFECT_SIDE_FAR', 7 as never]) }),
  );
  return {
    settings: r() < 0.2 ? undefined : { model: pick(r, ['dipole', 'instant', '', 'nope', 'x'.repeat(100_000), randomString(r, 20)]), mesh: pick(r, ['', 'coarse', randomString(r, 10)]) },
    grid: r() < 0.2 ? undefined : { ...grid, axialCount: pick(r, [4, 0, 2 ** 32 - 1]), circumferentialCount: pick(r, [4, 8, 0]), liftOffMm: num(r), axialPitchMm: pick(r, [2, NaN, -Infinity, 0]) },
    simulations: sims,
  };
}

describe(`solver gRPC fuzzing (seed ${FUZZ_SEED})`, () => {
  let s: SolverUnderTest;
  let raw: grpc.Client;
  beforeAll(async () => {
    s = await startTestSolver({ threads: 1 });
    raw = new grpc.Client(s.solver.address, grpc.credentials.createInsecure());
  });
  afterAll(async () => {
    raw?.close();
    await s?.close();
  });

  const stillServing = async (): Promise<void> => {
    expect(await checkHealth(s.solver.address, '')).toBe('SERVING');
    const ok = await new Promise<unknown>((resolve, reject) =>
      s.client.SolveBatch({ settings: { model: 'dipole' }, grid: { ...grid, axialCount: 4, circumferentialCount: 4 }, simulations: [spec(1)] }, (err, res) => (err ? reject(err) : resolve(res))),
    );
    expect(ok).toMatchObject({ results: [{ outcome: 'signalMap' }] });
  };

  it(`${CASES} random byte strings to SolveBatch and Info: clear statuses, server stays up`, async () => {
    const r = rng(FUZZ_SEED);
    const codes = new Map<string, number>();
    for (let i = 0; i < CASES; i++) {
      const method = pick(r, [SOLVE, INFO]);
      const out = await (r() < 0.1 ? rawUnary(raw, method, Buffer.alloc(5 * 1024 * 1024, 0x0a)) : rawUnary(raw, method, randomBytes(r, 400)));
      codes.set(grpc.status[out.code], (codes.get(grpc.status[out.code]) ?? 0) + 1);
      if (out.code !== grpc.status.OK) expect({ i, method, code: grpc.status[out.code], clear: CLEAR_REJECTIONS.has(out.code) && out.details.length > 0 }).toEqual({ i, method, code: grpc.status[out.code], clear: true });
    }
    console.log(`solver raw fuzz statuses: ${JSON.stringify(Object.fromEntries(codes))}`);
    await stillServing();
  });

  it(`${CASES} well-typed requests with nasty values: OK with per-simulation reasons or INVALID_ARGUMENT naming a field`, async () => {
    const r = rng(FUZZ_SEED + 2);
    for (let i = 0; i < CASES; i++) {
      const request = randomRequest(r);
      const out = await new Promise<{ err: grpc.ServiceError | null; res?: { results: { outcome?: string; error?: { reason: string } | null; signalMap?: { shape: number[]; data: Buffer } | null }[] } }>((resolve) =>
        s.client.SolveBatch(request, { deadline: Date.now() + 5_000 }, (err, res) => resolve({ err, res: res as never })),
      );
      if (out.err) {
        // DEADLINE_EXCEEDED is not a clear answer here: every request is small, so a hang means the
        // status never reached the client (it did, before validation messages were bounded).
        expect({ i, code: grpc.status[out.err.code], clear: CLEAR_REJECTIONS.has(out.err.code) }).toEqual({ i, code: grpc.status[out.err.code], clear: true });
        // INVALID_ARGUMENT names the field (snake_case proto names, like `grid.axial_count`).
        if (out.err.code === grpc.status.INVALID_ARGUMENT) expect(out.err.details).toMatch(/[a-z_]+(\.[a-z_]+|\[\d+\])*:/);
        continue;
      }
      for (const result of out.res!.results) {
        if (result.outcome === 'error') expect(result.error?.reason).toMatch(/^[A-Z_]+$/);
        else {
          const values = new Float32Array(result.signalMap!.data.buffer.slice(result.signalMap!.data.byteOffset, result.signalMap!.data.byteOffset + result.signalMap!.data.byteLength));
          expect(values.every(Number.isFinite)).toBe(true);
          expect(values.length).toBe(result.signalMap!.shape.reduce((a, b) => a * b, 1));
        }
      }
    }
    await stillServing();
  });
});
