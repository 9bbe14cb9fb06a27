import { proxyActivities } from '@temporalio/workflow';
// Types only: workflow code never loads activity implementations.
import type { CampaignActivities } from '../services/worker/activities';

/** Short bookkeeping steps: catalog updates, dataset metadata. */
export const bookkeeping = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});

/** Solving a batch: long, heartbeating, retried until the solver pool answers. */
export const solving = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '30 minutes',
  // Batches heartbeat every 10 s; a worker that died is noticed after 30 s and its batch retried.
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
