import { status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { solveBatch } from '../../../services/solver/client';
import type { SolveBatchRequest } from '../../../proto/generated/synthflux/solver/v1/SolveBatchRequest';
import { grid, poll, spec, startTestSolver } from './helpers';
import type { SolverUnderTest } from './helpers';

/** A batch of `count` simulations that each hold a worker for `ms` milliseconds. */
function sleepBatch(count: number, ms: number): SolveBatchRequest {
  return { settings: { model: 'test-sleep' }, grid, simulations: Array.from({ length: count }, (_, i) => spec(i, { defectLengthMm: ms })) };
}

function failure(promise: Promise<unknown>): Promise<ServiceError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: ServiceError) => err,
  );
}

describe('solver admission, cancellation and deadlines (1 thread)', () => {
  let sut: SolverUnderTest;
  beforeEach(async () => {
    sut = await startTestSolver({ threads: 1 });
  });
  afterEach(async () => {
    await sut.close();
  });

  it('refuses calls beyond its thread count with RESOURCE_EXHAUSTED, and admits again when free', async () => {
    const first = solveBatch(sut.client, sleepBatch(1, 800));
    await poll(() => sut.solver.activeCalls() === 1, 'the first call to be admitted');
    const refused = await failure(solveBatch(sut.client, { settings: { model: 'dipole' }, grid, simulations: [spec(0)] }));
    expect(refused.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(refused.details).toContain('at most 1 (one per thread)');
    expect((await first).results[0]!.outcome).toBe('signalMap');
    const after = await solveBatch(sut.client, { settings: { model: 'dipole' }, grid, simulations: [spec(0)] });
    expect(after.results[0]!.outcome).toBe('signalMap');
  });

  it('stops dispatching a cancelled call', async () => {
    let cancelledWith: ServiceError | null = null;
    const call = sut.client.SolveBatch(sleepBatch(6, 300), (err) => {
      cancelledWith = err;
    });
    await poll(() => sut.solver.activeCalls() === 1, 'the call to be admitted');
    call.cancel();
    await poll(() => sut.solver.activeCalls() === 0, 'the server to drop the call');
    await poll(() => cancelledWith !== null, 'the client callback');
    expect(cancelledWith!.code).toBe(status.CANCELLED);
  });

  it('gives up at the deadline with DEADLINE_EXCEEDED and frees the solver', async () => {
    const err = await failure(solveBatch(sut.client, sleepBatch(6, 300), { deadline: Date.now() + 450 }));
    expect(err.code).toBe(status.DEADLINE_EXCEEDED);
    await poll(() => sut.solver.activeCalls() === 0, 'the server to drop the call');
  });
});
