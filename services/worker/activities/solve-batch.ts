import { Context } from '@temporalio/activity';
import { drawRange } from '../../campaign';
import { catalogBatch, findBatch, underBatchWriteLock } from '../../catalog/batches';
import { checksumOf, hasDefects, writeBatchArrays } from '../../store/dataset';
import type { SolveBatchInput, SolveBatchOutput } from '../../../workflows/types';
import { expansionOf, loadCampaignContext, type CampaignContext } from '../../campaign/context';
import type { ActivityDeps } from './deps';
import { classifySolverFailures } from './solver-failures';
import { depthChunk, paramVectorOf, solveSimulations, toSimulationRow, type SimulationOutcome } from './simulation-outcomes';

const HEARTBEAT_MS = 10_000;

/**
 * Solves one batch, writes its chunk of the campaign's arrays, then catalogs its simulations and
 * batch event in one transaction. A batch already cataloged is not solved again; a retry after a
 * crash rewrites the same chunk objects with the same bytes and catalogs nothing twice; an attempt
 * that finds the batch cataloged when its solve ends (another attempt won) writes nothing. The
 * check, the writes and the catalog rows happen under the batch's write lock.
 * Simulations already cataloged (same content hash, any campaign) are reused, not solved.
 */
export async function solveBatch(deps: ActivityDeps, input: SolveBatchInput): Promise<SolveBatchOutput> {
  const existing = await findBatch(deps.prisma, input.campaignId, input.batchIndex);
  if (existing) {
    return { batchIndex: input.batchIndex, succeeded: existing.succeeded, failed: existing.failed, alreadyCataloged: true, cached: existing.cached };
  }
  const ctx = await loadCampaignContext(deps, input.campaignId);
  const activity = Context.current();
  const startIndex = input.batchIndex * ctx.spec.batchSize;
  const count = Math.min(ctx.spec.batchSize, ctx.total - startIndex);
  if (count <= 0) throw new RangeError(`batch ${input.batchIndex} is outside campaign ${input.campaignId} (${ctx.total} simulations)`);
  const sims = drawRange(ctx.spec, startIndex, count, expansionOf(ctx));

  const started = performance.now();
  const outcomes = await withHeartbeat(input.batchIndex, () =>
    classifySolverFailures({ ...input, batchSize: ctx.spec.batchSize }, () =>
      solveSimulations(deps, ctx, sims, {
        signal: activity.cancellationSignal,
        ticket: { key: input.campaignId, priority: input.priority ?? 0 },
        useCache: true,
      }),
    ),
  );
  const solveMs = performance.now() - started;
  const rows = outcomes.map((o) => toSimulationRow(o, activity.info.attempt));
  const cached = outcomes.filter((o) => o.reusedFrom !== undefined).length;
  const arrays = batchArrays(ctx, outcomes, await hasDefects(deps.s3, ctx.location));
  // Under the batch's write lock: another attempt may have cataloged the batch while this one
  // solved (a retry after a timeout); its arrays stand, and a later patch of them (retry-failed)
  // must not be overwritten by this one.
  const meanwhile = await underBatchWriteLock(deps.prisma, input.campaignId, input.batchIndex, async (tx) => {
    const winner = await findBatch(tx, input.campaignId, input.batchIndex);
    if (winner) return winner;
    const locations = await writeBatchArrays(deps.s3, ctx.location, ctx.layout, { startIndex, count, ...arrays });
    activity.heartbeat({ batchIndex: input.batchIndex, written: true });
    await catalogBatch(tx, {
      campaignId: input.campaignId,
      batchIndex: input.batchIndex,
      startIndex,
      checksum: checksumOf(arrays.signals),
      locations,
      solveMs,
      cached,
      simulations: rows,
    });
    return undefined;
  });
  if (meanwhile) {
    return { batchIndex: input.batchIndex, succeeded: meanwhile.succeeded, failed: meanwhile.failed, alreadyCataloged: true, cached: meanwhile.cached };
  }
  const succeeded = rows.filter((r) => r.status === 'SUCCEEDED').length;
  return { batchIndex: input.batchIndex, succeeded, failed: count - succeeded, alreadyCataloged: false, cached };
}

/**
 * The batch's rows of `signals` (NaN for failures), `params` and, when the store has the array,
 * `defects` (NaN where signals are), in index order.
 */
export function batchArrays(ctx: CampaignContext, outcomes: SimulationOutcome[], withDefects: boolean): { signals: Float32Array; params: Float64Array; defects?: Float32Array } {
  const mapSize = ctx.layout.channels.length * ctx.grid.axialCount * ctx.grid.circumferentialCount;
  const signals = new Float32Array(outcomes.length * mapSize).fill(NaN);
  const params = new Float64Array(outcomes.length * ctx.layout.paramNames.length);
  outcomes.forEach((o, k) => {
    if (o.map) signals.set(o.map, k * mapSize);
    params.set(paramVectorOf(o), k * ctx.layout.paramNames.length);
  });
  if (!withDefects) return { signals, params };
  return { signals, params, defects: depthChunk(ctx, outcomes.map((o) => ({ defect: o.defect, succeeded: o.map !== undefined }))) };
}

/** Heartbeats while `work` runs, so a long solve is not mistaken for a dead worker. */
export async function withHeartbeat<T>(batchIndex: number, work: () => Promise<T>): Promise<T> {
  const activity = Context.current();
  activity.heartbeat({ batchIndex });
  const timer = setInterval(() => activity.heartbeat({ batchIndex }), HEARTBEAT_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
