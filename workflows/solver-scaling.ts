import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
// Types only: the activity runs on workers started with SOLVER_DISCOVERY=kubernetes.
import type { ScalerActivities } from '../services/scaler/activities';

const { sizeSolverPool } = proxyActivities<ScalerActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

// Each round adds a handful of events; a fresh run every so often keeps the history short.
const ROUNDS_PER_RUN = 200;

/** Sizes the solver Deployment to the campaigns' backlog every `intervalSeconds`, for as long as it runs. */
export async function solverScalingWorkflow(input: { intervalSeconds: number }): Promise<never> {
  for (let round = 0; round < ROUNDS_PER_RUN; round++) {
    await sizeSolverPool();
    await sleep(`${input.intervalSeconds} seconds`);
  }
  return continueAsNew<typeof solverScalingWorkflow>(input);
}
