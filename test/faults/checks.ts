// What "nothing lost" means after a fault, checked against the real servers: the catalog, the
// objects in the bucket and what the subscriber received.

import type * as Minio from 'minio';
import type { PrismaClient } from '../../services/catalog/client';
import { verifyDataset } from '../../services/control/verify';
import { datasetPrefix } from '../../services/store/dataset';
import type { Subscriber } from './subscriber';

export interface CampaignCheck {
  rows: number;
  succeeded: number;
  duplicates: number;
  mapsMatching: number;
  mismatches: number;
  orphanObjects: string[];
  incompleteUploads: number;
  batchesCataloged: number;
  subscriberBatches: number;
  subscriberRepeats: number;
  /** Rows whose batch needed more than one attempt: evidence the fault hit work in flight. */
  retriedRows: number;
  problems: string[];
}

async function listKeys(s3: Minio.Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const item of s3.listObjectsV2(bucket, `${prefix}/`, true) as AsyncIterable<{ name?: string }>) if (item.name) keys.push(item.name);
  return keys;
}

async function countIncompleteUploads(s3: Minio.Client, bucket: string, prefix: string): Promise<number> {
  let n = 0;
  for await (const _ of s3.listIncompleteUploads(bucket, `${prefix}/`, true) as AsyncIterable<unknown>) n++;
  return n;
}

export async function checkCampaign(
  deps: { prisma: PrismaClient; s3: Minio.Client; bucket: string; subscriber: Subscriber },
  campaignId: string,
  expected: { simulations: number; batches: number },
): Promise<CampaignCheck> {
  const [dup] = await deps.prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*)::bigint AS n FROM (SELECT index FROM simulations WHERE campaign_id = ${campaignId} GROUP BY index HAVING count(*) > 1) d`;
  const verification = await verifyDataset(deps, campaignId);
  const batches = await deps.prisma.batch.findMany({ where: { campaignId }, select: { batchIndex: true } });
  const cataloged = new Set(batches.map((b) => b.batchIndex));
  const prefix = datasetPrefix(campaignId);
  // Every chunk object (`…/<array>/c/<batch>/0/…`) must belong to a cataloged batch.
  const orphanObjects = (await listKeys(deps.s3, deps.bucket, prefix)).filter((key) => {
    const m = /\/c\/(\d+)(\/|$)/.exec(key);
    return m !== null && !cataloged.has(Number(m[1]));
  });
  const seen = deps.subscriber.seen.get(campaignId) ?? new Map<number, number>();
  const check: CampaignCheck = {
    rows: verification.catalogRows,
    succeeded: verification.succeededRows,
    duplicates: Number(dup?.n ?? 0),
    mapsMatching: verification.checksumMatches,
    mismatches: verification.mismatches.length,
    orphanObjects,
    incompleteUploads: await countIncompleteUploads(deps.s3, deps.bucket, prefix),
    batchesCataloged: cataloged.size,
    subscriberBatches: seen.size,
    subscriberRepeats: [...seen.values()].filter((n) => n > 1).length,
    retriedRows: await deps.prisma.simulation.count({ where: { campaignId, attempts: { gt: 1 } } }),
    problems: [],
  };
  const n = expected.simulations;
  const want: [boolean, string][] = [
    [check.rows === n, `${check.rows} catalog rows, expected ${n}`],
    [check.succeeded === n, `${check.succeeded} succeeded rows, expected ${n}`],
    [check.duplicates === 0 && verification.distinctIndexes === check.rows, `${check.duplicates} duplicated indexes`],
    [check.mapsMatching === n && check.mismatches === 0, `${check.mapsMatching} maps match their checksum, ${check.mismatches} mismatch, expected ${n}`],
    [orphanObjects.length === 0, `orphaned objects: ${orphanObjects.slice(0, 3).join(', ')}`],
    [check.incompleteUploads === 0, `${check.incompleteUploads} incomplete multipart uploads`],
    [check.batchesCataloged === expected.batches, `${check.batchesCataloged} batches cataloged, expected ${expected.batches}`],
    [check.subscriberBatches === expected.batches, `subscriber saw ${check.subscriberBatches} of ${expected.batches} batches`],
    [check.subscriberRepeats === 0, `subscriber saw ${check.subscriberRepeats} batches more than once`],
  ];
  check.problems = want.filter(([ok]) => !ok).map(([, why]) => why);
  return check;
}
