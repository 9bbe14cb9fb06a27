import { Context } from '@temporalio/activity';
import { expandRange, modelSettingsOf, simulationContentHash, toParamVector } from '../../campaign';
import { catalogBatch, findBatch, type SimulationRow } from '../../catalog/batches';
import { decodeFloat32LE } from '../../solver/signal-map';
import type { DefectCase } from '../../solver/models/types';
import { checksumOf, writeBatchArrays } from '../../store/dataset';
import type { SimulationSpec } from '../../../proto/generated/synthflux/solver/v1/SimulationSpec';
import type { SimulationResult__Output } from '../../../proto/generated/synthflux/solver/v1/SimulationResult';
import type { SolveBatchInput, SolveBatchOutput } from '../../../workflows/types';
import { loadCampaignContext, type CampaignContext } from './campaign-context';
import type { ActivityDeps } from './deps';

const HEARTBEAT_MS = 10_000;

/**
 * Solves one batch, writes its chunk of the campaign's arrays, then catalogs its simulations and
 * batch event in one transaction. A batch already cataloged is not solved again; a retry after a
 * crash rewrites the same chunk objects with the same bytes and catalogs nothing twice.
 */
export async function solveBatch(deps: ActivityDeps, input: SolveBatchInput): Promise<SolveBatchOutput> {
  const existing = await findBatch(deps.prisma, input.campaignId, input.batchIndex);
  if (existing) return { batchIndex: input.batchIndex, succeeded: existing.succeeded, failed: existing.failed, alreadyCataloged: true };

  const ctx = await loadCampaignContext(deps, input.campaignId);
  const activity = Context.current();
  const startIndex = input.batchIndex * ctx.spec.batchSize;
  const count = Math.min(ctx.spec.batchSize, ctx.total - startIndex);
  if (count <= 0) throw new RangeError(`batch ${input.batchIndex} is outside campaign ${input.campaignId} (${ctx.total} simulations)`);
  const defects = expandRange(ctx.spec, startIndex, count);
  const settings = modelSettingsOf(ctx.spec);

  const heartbeat = setInterval(() => activity.heartbeat({ batchIndex: input.batchIndex }), HEARTBEAT_MS);
  const started = performance.now();
  let response;
  try {
    activity.heartbeat({ batchIndex: input.batchIndex });
    response = await deps.solverPool.solve(
      {
        settings: { model: ctx.spec.solver.model, mesh: settings.mesh, material: settings.material ?? '' },
        grid: {
          liftOffMm: ctx.grid.liftOffMm,
          axialPitchMm: ctx.grid.axialPitchMm,
          circumferentialPitchMm: ctx.grid.circumferentialPitchMm,
          axialCount: ctx.grid.axialCount,
          circumferentialCount: ctx.grid.circumferentialCount,
        },
        simulations: defects.map((defect, k) => toSimulationSpec(startIndex + k, defect)),
      },
      activity.cancellationSignal,
    );
  } finally {
    clearInterval(heartbeat);
  }
  const solveMs = performance.now() - started;

  const mapSize = ctx.layout.channels.length * ctx.grid.axialCount * ctx.grid.circumferentialCount;
  const signals = new Float32Array(count * mapSize).fill(NaN);
  const params = new Float64Array(count * ctx.layout.paramNames.length);
  const byIndex = new Map(response.results.map((r) => [Number(r.index), r]));
  const rows: SimulationRow[] = defects.map((defect, k) => {
    const index = startIndex + k;
    const vector = toParamVector(defect);
    params.set(vector, k * vector.length);
    const outcome = readOutcome(byIndex.get(index), ctx, mapSize);
    if (outcome.map) signals.set(outcome.map, k * mapSize);
    const stats = byIndex.get(index)?.stats;
    return {
      index,
      contentHash: simulationContentHash({
        solverName: response.solverName,
        solverVersion: response.solverVersion,
        model: ctx.spec.solver.model,
        settings,
        grid: ctx.grid,
        defect,
      }),
      params: { ...defect },
      status: outcome.map ? 'SUCCEEDED' : 'FAILED',
      attempts: activity.info.attempt,
      error: outcome.error ?? null,
      solveMs: stats?.wallTimeMs ?? 0,
      solverStats: { dofs: Number(stats?.dofs ?? 0), iterations: stats?.iterations ?? 0, residual: stats?.residual ?? 0 },
      checksum: outcome.map ? checksumOf(outcome.map) : null,
    };
  });

  const locations = await writeBatchArrays(deps.s3, ctx.location, ctx.layout, { startIndex, count, signals, params });
  activity.heartbeat({ batchIndex: input.batchIndex, written: true });
  await catalogBatch(deps.prisma, {
    campaignId: input.campaignId,
    batchIndex: input.batchIndex,
    startIndex,
    checksum: checksumOf(signals),
    locations,
    solveMs,
    simulations: rows,
  });
  const succeeded = rows.filter((r) => r.status === 'SUCCEEDED').length;
  return { batchIndex: input.batchIndex, succeeded, failed: count - succeeded, alreadyCataloged: false };
}

function toSimulationSpec(index: number, defect: DefectCase): SimulationSpec {
  return {
    index: String(index),
    backgroundFieldKaPerM: defect.backgroundFieldKAPerM,
    wallThicknessMm: defect.wallThicknessMm,
    defectLengthMm: defect.defectLengthMm,
    defectWidthMm: defect.defectWidthMm,
    defectDepthPercent: defect.defectDepthPercent,
    defectSide: defect.side === 'near' ? 'DEFECT_SIDE_NEAR' : 'DEFECT_SIDE_FAR',
    defectProfile: defect.profile === 'rounded' ? 'DEFECT_PROFILE_ROUNDED' : 'DEFECT_PROFILE_RECTANGULAR',
  };
}

/** A map is accepted only with the expected shape and finite values; anything else fails the simulation with a reason. */
function readOutcome(result: SimulationResult__Output | undefined, ctx: CampaignContext, mapSize: number): { map?: Float32Array; error?: string } {
  if (!result) return { error: 'MISSING_RESULT: the solver returned no result for this simulation' };
  if (result.error) return { error: `${result.error.reason}: ${result.error.message}` };
  const map = result.signalMap;
  if (!map) return { error: 'MISSING_RESULT: the solver returned neither a map nor an error' };
  const expected = [ctx.layout.channels.length, ctx.grid.axialCount, ctx.grid.circumferentialCount];
  if (map.shape.join('x') !== expected.join('x')) return { error: `WRONG_SHAPE: expected ${expected.join('x')}, got ${map.shape.join('x')}` };
  const values = decodeFloat32LE(map.data);
  if (values.length !== mapSize) return { error: `WRONG_SHAPE: expected ${mapSize} values, got ${values.length}` };
  if (!values.every(Number.isFinite)) return { error: 'NON_FINITE: the map contains NaN or Inf' };
  return { map: values };
}
