// Verification samples: the sampled simulations of a stored batch are solved again by the
// campaign's reference solver pool and both maps' agreement is cataloged. These activities run on
// their own task queue (VERIFICATION_TASK_QUEUE, workflows/verification.ts): reference failures are
// recorded in the catalog, never thrown at the campaign, and a slow reference never holds a slot
// that a production batch needs.

import { Context } from '@temporalio/activity';
import { expandSimulation, inVerificationSample, modelSettingsOf, type VerificationSettings } from '../../campaign';
import { getCampaign } from '../../catalog/campaigns';
import { addPendingSamples, batchEventsAfter, pendingSamples, recordSample, type SampleOutcome } from '../../catalog/verification';
import { mapAgreement } from '../../solver/models/signal-figures';
import { solveBatchRequest } from '../../solver/request';
import { checksumOf, readSignals } from '../../store/dataset';
import type { VerificationBatches, VerificationTally } from '../../../workflows/types';
import type { VerificationPool } from '../verification-pools';
import { expansionOf, loadCampaignContext, type CampaignContext } from '../../campaign/context';
import { withScanLibraries, type ActivityDeps } from './deps';
import { readOutcome } from './simulation-outcomes';
import { withHeartbeat } from './solve-batch';

/** The campaign's cataloged batches after `afterCursor` (commit order), and whether more can come. */
export async function nextVerificationBatches(deps: ActivityDeps, input: { campaignId: string; afterCursor: string; limit: number }): Promise<VerificationBatches> {
  // The state first: a campaign seen finished has all its batch events committed already.
  const campaign = await getCampaign(deps.prisma, input.campaignId);
  const batches = await batchEventsAfter(deps.prisma, input.campaignId, input.afterCursor, input.limit);
  return { batches, campaignState: campaign?.state ?? 'CANCELLED' };
}

/**
 * Verifies one stored batch: its SUCCEEDED simulations in the sample become PENDING rows, then
 * each pending one is solved by the reference pool (one call each, so the pool spreads them over
 * its endpoints) and compared with the stored production map. Safe to repeat: rows already
 * compared or failed are not touched again.
 */
export async function verifyBatch(deps: ActivityDeps, input: { campaignId: string; batchIndex: number }): Promise<VerificationTally> {
  const ctx = await loadCampaignContext(deps, input.campaignId);
  const settings = ctx.spec.verification;
  if (!settings) return { sampled: 0, succeeded: 0, failed: 0 };
  const sims = await deps.prisma.simulation.findMany({
    where: { campaignId: input.campaignId, batchIndex: input.batchIndex, status: 'SUCCEEDED' },
    select: { index: true, batchIndex: true, contentHash: true, checksum: true },
  });
  const sampled = sims.filter((s) => inVerificationSample(s.contentHash, settings.fraction));
  await addPendingSamples(deps.prisma, input.campaignId, settings.pool, settings.mesh, sampled);
  const pending = await pendingSamples(deps.prisma, input.campaignId, input.batchIndex);
  const tally: VerificationTally = { sampled: sampled.length, succeeded: 0, failed: 0 };
  if (pending.length === 0) return tally;

  const record = async (index: number, outcome: SampleOutcome): Promise<void> => {
    await recordSample(deps.prisma, input.campaignId, index, outcome);
    if (outcome.agreement) tally.succeeded++;
    else tally.failed++;
  };
  const pool = deps.verificationPools?.get(settings.pool);
  if (!pool) {
    const known = [...(deps.verificationPools?.keys() ?? [])];
    const error = `NO_POOL: this worker has no verification pool '${settings.pool}' (VERIFICATION_SOLVER_POOLS names ${known.length > 0 ? known.join(', ') : 'none'})`;
    for (const row of pending) await record(row.index, { error });
    return tally;
  }

  const checksums = new Map(sims.map((s) => [s.index, s.checksum]));
  const production = await productionMaps(deps, ctx, input.batchIndex);
  const signal = Context.current().cancellationSignal;
  await withHeartbeat(input.batchIndex, () =>
    Promise.all(
      pending.map(async (row) => {
        const map = production(row.index);
        if (checksumOf(map) !== checksums.get(row.index)) {
          return record(row.index, { error: 'STORED_MAP_CHANGED: the stored production map no longer matches its catalog checksum' });
        }
        return record(row.index, await compareWithReference(pool, ctx, settings, row.index, map, signal));
      }),
    ),
  );
  return tally;
}

/** The batch's stored signal rows, one map per index. */
async function productionMaps(deps: ActivityDeps, ctx: CampaignContext, batchIndex: number): Promise<(index: number) => Float32Array> {
  const start = batchIndex * ctx.spec.batchSize;
  const count = Math.min(ctx.spec.batchSize, ctx.total - start);
  const { data } = await readSignals(deps.s3, ctx.location, start, count);
  const size = data.length / count;
  return (index) => data.subarray((index - start) * size, (index - start + 1) * size);
}

async function compareWithReference(
  pool: VerificationPool,
  ctx: CampaignContext,
  settings: VerificationSettings,
  index: number,
  production: Float32Array,
  signal: AbortSignal,
): Promise<SampleOutcome> {
  let reference: SampleOutcome['reference'];
  try {
    reference = await pool.identity(signal);
    const request = solveBatchRequest(ctx.spec.solver.model, { ...modelSettingsOf(ctx.spec), mesh: settings.mesh }, ctx.grid, [{ index, defect: expandSimulation(ctx.spec, index, expansionOf(ctx)) }]);
    const response = await pool.solve(request, signal, { key: `verification:${ctx.campaignId}`, priority: ctx.spec.priority });
    const result = response.results.find((r) => Number(r.index) === index);
    const referenceSolveMs = result?.stats?.wallTimeMs ?? undefined;
    const { map, error } = readOutcome(result, ctx);
    if (!map) return { reference, referenceSolveMs, error };
    const a = mapAgreement(production, map, ctx.grid);
    return {
      reference,
      referenceSolveMs,
      agreement: {
        bzPeakToPeakMt: a.map.bzPeakToPeakMt,
        bxPeakMt: a.map.bxPeakMt,
        referenceBzPeakToPeakMt: a.reference.bzPeakToPeakMt,
        referenceBxPeakMt: a.reference.bxPeakMt,
        bzPeakToPeakDiffPercent: a.bzPeakToPeakDiffPercent,
        bxPeakDiffPercent: a.bxPeakDiffPercent,
        correlationBx: a.correlation.bx,
        correlationBy: a.correlation.by,
        correlationBz: a.correlation.bz,
      },
    };
  } catch (err) {
    // A cancelled activity stops; any other failure of the reference is this sample's result.
    if (signal.aborted) throw err;
    return { reference, error: `REFERENCE_FAILED: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** The verification activities (their own task queue). Workflows import this type only. */
export function createVerificationActivities(given: ActivityDeps) {
  const deps = withScanLibraries(given);
  return {
    nextVerificationBatches: (input: Parameters<typeof nextVerificationBatches>[1]) => nextVerificationBatches(deps, input),
    verifyBatch: (input: Parameters<typeof verifyBatch>[1]) => verifyBatch(deps, input),
  };
}

export type VerificationActivities = ReturnType<typeof createVerificationActivities>;
