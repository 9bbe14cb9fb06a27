import type * as Minio from 'minio';
import type { PrismaClient } from '../catalog/client';
import { getCampaign } from '../catalog/campaigns';
import { CampaignNotFoundError } from './status';
import { checksumOf, datasetPrefix, readSignals } from '../store/dataset';

export interface DatasetVerification {
  campaignId: string;
  catalogRows: number;
  distinctIndexes: number;
  succeededRows: number;
  mapsInStore: number;
  checksumMatches: number;
  mismatches: number[];
}

/** Every index cataloged once, every map matching its checksum, and a map for every succeeded row. */
export const datasetMatchesCatalog = (v: DatasetVerification): boolean =>
  v.catalogRows === v.distinctIndexes && v.mismatches.length === 0 && v.mapsInStore === v.succeededRows;

/**
 * Compares the catalog with the arrays in object storage: every succeeded simulation must have a
 * finite map whose sha256 equals its catalog checksum, and no index may be cataloged twice.
 */
export async function verifyDataset(deps: { prisma: PrismaClient; s3: Minio.Client; bucket: string }, campaignId: string): Promise<DatasetVerification> {
  const campaign = await getCampaign(deps.prisma, campaignId);
  if (!campaign) throw new CampaignNotFoundError(`campaign '${campaignId}' is not in the catalog`);
  const rows = await deps.prisma.simulation.findMany({
    where: { campaignId },
    select: { index: true, status: true, checksum: true },
    orderBy: { index: 'asc' },
  });
  const expected = new Map(rows.filter((r) => r.status === 'SUCCEEDED').map((r) => [r.index, r.checksum]));
  const location = { bucket: deps.bucket, prefix: datasetPrefix(campaignId) };
  const result: DatasetVerification = {
    campaignId,
    catalogRows: rows.length,
    distinctIndexes: new Set(rows.map((r) => r.index)).size,
    succeededRows: expected.size,
    mapsInStore: 0,
    checksumMatches: 0,
    mismatches: [],
  };
  for (let start = 0; start < campaign.total; start += campaign.batchSize) {
    const count = Math.min(campaign.batchSize, campaign.total - start);
    const { data, shape } = await readSignals(deps.s3, location, start, count);
    const mapSize = shape.slice(1).reduce((a, b) => a * b, 1);
    for (let k = 0; k < count; k++) {
      const map = data.subarray(k * mapSize, (k + 1) * mapSize);
      if (!map.every(Number.isFinite)) continue;
      result.mapsInStore++;
      if (expected.get(start + k) === checksumOf(map)) result.checksumMatches++;
      else result.mismatches.push(start + k);
    }
  }
  return result;
}
