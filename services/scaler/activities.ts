// The scaling activity: size the solver Deployment to the backlog. Idempotent (it sets an
// absolute replica count), cheap, and safe to run on any worker on a schedule.

import type { BacklogSource } from './backlog';
import type { ScaleTarget } from './scale-target';
import { desiredReplicas, type ScaleBounds, type SizingDecision } from './sizing';

export interface ScalerDeps {
  target: ScaleTarget;
  backlog: BacklogSource;
  bounds: ScaleBounds;
  podCapacity: number;
  /** Calls this worker has in flight right now (its SolverPool), a floor for the estimate. */
  localInFlight?: () => number;
  log?: (message: string) => void;
}

export interface ScaleResult extends SizingDecision {
  previousReplicas: number;
  pendingBatches: number;
  inFlightBatches: number;
  changed: boolean;
}

export function createScalerActivities(deps: ScalerDeps) {
  return {
    sizeSolverPool: async (): Promise<ScaleResult> => {
      const [demand, previousReplicas] = await Promise.all([deps.backlog.demand(), deps.target.getReplicas()]);
      const inFlightBatches = Math.max(demand.inFlightBatches, deps.localInFlight?.() ?? 0);
      const decision = desiredReplicas({ ...demand, inFlightBatches, ...deps.bounds, podCapacity: deps.podCapacity, currentReplicas: previousReplicas });
      const changed = decision.replicas !== previousReplicas;
      if (changed) {
        await deps.target.setReplicas(decision.replicas);
        deps.log?.(`scaler: ${deps.target.description} ${previousReplicas} -> ${decision.replicas} (${decision.reason}; ${demand.pendingBatches} batches pending, ${inFlightBatches} in flight)`);
      }
      return { ...decision, previousReplicas, pendingBatches: demand.pendingBatches, inFlightBatches, changed };
    },
  };
}

export type ScalerActivities = ReturnType<typeof createScalerActivities>;
