import {
  CancellationScope,
  ParentClosePolicy,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { bookkeeping } from './activities';
import { runBounded } from './bounded';
import { pauseSignal, progressQuery, resumeSignal, setLimitsSignal, type LimitsChange } from './control';
import { refinementWorkflow } from './refinement';
import { refinementWorkflowId } from './refinement-types';
import { shardWorkflow } from './shard';
import { batchCount, shardCount, shardWorkflowId, verificationWorkflowId, type CampaignCarry, type CampaignOutcome, type CampaignPlan } from './types';
import { verificationWorkflow } from './verification';

// Even when the server does not suggest it yet, start a fresh run after this many shards so no
// run's history grows with the campaign.
const SHARDS_PER_RUN = 100;
/** Batches of one campaign being verified at once (each waits on the reference pool's capacity). */
const VERIFICATION_BATCHES_IN_FLIGHT = 4;

/**
 * Fans a campaign out into shard child workflows (index ranges of batches), a bounded number at a
 * time, and records the outcome in the catalog. Pause, resume and new limits reach the running
 * shards; cancelling the workflow cancels them.
 */
export async function campaignWorkflow(plan: CampaignPlan, carry?: CampaignCarry): Promise<CampaignOutcome> {
  const totalBatches = batchCount(plan);
  const totalShards = shardCount(plan);
  const state: CampaignCarry = carry ?? {
    nextShard: 0,
    succeeded: 0,
    failed: 0,
    completedBatches: 0,
    paused: false,
    limits: { maxShardsInFlight: plan.maxShardsInFlight, maxBatchesInFlight: plan.maxBatchesInFlight },
    startedAtMs: Date.now(),
  };
  const inFlight = new Set<number>();
  let phase: 'preparing' | 'solving' | 'finishing' | 'done' = carry ? 'solving' : 'preparing';

  // Shards are separate workflows: they learn of pauses and new limits by signal.
  const signalShards = (signal: typeof pauseSignal | typeof resumeSignal | typeof setLimitsSignal): void => {
    for (const shard of inFlight) {
      const handle = getExternalWorkflowHandle(shardWorkflowId(plan.campaignId, shard));
      // A shard that has just finished can no longer be signalled; nothing is lost then.
      const sent = signal === setLimitsSignal ? handle.signal(setLimitsSignal, state.limits) : handle.signal(signal as typeof pauseSignal);
      void sent.catch(() => undefined);
    }
  };
  setHandler(pauseSignal, () => {
    state.paused = true;
    signalShards(pauseSignal);
  });
  setHandler(resumeSignal, () => {
    state.paused = false;
    signalShards(resumeSignal);
  });
  setHandler(setLimitsSignal, (change: LimitsChange) => {
    state.limits = { ...state.limits, ...definedOnly(change) };
    signalShards(setLimitsSignal);
  });
  setHandler(progressQuery, () => {
    const done = state.succeeded + state.failed;
    const elapsedS = (Date.now() - state.startedAtMs) / 1000;
    const rate = elapsedS > 0 ? done / elapsedS : 0;
    return {
      campaignId: plan.campaignId,
      totalSimulations: plan.totalSimulations,
      totalBatches,
      completedBatches: state.completedBatches,
      succeeded: state.succeeded,
      failed: state.failed,
      shardsInFlight: inFlight.size,
      paused: state.paused,
      limits: state.limits,
      ratePerSecond: rate,
      etaSeconds: rate > 0 ? (plan.totalSimulations - done) / rate : null,
      phase,
    };
  });

  try {
    if (!carry) await bookkeeping.prepareCampaign({ campaignId: plan.campaignId });
    if (!carry && plan.verification) {
      // Follows the stored batches on its own and outlives the campaign if the reference is slow;
      // the campaign never waits for it (workflows/verification.ts says why).
      await startChild(verificationWorkflow, {
        workflowId: verificationWorkflowId(plan.campaignId),
        args: [{ campaignId: plan.campaignId, maxBatchesInFlight: VERIFICATION_BATCHES_IN_FLIGHT }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    }
    phase = 'solving';
    const firstShardOfRun = state.nextShard;
    await runBounded({
      hasNext: () => state.nextShard < totalShards,
      take: () => state.nextShard++,
      limit: () => state.limits.maxShardsInFlight,
      paused: () => state.paused,
      stop: () => state.nextShard - firstShardOfRun >= SHARDS_PER_RUN || workflowInfo().continueAsNewSuggested,
      run: async (shardIndex) => {
        const firstBatch = shardIndex * plan.shardSize;
        const count = Math.min(plan.shardSize, totalBatches - firstBatch);
        inFlight.add(shardIndex);
        try {
          const child = await startChild(shardWorkflow, {
            workflowId: shardWorkflowId(plan.campaignId, shardIndex),
            args: [
              {
                campaignId: plan.campaignId,
                shardIndex,
                firstBatch,
                batchCount: count,
                maxBatchesInFlight: state.limits.maxBatchesInFlight,
                priority: plan.priority,
                paused: state.paused,
              },
            ],
            parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
          });
          const tally = await child.result();
          state.succeeded += tally.succeeded;
          state.failed += tally.failed;
          state.completedBatches += count;
        } finally {
          inFlight.delete(shardIndex);
        }
      },
    });
  } catch (err) {
    await recordFailure(plan.campaignId, err);
    phase = 'done';
    throw err;
  }
  if (state.nextShard < totalShards) await continueAsNew<typeof campaignWorkflow>(plan, state);

  phase = 'finishing';
  await bookkeeping.finishCampaign({ campaignId: plan.campaignId, outcome: 'COMPLETED' });
  if (plan.after?.gapCheck || plan.after?.refinement) {
    // Refinement runs as its own workflow (hours of training must not keep the campaign open);
    // the campaign completes once it has started.
    await startChild(refinementWorkflow, {
      workflowId: refinementWorkflowId(plan.campaignId),
      args: [
        {
          campaignId: plan.campaignId,
          gapCheck: plan.after.gapCheck,
          refinement: plan.after.refinement,
          ...(plan.after.method ? { method: plan.after.method } : {}),
          ...(plan.after.fieldVerifications ? { fieldVerifications: plan.after.fieldVerifications } : {}),
        },
      ],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  }
  phase = 'done';
  return 'COMPLETED';
}

async function recordFailure(campaignId: string, err: unknown): Promise<void> {
  const outcome: CampaignOutcome = isCancellation(err) ? 'CANCELLED' : 'FAILED';
  // Record the outcome even though this scope may be being cancelled.
  await CancellationScope.nonCancellable(() => bookkeeping.finishCampaign({ campaignId, outcome }));
}

function definedOnly(change: LimitsChange): Partial<LimitsChange> {
  const out: Partial<LimitsChange> = {};
  if (change.maxShardsInFlight !== undefined) out.maxShardsInFlight = change.maxShardsInFlight;
  if (change.maxBatchesInFlight !== undefined) out.maxBatchesInFlight = change.maxBatchesInFlight;
  return out;
}
