import { status } from '@grpc/grpc-js';
import { ApplicationFailure } from '@temporalio/activity';
import { isSolverCallError } from '../solver-pool';

/**
 * Solver answers that the same request would get again, whatever endpoint or attempt: the request
 * itself is wrong for this pool (a batch over its limit, a model it does not serve). Retrying them
 * would loop forever, so they fail the activity at once with a named type.
 */
export const NON_RETRYABLE_SOLVER_FAILURES: ReadonlyMap<status, string> = new Map([
  [status.INVALID_ARGUMENT, 'SolverInvalidRequest'],
  [status.OUT_OF_RANGE, 'SolverRequestOutOfRange'],
  [status.FAILED_PRECONDITION, 'SolverPreconditionFailed'],
]);

/** Every ApplicationFailure type `solverFailure` may produce. */
export const SOLVER_FAILURE_TYPES: readonly string[] = [...NON_RETRYABLE_SOLVER_FAILURES.values()];

/**
 * The error a solver call's failure should leave the activity with: a non-retryable
 * ApplicationFailure (type from NON_RETRYABLE_SOLVER_FAILURES, the solver's message naming the
 * field and limit) for a refused request; anything else (UNAVAILABLE, DEADLINE_EXCEEDED,
 * RESOURCE_EXHAUSTED, INTERNAL, a lost connection) unchanged, for the retry policy.
 */
export function solverFailure(err: unknown, what: { campaignId: string; batchIndex: number; batchSize: number }): unknown {
  if (!isSolverCallError(err)) return err;
  const type = NON_RETRYABLE_SOLVER_FAILURES.get(err.code);
  if (!type) return err;
  return ApplicationFailure.create({
    type,
    nonRetryable: true,
    message: `the solver pool refused batch ${what.batchIndex} of campaign ${what.campaignId} (${status[err.code]}), so it is not retried: ${err.message}` +
      ` (the spec's batchSize is ${what.batchSize})`,
    cause: err,
  });
}

/** Runs a solver call, turning a refused request into a non-retryable failure. */
export async function classifySolverFailures<T>(what: { campaignId: string; batchIndex: number; batchSize: number }, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw solverFailure(err, what);
  }
}
