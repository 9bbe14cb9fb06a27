// The unary read API: campaigns from the catalog, dataset manifests from object storage.

import type * as Minio from 'minio';
import type { PrismaClient } from '../catalog/client';
import { datasetPrefix, datasetUrl, manifestKey } from '../store/dataset';
import { readObject } from '../store/s3';
import type { Campaign } from '../../proto/generated/synthflux/subscriptions/v1/Campaign';
import type { Dataset } from '../../proto/generated/synthflux/subscriptions/v1/Dataset';
import { encodePageToken, type PageToken } from './validate';

export interface CatalogReadDeps {
  prisma: PrismaClient;
  s3: Minio.Client;
  bucket: string;
}

type CampaignRow = Awaited<ReturnType<PrismaClient['campaign']['findMany']>>[number];
interface Counts {
  batches: number;
  succeeded: number;
  failed: number;
}

function toCampaign(row: CampaignRow, counts: Counts | undefined): Campaign {
  return {
    campaignId: row.id,
    name: row.name,
    state: row.state,
    total: row.total,
    batchSize: row.batchSize,
    batchCount: row.batchCount,
    batchesDone: counts?.batches ?? 0,
    succeeded: counts?.succeeded ?? 0,
    failed: counts?.failed ?? 0,
    datasetUrl: row.storeUrl,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? '',
    owner: row.owner,
  };
}

async function countsOf(prisma: PrismaClient, ids: string[]): Promise<Map<string, Counts>> {
  const groups = await prisma.batch.groupBy({ by: ['campaignId'], where: { campaignId: { in: ids } }, _sum: { succeeded: true, failed: true }, _count: true });
  return new Map(groups.map((g) => [g.campaignId, { batches: g._count, succeeded: g._sum.succeeded ?? 0, failed: g._sum.failed ?? 0 }]));
}

export async function readCampaign(deps: CatalogReadDeps, id: string): Promise<Campaign | undefined> {
  const row = await deps.prisma.campaign.findUnique({ where: { id } });
  if (!row) return undefined;
  return toCampaign(row, (await countsOf(deps.prisma, [id])).get(id));
}

/** Newest first, keyset-paged on (created_at, id) so pages stay stable while campaigns are added. */
export async function readCampaignPage(deps: CatalogReadDeps, size: number, after?: PageToken): Promise<{ campaigns: Campaign[]; nextPageToken: string }> {
  const rows = await deps.prisma.campaign.findMany({
    where: after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : undefined,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: size + 1,
  });
  const page = rows.slice(0, size);
  const counts = await countsOf(deps.prisma, page.map((r) => r.id));
  const last = page[page.length - 1];
  return {
    campaigns: page.map((row) => toCampaign(row, counts.get(row.id))),
    nextPageToken: rows.length > size && last ? encodePageToken({ createdAt: last.createdAt, id: last.id }) : '',
  };
}

export type DatasetLookup = { found: true; dataset: Dataset } | { found: false; reason: string };

export async function readDataset(deps: CatalogReadDeps, id: string): Promise<DatasetLookup> {
  const row = await deps.prisma.campaign.findUnique({ where: { id }, select: { id: true } });
  if (!row) return { found: false, reason: `campaign '${id}' is not in the catalog` };
  const manifest = await readObject(deps.s3, deps.bucket, manifestKey(id));
  if (!manifest) return { found: false, reason: `campaign '${id}' has no manifest yet (its dataset is created when the campaign starts)` };
  const loc = { bucket: deps.bucket, prefix: datasetPrefix(id) };
  return {
    found: true,
    dataset: { campaignId: id, format: 'zarr-v3', bucket: loc.bucket, prefix: loc.prefix, datasetUrl: datasetUrl(loc), manifestJson: manifest.toString('utf8') },
  };
}
