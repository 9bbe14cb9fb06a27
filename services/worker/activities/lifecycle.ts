import { DEFECT_CLASSES, DEFECT_CLASS_DEFINITIONS } from '../../campaign';
import { GEOMETRIC_PARAMETER_MIN_MM } from '../../campaign/defect-class';
import { campaignClassMix, campaignCounts, getCampaign, setCampaignState } from '../../catalog/campaigns';
import { sensorCells } from '../../domain/raster';
import { DEFECTS_ARRAY, createDataset, datasetUrl, defectsAttributes, hasDefects, manifestKey, writeManifest } from '../../store/dataset';
import type { CampaignOutcome } from '../../../workflows/types';
import { loadCampaignContext, type CampaignContext } from '../../campaign/context';
import type { ActivityDeps } from './deps';

export const MANIFEST_VERSION = 1;

/**
 * The dataset manifest: what a reader needs to use the arrays without synthflux. `defects: false`
 * for a store created before depth maps were stored (it has no `defects` array).
 */
export function buildManifest(ctx: CampaignContext, extra: Record<string, unknown> = {}, opts: { defects: boolean } = { defects: true }): Record<string, unknown> {
  return {
    manifestVersion: MANIFEST_VERSION,
    campaignId: ctx.campaignId,
    name: ctx.spec.name,
    dataset: datasetUrl(ctx.location),
    format: 'zarr-v3',
    arrays: {
      signals: {
        path: 'signals',
        shape: [ctx.total, ctx.layout.channels.length, ctx.layout.axialCount, ctx.layout.circumferentialCount],
        dimensions: ['simulation', 'channel', 'axial', 'circumferential'],
        dtype: 'float32',
        units: 'T',
        channels: [...ctx.layout.channels],
        chunkRows: ctx.layout.batchSize,
        missingValue: 'NaN (failed or not yet solved simulations)',
      },
      params: { path: 'params', shape: [ctx.total, ctx.layout.paramNames.length], dtype: 'float64', names: [...ctx.layout.paramNames] },
      ...(opts.defects
        ? {
            defects: {
              path: DEFECTS_ARRAY,
              shape: [ctx.total, ctx.layout.axialCount, ctx.layout.circumferentialCount],
              dimensions: ['simulation', 'axial', 'circumferential'],
              dtype: 'float32',
              chunkRows: ctx.layout.batchSize,
              ...defectsAttributes(sensorCells(ctx.grid)),
            },
          }
        : {}),
    },
    sensorGrid: {
      liftOffMm: ctx.grid.liftOffMm,
      axialPitchMm: ctx.grid.axialPitchMm,
      circumferentialPitchMm: ctx.grid.circumferentialPitchMm,
      axialCount: ctx.grid.axialCount,
      circumferentialCount: ctx.grid.circumferentialCount,
      coordinates: 'x axial (magnetizing direction), y circumferential, z normal to the wall towards the sensors; grid centred on the defect',
    },
    // Each simulation's class is in the catalog (simulations.defect_class and params.defectClass)
    // and follows from its params row by these rules; the counts per class are in `defectClassCounts`.
    defectClasses: {
      standard: 'POF 100 (Pipeline Operators Forum, Specifications and requirements for in-line inspection of pipelines, 2016): anomaly dimension classes',
      geometricParameter: `A = wall thickness if at least ${GEOMETRIC_PARAMETER_MIN_MM} mm, else ${GEOMETRIC_PARAMETER_MIN_MM} mm`,
      lengthAndWidth: 'L = defectLength_mm (axial), W = defectWidth_mm (circumferential)',
      definitions: Object.fromEntries(DEFECT_CLASSES.map((c) => [c, DEFECT_CLASS_DEFINITIONS[c]])),
      quotas: ctx.spec.quotas ?? null,
    },
    solver: ctx.spec.solver,
    spec: ctx.spec,
    ...extra,
  };
}

/** Creates the campaign's Zarr group, arrays and manifest; safe to repeat. */
export async function prepareCampaign(deps: ActivityDeps, input: { campaignId: string }): Promise<void> {
  const ctx = await loadCampaignContext(deps, input.campaignId);
  const manifest = buildManifest(ctx, { state: 'RUNNING' });
  await createDataset(deps.s3, ctx.location, ctx.layout, { synthflux: manifest }, sensorCells(ctx.grid));
  await writeManifest(deps.s3, deps.bucket, manifestKey(input.campaignId), manifest);
}

/** Records the campaign's outcome in the catalog and its final counts in the manifest. */
export async function finishCampaign(deps: ActivityDeps, input: { campaignId: string; outcome: CampaignOutcome }): Promise<void> {
  await setCampaignState(deps.prisma, input.campaignId, input.outcome);
  await refreshManifest(deps, input);
}

/** Rewrites the manifest with the catalog's current state and counts. */
export async function refreshManifest(deps: ActivityDeps, input: { campaignId: string }): Promise<void> {
  const ctx = await loadCampaignContext(deps, input.campaignId);
  const counts = await campaignCounts(deps.prisma, input.campaignId);
  const defectClassCounts = await campaignClassMix(deps.prisma, input.campaignId, DEFECT_CLASSES);
  const campaign = await getCampaign(deps.prisma, input.campaignId);
  await writeManifest(
    deps.s3,
    deps.bucket,
    manifestKey(input.campaignId),
    buildManifest(
      ctx,
      { state: campaign?.state, completedAt: campaign?.completedAt?.toISOString() ?? null, counts, defectClassCounts },
      { defects: await hasDefects(deps.s3, ctx.location) },
    ),
  );
}
