import { Context } from '@temporalio/activity';
import { drawRange, drawSimulation } from '../../campaign';
import { batchesWithFailures, failedSimulations, recordRetriedSimulations, underBatchWriteLock } from '../../catalog/batches';
import { DEFECTS_ARRAY, checksumOf, hasDefects, readSignals } from '../../store/dataset';
import { writeRows } from '../../store/zarr-arrays';
import type { BatchTally } from '../../../workflows/types';
import { expansionOf, loadCampaignContext } from '../../campaign/context';
import type { ActivityDeps } from './deps';
import { classifySolverFailures } from './solver-failures';
import { depthChunk, solveSimulations, toSimulationRow } from './simulation-outcomes';
import { withHeartbeat } from './solve-batch';

export async function listBatchesWithFailures(deps: ActivityDeps, input: { campaignId: string; afterBatch: number; limit: number }): Promise<number[]> {
  return batchesWithFailures(deps.prisma, input.campaignId, input.afterBatch, input.limit);
}

/**
 * Solves a batch's failed simulations again (never from the cache: they have no map to reuse),
 * patches their rows into the batch's chunk and updates their catalog rows, under the batch's write
 * lock. Safe to repeat: only rows still FAILED under the lock are patched and recorded.
 */
export async function retryFailedBatch(deps: ActivityDeps, input: { campaignId: string; batchIndex: number; priority?: number }): Promise<BatchTally> {
  const failed = await failedSimulations(deps.prisma, input.campaignId, input.batchIndex);
  if (failed.length === 0) return { succeeded: 0, failed: 0 };
  const ctx = await loadCampaignContext(deps, input.campaignId);
  const activity = Context.current();
  const expansion = expansionOf(ctx);
  const sims = failed.map((row) => drawSimulation(ctx.spec, row.index, expansion));
  const outcomes = await withHeartbeat(input.batchIndex, () =>
    classifySolverFailures({ ...input, batchSize: ctx.spec.batchSize }, () =>
      solveSimulations(deps, ctx, sims, { signal: activity.cancellationSignal, ticket: { key: input.campaignId, priority: input.priority ?? 0 }, useCache: false }),
    ),
  );

  const startIndex = input.batchIndex * ctx.spec.batchSize;
  const count = Math.min(ctx.spec.batchSize, ctx.total - startIndex);
  const recorded = await underBatchWriteLock(deps.prisma, input.campaignId, input.batchIndex, async (tx) => {
    // Another attempt of this retry may have recorded some of them while this one solved.
    const stillFailed = new Set((await failedSimulations(tx, input.campaignId, input.batchIndex)).map((row) => row.index));
    const fresh = outcomes.filter((o) => stillFailed.has(o.index));
    if (fresh.length === 0) return fresh;
    const { data: signals } = await readSignals(deps.s3, ctx.location, startIndex, count);
    const mapSize = signals.length / count;
    for (const o of fresh) if (o.map) signals.set(o.map, (o.index - startIndex) * mapSize);
    // The batch's params chunk was written with the batch and does not change; its maps and, where
    // the store has them, its depth maps do.
    await writeRows(deps.s3, ctx.location, 'signals', startIndex, signals);
    if (await hasDefects(deps.s3, ctx.location)) {
      // The depth maps are rewritten whole from the batch's draws and its rows' statuses (a depth map
      // is a function of the defect alone), so they match the signals whatever the chunk held.
      const succeeded = new Set((await tx.simulation.findMany({ where: { campaignId: input.campaignId, batchIndex: input.batchIndex, status: 'SUCCEEDED' }, select: { index: true } })).map((r) => r.index));
      for (const o of fresh) if (o.map) succeeded.add(o.index);
      const rows = drawRange(ctx.spec, startIndex, count, expansion).map((draw) => ({ defect: draw.defect, succeeded: succeeded.has(draw.index) }));
      await writeRows(deps.s3, ctx.location, DEFECTS_ARRAY, startIndex, depthChunk(ctx, rows));
    }
    await recordRetriedSimulations(tx, input.campaignId, input.batchIndex, checksumOf(signals), fresh.map((o) => toSimulationRow(o, 0)));
    return fresh;
  });
  const succeeded = recorded.filter((o) => o.map).length;
  return { succeeded, failed: recorded.length - succeeded };
}
