import { Context } from '@temporalio/activity';
import { loadCampaignContext } from '../../campaign/context';
import { latestRealDataset } from '../ml-catalog';
import { importRealData } from '../real-data';
import { generateStandIn } from '../standin/generate';
import { requireRealDataset, type MlDeps } from './context';

/**
 * The measured set a refinement run compares against: the one asked for, else the campaign's
 * newest, else a freshly generated STAND-IN set (so demos run without field data).
 */
export async function resolveRealDataset(
  deps: MlDeps,
  input: { campaignId: string; realDatasetId?: string; standInCount?: number; seed?: number },
): Promise<{ realDatasetId: string; standIn: boolean }> {
  if (input.realDatasetId) {
    const row = await requireRealDataset(deps, input.realDatasetId);
    return { realDatasetId: row.id, standIn: row.source === 'STAND_IN' };
  }
  const existing = await latestRealDataset(deps.prisma, input.campaignId);
  if (existing) return { realDatasetId: existing.id, standIn: existing.source === 'STAND_IN' };
  const ctx = await loadCampaignContext(deps, input.campaignId);
  Context.current().heartbeat({ generating: 'stand-in' });
  const set = generateStandIn(ctx.spec, ctx.grid, input.standInCount ?? 256, input.seed ?? 1);
  const row = await importRealData(
    { s3: deps.s3, bucket: deps.bucket, db: deps.prisma },
    { id: input.campaignId, grid: ctx.grid },
    {
      name: `stand-in for ${input.campaignId}`,
      source: 'STAND_IN',
      maps: { dtype: 'float32', data: set.maps, shape: [...set.shape] },
      units: 'T',
      channels: ['Bx', 'By', 'Bz'],
      labels: { dtype: 'float64', data: set.labels, shape: [set.shape[0], set.labelNames.length] },
      labelNames: set.labelNames,
    },
  );
  return { realDatasetId: row.id, standIn: true };
}
