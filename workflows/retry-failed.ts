import { continueAsNew, workflowInfo } from '@temporalio/workflow';
import { bookkeeping, solving } from './activities';
import { runBounded } from './bounded';
import type { BatchTally, RetryFailedInput } from './types';

const PAGE = 200;

/**
 * Solves again only the simulations that failed, batch by batch (a page of batch indexes at a
 * time, so no payload grows with the campaign), then refreshes the campaign's manifest.
 */
export async function retryFailedWorkflow(input: RetryFailedInput): Promise<BatchTally> {
  const retried: BatchTally = input.retried ?? { succeeded: 0, failed: 0 };
  let after = input.afterBatch ?? -1;
  for (;;) {
    const page = await bookkeeping.listBatchesWithFailures({ campaignId: input.campaignId, afterBatch: after, limit: PAGE });
    if (page.length === 0) break;
    let next = 0;
    await runBounded({
      hasNext: () => next < page.length,
      take: () => page[next++],
      limit: () => input.maxBatchesInFlight,
      paused: () => false,
      stop: () => false,
      run: async (batchIndex) => {
        const result = await solving.retryFailedBatch({ campaignId: input.campaignId, batchIndex, priority: input.priority });
        retried.succeeded += result.succeeded;
        retried.failed += result.failed;
      },
    });
    after = page[page.length - 1]!;
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof retryFailedWorkflow>({ ...input, afterBatch: after, retried });
  }
  await bookkeeping.refreshManifest({ campaignId: input.campaignId });
  return retried;
}
