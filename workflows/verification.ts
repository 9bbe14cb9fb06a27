import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
// Types only: workflow code never loads activity implementations.
import type { VerificationActivities } from '../services/worker/activities/verification';
import { runBounded } from './bounded';
import { VERIFICATION_TASK_QUEUE, type VerificationInput, type VerificationTally } from './types';

// Why a workflow of its own, following the catalog, on a task queue of its own: a reference solve
// can take minutes (GetDP) where a production one takes seconds. Verifying inside solveBatch or in
// the shard would hold the batch's activity slot or the shard's completion for that long; here the
// campaign's batches never wait. The campaign starts this workflow and does not wait for it
// (ABANDON): the campaign completes when its data does, and the verification trails behind, at
// most `maxBatchesInFlight` batches at a time, and at most VERIFICATION_MAX_CONCURRENT_ACTIVITIES
// per worker on VERIFICATION_TASK_QUEUE, each reference pool bounded by its endpoints' capacity.
// It follows the campaign's batch events by outbox cursor (commit order), so it resumes exactly
// where it was after continue-as-new, a worker restart or a resumed campaign.

const reading = proxyActivities<VerificationActivities>({
  taskQueue: VERIFICATION_TASK_QUEUE,
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});

const verifying = proxyActivities<VerificationActivities>({
  taskQueue: VERIFICATION_TASK_QUEUE,
  // A batch's samples may queue behind other campaigns' on a slow reference pool: long, heartbeating.
  startToCloseTimeout: '24 hours',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', backoffCoefficient: 2 },
});

const PAGE = 100;
const POLL_INTERVAL = '10 seconds';
const PAGES_PER_RUN = 200;

/** Verifies a campaign's sampled simulations batch by batch as the batches are stored; ends when the campaign has. */
export async function verificationWorkflow(input: VerificationInput): Promise<VerificationTally> {
  const tally: VerificationTally = input.tally ?? { sampled: 0, succeeded: 0, failed: 0 };
  let cursor = input.afterCursor ?? '0';
  for (let page = 0; ; page++) {
    const next = await reading.nextVerificationBatches({ campaignId: input.campaignId, afterCursor: cursor, limit: PAGE });
    // A cancelled campaign's batches are not verified further; a finished one's are, to the last.
    if (next.campaignState === 'CANCELLED') break;
    if (next.batches.length === 0) {
      if (next.campaignState !== 'RUNNING') break;
      await sleep(POLL_INTERVAL);
    } else {
      let k = 0;
      await runBounded({
        hasNext: () => k < next.batches.length,
        take: () => next.batches[k++]!.batchIndex,
        limit: () => input.maxBatchesInFlight,
        paused: () => false,
        stop: () => false,
        run: async (batchIndex) => {
          const done = await verifying.verifyBatch({ campaignId: input.campaignId, batchIndex });
          tally.sampled += done.sampled;
          tally.succeeded += done.succeeded;
          tally.failed += done.failed;
        },
      });
      cursor = next.batches[next.batches.length - 1]!.cursor;
    }
    if (page >= PAGES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof verificationWorkflow>({ ...input, afterCursor: cursor, tally });
    }
  }
  return tally;
}
