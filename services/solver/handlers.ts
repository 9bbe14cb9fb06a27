// The Solver service's RPC handlers. They never throw: every failure becomes a status, and each
// handler returns right after calling its callback.

import { setMaxListeners } from 'node:events';
import { status } from '@grpc/grpc-js';
import type { ServerUnaryCall, ServiceError } from '@grpc/grpc-js';
import type { SolverHandlers } from '../../proto/generated/synthflux/solver/v1/Solver';
import type { SolveBatchRequest__Output } from '../../proto/generated/synthflux/solver/v1/SolveBatchRequest';
import type { SolveBatchResponse } from '../../proto/generated/synthflux/solver/v1/SolveBatchResponse';
import type { SimulationResult } from '../../proto/generated/synthflux/solver/v1/SimulationResult';
import type { InfoResponse } from '../../proto/generated/synthflux/solver/v1/InfoResponse';
import type { SolverLimitsConfig } from './config';
import type { ModelRegistry } from './models/registry';
import { PoolClosedError, isTaskCancelledError } from './pool';
import type { SolveThreadPool } from './pool';
import type { SolveOutcome } from './solve-task';
import { signalMapMessage } from './signal-map';
import { PROFILE_VALUES } from './request';
import { formatIssues, validateSolveBatch } from './validate';
import type { ValidBatch, ValidSimulation } from './validate';
import { SOLVER_NAME, SOLVER_VERSION } from './version';

/** Who answers: Info's name and version, also stamped on every SolveBatch response. */
export interface SolverIdentity {
  name: string;
  version: string;
}

export interface SolverServiceDeps {
  /** Runs one simulation; the worker-thread pool, or another code's runner (services/reference-solver). */
  pool: Pick<SolveThreadPool, 'run'>;
  registry: ModelRegistry;
  /** Defaults to this solver's SOLVER_NAME and SOLVER_VERSION. */
  identity?: SolverIdentity;
  limits: SolverLimitsConfig;
  /** SolveBatch calls admitted at once; more are refused with RESOURCE_EXHAUSTED. */
  maxConcurrentCalls: number;
}

export interface SolverService {
  handlers: SolverHandlers;
  /** SolveBatch calls in progress (for tests and metrics). */
  activeCalls: () => number;
}

type StatusOnly = Partial<ServiceError> & { code: status; details: string };

function simulationResult(sim: ValidSimulation, batch: ValidBatch, outcome: SolveOutcome): SimulationResult {
  const base = { index: sim.index, contentHash: sim.contentHash };
  if (outcome.kind === 'error') {
    const stats = { dofs: 0, iterations: 0, residual: 0, wallTimeMs: outcome.wallTimeMs };
    return { ...base, error: { reason: outcome.reason, message: outcome.message }, stats };
  }
  const { dofs, iterations, residual } = outcome.stats;
  const signalMap = signalMapMessage(outcome.packed, batch.grid.axialCount, batch.grid.circumferentialCount);
  return { ...base, signalMap, stats: { dofs, iterations, residual, wallTimeMs: outcome.wallTimeMs } };
}

/** Milliseconds until the call's deadline, or undefined when it has none. */
function msUntilDeadline(call: ServerUnaryCall<unknown, unknown>): number | undefined {
  const deadline = call.getDeadline();
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/**
 * Spreads the batch over the pool. Stops dispatching when the client cancels or the deadline
 * passes; resolves once no simulation of this call is queued or running any more.
 */
async function solveBatch(
  deps: SolverServiceDeps,
  batch: ValidBatch,
  call: ServerUnaryCall<SolveBatchRequest__Output, SolveBatchResponse>,
): Promise<{ response: SolveBatchResponse } | { error: StatusOnly }> {
  const abort = new AbortController();
  let deadlineExceeded = false;
  const onCancelled = (): void => abort.abort();
  call.on('cancelled', onCancelled);
  const remaining = msUntilDeadline(call);
  const timer =
    remaining === undefined
      ? undefined
      : setTimeout(() => {
          deadlineExceeded = true;
          abort.abort();
        }, remaining);
  // Every simulation of the batch listens on this one signal.
  setMaxListeners(batch.simulations.length + 10, abort.signal);
  try {
    const settled = await Promise.allSettled(
      batch.simulations.map((sim) =>
        deps.pool
          .run({ model: batch.model.name, defect: sim.defect, grid: batch.grid, settings: batch.settings }, abort.signal)
          .then((outcome) => simulationResult(sim, batch, outcome)),
      ),
    );
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (deadlineExceeded) return { error: { code: status.DEADLINE_EXCEEDED, details: 'deadline exceeded before the batch was solved' } };
    if (abort.signal.aborted) return { error: { code: status.CANCELLED, details: 'cancelled by the client' } };
    if (failure) {
      const reason: unknown = failure.reason;
      if (reason instanceof PoolClosedError) return { error: { code: status.UNAVAILABLE, details: 'solver is shutting down' } };
      if (isTaskCancelledError(reason)) return { error: { code: status.CANCELLED, details: 'cancelled' } };
      const message = reason instanceof Error ? reason.message : String(reason);
      return { error: { code: status.INTERNAL, details: `solver failed: ${message}` } };
    }
    const results = settled.map((s) => (s as PromiseFulfilledResult<SimulationResult>).value);
    const { name, version } = identityOf(deps);
    return { response: { solverName: name, solverVersion: version, results } };
  } finally {
    if (timer) clearTimeout(timer);
    call.removeListener('cancelled', onCancelled);
  }
}

function identityOf(deps: SolverServiceDeps): SolverIdentity {
  return deps.identity ?? { name: SOLVER_NAME, version: SOLVER_VERSION };
}

function infoResponse(deps: SolverServiceDeps): InfoResponse {
  const models = [...deps.registry.values()].map((model) => ({
    name: model.name,
    description: model.description,
    meshes: [...model.meshes],
    materials: [...model.materials],
    defectProfiles: model.defectTypes.map((type) => PROFILE_VALUES[type]),
  }));
  const { name, version } = identityOf(deps);
  return {
    name,
    version,
    models,
    limits: {
      maxBatchSize: deps.limits.maxBatch,
      maxConcurrentRequests: deps.maxConcurrentCalls,
      maxSensorPoints: deps.limits.maxSensorPoints,
    },
  };
}

export function createSolverService(deps: SolverServiceDeps): SolverService {
  let active = 0;
  const handlers: SolverHandlers = {
    Info(_call, callback) {
      callback(null, infoResponse(deps));
    },
    SolveBatch(call, callback) {
      const validation = validateSolveBatch(call.request, deps.registry, deps.limits);
      if (!validation.ok) {
        callback({ code: status.INVALID_ARGUMENT, details: formatIssues(validation.issues) });
        return;
      }
      if (active >= deps.maxConcurrentCalls) {
        const details = `solver is busy: ${active} SolveBatch calls in progress, at most ${deps.maxConcurrentCalls} (one per thread); retry with backoff or use another solver`;
        callback({ code: status.RESOURCE_EXHAUSTED, details });
        return;
      }
      active++;
      solveBatch(deps, validation.batch, call)
        .catch((err: unknown) => ({ error: { code: status.INTERNAL, details: `solver failed: ${String(err)}` } }))
        .then((outcome) => {
          active--;
          if ('error' in outcome) callback(outcome.error);
          else callback(null, outcome.response);
        })
        .catch((err: unknown) => console.error('solver: SolveBatch callback failed', err));
    },
  };
  return { handlers, activeCalls: () => active };
}
