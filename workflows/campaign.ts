import {
  CancellationScope,
  ParentClosePolicy,
  continueAsNew,
  defineQuery,
  isCancellation,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { bookkeeping } from './activities';
import { shardWorkflow } from './shard';
import {
  batchCount,
  shardCount,
  shardWorkflowId,
  type CampaignCarry,
  type CampaignOutcome,
  type CampaignPlan,
  type CampaignProgress,
} from './types';

export const progressQuery = defineQuery<CampaignProgress>('progress');

// Even when the server does not suggest it yet, start a fresh run after this many shards so no
// run's history grows with the campaign.
const SHARDS_PER_RUN = 200;

/**
 * Fans a campaign out into shard child workflows (index ranges of batches), a bounded number at a
 * time, and records the outcome in the catalog. Cancelling the workflow cancels the shards.
 */
export async function campaignWorkflow(plan: CampaignPlan, carry?: CampaignCarry): Promise<CampaignOutcome> {
  const totalBatches = batchCount(plan);
  const totalShards = shardCount(plan);
  const state: CampaignCarry = carry ?? { nextShard: 0, succeeded: 0, failed: 0, completedBatches: 0 };
  let inFlight = 0;
  let phase: CampaignProgress['phase'] = carry ? 'solving' : 'preparing';
  setHandler(progressQuery, () => ({
    campaignId: plan.campaignId,
    totalSimulations: plan.totalSimulations,
    totalBatches,
    completedBatches: state.completedBatches,
    succeeded: state.succeeded,
    failed: state.failed,
    shardsInFlight: inFlight,
    phase,
  }));

  try {
    if (!carry) await bookkeeping.prepareCampaign({ campaignId: plan.campaignId });
    phase = 'solving';
    const firstShardOfRun = state.nextShard;
    const runShard = async (shardIndex: number): Promise<void> => {
      const firstBatch = shardIndex * plan.shardSize;
      const count = Math.min(plan.shardSize, totalBatches - firstBatch);
      const child = await startChild(shardWorkflow, {
        workflowId: shardWorkflowId(plan.campaignId, shardIndex),
        args: [{ campaignId: plan.campaignId, shardIndex, firstBatch, batchCount: count, maxBatchesInFlight: plan.maxBatchesInFlight }],
        parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      });
      const tally = await child.result();
      state.succeeded += tally.succeeded;
      state.failed += tally.failed;
      state.completedBatches += count;
    };
    const lane = async (): Promise<void> => {
      while (state.nextShard < totalShards && !timeToContinue(firstShardOfRun, state.nextShard)) {
        const shardIndex = state.nextShard++;
        inFlight++;
        try {
          await runShard(shardIndex);
        } finally {
          inFlight--;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(plan.maxShardsInFlight, totalShards) }, lane));
  } catch (err) {
    await recordFailure(plan.campaignId, err);
    phase = 'done';
    throw err;
  }
  if (state.nextShard < totalShards) await continueAsNew<typeof campaignWorkflow>(plan, state);

  phase = 'finishing';
  await bookkeeping.finishCampaign({ campaignId: plan.campaignId, outcome: 'COMPLETED' });
  phase = 'done';
  return 'COMPLETED';
}

async function recordFailure(campaignId: string, err: unknown): Promise<void> {
  const outcome: CampaignOutcome = isCancellation(err) ? 'CANCELLED' : 'FAILED';
  // Record the outcome even though this scope may be being cancelled.
  await CancellationScope.nonCancellable(() => bookkeeping.finishCampaign({ campaignId, outcome }));
}

function timeToContinue(firstShardOfRun: number, nextShard: number): boolean {
  return nextShard - firstShardOfRun >= SHARDS_PER_RUN || workflowInfo().continueAsNewSuggested;
}
