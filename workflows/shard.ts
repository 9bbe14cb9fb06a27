import type { BatchTally, ShardInput } from './types';
import { solving } from './activities';

/** Solves a contiguous range of batches, at most `maxBatchesInFlight` at a time. */
export async function shardWorkflow(input: ShardInput): Promise<BatchTally> {
  const tally: BatchTally = { succeeded: 0, failed: 0 };
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < input.batchCount) {
      const batchIndex = input.firstBatch + next++;
      const result = await solving.solveBatch({ campaignId: input.campaignId, batchIndex });
      tally.succeeded += result.succeeded;
      tally.failed += result.failed;
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.maxBatchesInFlight, input.batchCount) }, lane));
  return tally;
}
