// Pure sizing of the solver pool: how many solver pods the campaigns' backlog can use.

export interface ScaleBounds {
  minReplicas: number;
  maxReplicas: number;
}

export interface PoolDemand {
  /** Batches of running campaigns not yet completed (queued or being solved). */
  pendingBatches: number;
  /** Batches being solved right now (or the most the workflows may run at once: an upper bound). */
  inFlightBatches: number;
  /** Batches the workflows are allowed to run at once across all running campaigns. */
  maxParallelBatches: number;
}

export interface SizingInput extends PoolDemand, ScaleBounds {
  /** Concurrent batch calls one solver pod serves (its solve threads). */
  podCapacity: number;
  currentReplicas: number;
}

export interface SizingDecision {
  replicas: number;
  reason: 'idle' | 'backlog' | 'in-flight' | 'min' | 'max';
}

/**
 * Pods the backlog can keep busy, between [minReplicas, maxReplicas], and never scaled down below
 * the pods that in-flight batches occupy (removing them would cut running solves short: a pod
 * drains, but a solve longer than its grace period is lost and retried). That floor also holds
 * above maxReplicas when the bound was lowered under running work: the pool shrinks as it ends.
 *
 * The backlog helps only up to the parallelism the workflows allow (limits.maxBatchesInFlight per
 * shard times shards in flight); pods beyond that would sit idle.
 */
export function desiredReplicas(input: SizingInput): SizingDecision {
  const { minReplicas, maxReplicas, podCapacity, currentReplicas } = input;
  if (!(Number.isInteger(minReplicas) && minReplicas >= 0 && maxReplicas >= minReplicas && podCapacity >= 1)) {
    throw new RangeError(`invalid bounds: min ${minReplicas}, max ${maxReplicas}, pod capacity ${podCapacity}`);
  }
  const pending = Math.max(0, input.pendingBatches);
  // Not clamped to pending: the catalog may already count a cancelled campaign as done while
  // its last calls still run.
  const inFlight = Math.max(0, input.inFlightBatches);
  if (pending === 0 && inFlight === 0) return { replicas: minReplicas, reason: 'idle' };

  const forBacklog = Math.ceil(Math.min(pending, Math.max(0, input.maxParallelBatches)) / podCapacity);
  const forInFlight = Math.ceil(inFlight / podCapacity);
  const wanted = Math.max(forBacklog, forInFlight);
  let decision: SizingDecision =
    wanted > maxReplicas ? { replicas: maxReplicas, reason: 'max' }
    : wanted < minReplicas ? { replicas: minReplicas, reason: 'min' }
    : { replicas: wanted, reason: forInFlight > forBacklog ? 'in-flight' : 'backlog' };
  const floor = Math.min(currentReplicas, forInFlight);
  if (decision.replicas < floor) decision = { replicas: floor, reason: 'in-flight' };
  return decision;
}
