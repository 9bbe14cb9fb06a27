import type { CampaignState } from './generated';
import type { PrismaClient } from './client';

/**
 * The owner of campaigns submitted with direct catalog access (the CLI without an API address, the
 * embedded stack): no token, so no token name. API tokens cannot be named 'local'.
 */
export const LOCAL_PRINCIPAL = 'local';

export interface NewCampaign {
  id: string;
  name: string;
  spec: object;
  specHash: string;
  total: number;
  batchSize: number;
  batchCount: number;
  workflowId: string;
  storeUrl: string;
  /** The principal that submitted it (an API token's name); LOCAL_PRINCIPAL when unset. */
  owner?: string;
}

/** Registers a campaign before its workflow starts; registering the same id again is a no-op. */
export async function registerCampaign(prisma: PrismaClient, campaign: NewCampaign): Promise<void> {
  await prisma.campaign.upsert({ where: { id: campaign.id }, create: { ...campaign, owner: campaign.owner ?? LOCAL_PRINCIPAL }, update: {} });
}

export async function getCampaign(prisma: PrismaClient, id: string) {
  return prisma.campaign.findUnique({ where: { id } });
}

export async function setCampaignState(prisma: PrismaClient, id: string, state: CampaignState): Promise<void> {
  await prisma.campaign.update({ where: { id }, data: { state, completedAt: state === 'RUNNING' ? null : new Date() } });
}

export interface CampaignCounts {
  succeeded: number;
  failed: number;
  batches: number;
  /** Simulations reused from the catalog instead of solved. */
  cached: number;
  /** Solver core-seconds spent on the campaign. */
  coreSeconds: number;
}

export async function campaignCounts(prisma: PrismaClient, id: string): Promise<CampaignCounts> {
  const rows = await prisma.batch.aggregate({
    where: { campaignId: id },
    _sum: { succeeded: true, failed: true, cached: true, coreSeconds: true },
    _count: true,
  });
  return {
    succeeded: rows._sum.succeeded ?? 0,
    failed: rows._sum.failed ?? 0,
    batches: rows._count,
    cached: rows._sum.cached ?? 0,
    coreSeconds: rows._sum.coreSeconds ?? 0,
  };
}

/**
 * Cataloged simulations per POF defect class (services/campaign/defect-class.ts), in the order the
 * classes are given; simulations cataloged before classes were recorded count under `unknown`.
 */
export async function campaignClassMix(prisma: PrismaClient, id: string, classes: readonly string[]): Promise<Record<string, number>> {
  const rows = await prisma.simulation.groupBy({ by: ['defectClass'], where: { campaignId: id }, _count: { _all: true } });
  const byClass = new Map(rows.map((r) => [r.defectClass ?? 'unknown', r._count._all]));
  const mix: Record<string, number> = {};
  for (const c of [...classes, ...[...byClass.keys()].filter((k) => !classes.includes(k))]) {
    const n = byClass.get(c) ?? 0;
    if (n > 0) mix[c] = n;
  }
  return mix;
}

export async function listCampaigns(prisma: PrismaClient, limit = 50) {
  return prisma.campaign.findMany({ orderBy: { createdAt: 'desc' }, take: limit });
}

/**
 * Simulations per second over the last `windowSeconds` (or since the campaign started, if later),
 * from batch completion times in the catalog: the workflow itself only learns counts per shard.
 */
export async function recentRate(prisma: PrismaClient, id: string, windowSeconds = 60): Promise<number> {
  const [row] = await prisma.$queryRaw<{ done: number; seconds: number }[]>`
    SELECT coalesce(sum(b.count), 0)::float8 AS done,
           extract(epoch FROM least(make_interval(secs => ${windowSeconds}), now() - c.created_at))::float8 AS seconds
    FROM campaigns c LEFT JOIN batches b ON b.campaign_id = c.id AND b.completed_at > now() - make_interval(secs => ${windowSeconds})
    WHERE c.id = ${id}
    GROUP BY c.created_at`;
  return row && row.seconds > 0 ? row.done / row.seconds : 0;
}
