import { status } from '@grpc/grpc-js';
import { ApplicationFailure } from '@temporalio/activity';
import { classifySolverFailures, solverFailure } from '../../../services/worker/activities/solver-failures';
import { SolverCallError } from '../../../services/worker/solver-pool';

const batch = { campaignId: 'big-batches-1a2b', batchIndex: 3, batchSize: 2000 };
const refused = (code: status, message: string) => new SolverCallError(code, `127.0.0.1:50051: ${message}`);

describe('classifying solver call failures', () => {
  it.each([
    [status.INVALID_ARGUMENT, 'SolverInvalidRequest'],
    [status.OUT_OF_RANGE, 'SolverRequestOutOfRange'],
    [status.FAILED_PRECONDITION, 'SolverPreconditionFailed'],
  ])('a refused request (%s) fails non-retryably as %s, keeping the solver message that names the limit', (code, type) => {
    const err = solverFailure(refused(code, 'simulations: at most 1000 per batch (got 2000)'), batch);
    expect(err).toBeInstanceOf(ApplicationFailure);
    const failure = err as ApplicationFailure;
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe(type);
    expect(failure.message).toContain('simulations: at most 1000 per batch (got 2000)');
    expect(failure.message).toContain("the spec's batchSize is 2000");
    expect(failure.message).toContain(`batch 3 of campaign ${batch.campaignId}`);
    expect(failure.message).toContain(status[code]);
    expect(failure.cause).toBeInstanceOf(SolverCallError);
  });

  it.each([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.RESOURCE_EXHAUSTED, status.INTERNAL, status.CANCELLED, status.UNKNOWN])(
    'a transient failure (%s) is left as it is, for the retry policy',
    (code) => {
      const original = refused(code, 'try again');
      expect(solverFailure(original, batch)).toBe(original);
    },
  );

  it('errors that are not solver calls (storage, catalog) pass through unchanged', () => {
    const s3 = new Error('connect ECONNREFUSED 127.0.0.1:9000');
    expect(solverFailure(s3, batch)).toBe(s3);
    expect(solverFailure('a string', batch)).toBe('a string');
  });

  it('classifySolverFailures rethrows the classified error and returns results untouched', async () => {
    await expect(classifySolverFailures(batch, async () => 42)).resolves.toBe(42);
    await expect(
      classifySolverFailures(batch, () => Promise.reject(refused(status.INVALID_ARGUMENT, 'simulations: at most 5 per batch (got 10)'))),
    ).rejects.toMatchObject({ nonRetryable: true, type: 'SolverInvalidRequest' });
    const transient = refused(status.UNAVAILABLE, 'connection refused');
    await expect(classifySolverFailures(batch, () => Promise.reject(transient))).rejects.toBe(transient);
  });
});
