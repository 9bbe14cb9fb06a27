import type { PrismaClient } from './client';

/** Where an already-solved simulation's map lives. */
export interface CachedSimulation {
  contentHash: string;
  campaignId: string;
  index: number;
  checksum: string;
  /** Rows per chunk in the source campaign's dataset. */
  batchSize: number;
  solverStats: Record<string, unknown>;
}

/**
 * Succeeded simulations with any of these content hashes, one per hash (the oldest), from any
 * campaign. A lookup on the content-hash index; nothing is solved for these again.
 */
export async function findCachedSimulations(prisma: PrismaClient, contentHashes: string[]): Promise<Map<string, CachedSimulation>> {
  if (contentHashes.length === 0) return new Map();
  const rows = await prisma.$queryRaw<
    { content_hash: string; campaign_id: string; index: number; checksum: string; batch_size: number; solver_stats: Record<string, unknown> }[]
  >`
    SELECT DISTINCT ON (s.content_hash) s.content_hash, s.campaign_id, s.index, s.checksum, c.batch_size, s.solver_stats
    FROM simulations s JOIN campaigns c ON c.id = s.campaign_id
    WHERE s.content_hash = ANY(${contentHashes}::text[]) AND s.status = 'SUCCEEDED' AND s.checksum IS NOT NULL
    ORDER BY s.content_hash, s.created_at, s.campaign_id, s.index`;
  return new Map(
    rows.map((r) => [
      r.content_hash,
      { contentHash: r.content_hash, campaignId: r.campaign_id, index: r.index, checksum: r.checksum, batchSize: r.batch_size, solverStats: r.solver_stats },
    ]),
  );
}
