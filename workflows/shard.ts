import { continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { solving } from './activities';
import { runBounded } from './bounded';
import { pauseSignal, resumeSignal, setLimitsSignal } from './control';
import type { BatchTally, ShardCarry, ShardInput } from './types';

// A shard never grows its history past a few thousand events, whatever its size.
const BATCHES_PER_RUN = 500;

/** Solves a contiguous range of batches, at most `maxBatchesInFlight` at a time, pausable. */
export async function shardWorkflow(input: ShardInput, carry?: ShardCarry): Promise<BatchTally> {
  const tally: BatchTally = carry?.tally ?? { succeeded: 0, failed: 0 };
  let next = carry?.nextBatch ?? 0;
  const firstOfRun = next;
  let paused = input.paused;
  let limit = input.maxBatchesInFlight;
  setHandler(pauseSignal, () => void (paused = true));
  setHandler(resumeSignal, () => void (paused = false));
  setHandler(setLimitsSignal, (change) => void (limit = change.maxBatchesInFlight ?? limit));

  await runBounded({
    hasNext: () => next < input.batchCount,
    take: () => input.firstBatch + next++,
    limit: () => limit,
    paused: () => paused,
    stop: () => next - firstOfRun >= BATCHES_PER_RUN || workflowInfo().continueAsNewSuggested,
    run: async (batchIndex) => {
      const result = await solving.solveBatch({ campaignId: input.campaignId, batchIndex, priority: input.priority });
      tally.succeeded += result.succeeded;
      tally.failed += result.failed;
    },
  });
  if (next < input.batchCount) {
    await continueAsNew<typeof shardWorkflow>({ ...input, paused, maxBatchesInFlight: limit }, { nextBatch: next, tally });
  }
  return tally;
}
