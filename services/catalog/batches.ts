import type { PrismaClient } from './client';

export interface SimulationRow {
  index: number;
  contentHash: string;
  params: Record<string, number | string>;
  status: 'SUCCEEDED' | 'FAILED';
  attempts: number;
  error: string | null;
  solveMs: number;
  solverStats: Record<string, number | string>;
  checksum: string | null;
}

export interface BatchRecord {
  campaignId: string;
  batchIndex: number;
  startIndex: number;
  checksum: string;
  locations: string[];
  solveMs: number;
  simulations: SimulationRow[];
}

/**
 * Catalogs a solved batch in one transaction: every simulation row (one bulk INSERT over unnest
 * arrays), the batch row and its batch-completed event in the outbox. Rows already there from an
 * earlier attempt are left alone, so a retry catalogs nothing twice. Returns false if the batch
 * was already cataloged.
 */
export async function catalogBatch(prisma: PrismaClient, batch: BatchRecord): Promise<boolean> {
  const sims = batch.simulations;
  const succeeded = sims.filter((s) => s.status === 'SUCCEEDED').length;
  const failed = sims.length - succeeded;
  const locations = JSON.stringify(batch.locations);
  return prisma.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO batches (campaign_id, batch_index, start_index, count, succeeded, failed, checksum, locations, solve_ms)
      VALUES (${batch.campaignId}, ${batch.batchIndex}, ${batch.startIndex}, ${sims.length}, ${succeeded}, ${failed},
              ${batch.checksum}, ${locations}::jsonb, ${Math.round(batch.solveMs)})
      ON CONFLICT (campaign_id, batch_index) DO NOTHING`;
    if (inserted === 0) return false;
    await tx.$executeRaw`
      INSERT INTO simulations (campaign_id, index, batch_index, content_hash, params, status, attempts, error, solve_ms, solver_stats, checksum)
      SELECT ${batch.campaignId}, u.index, ${batch.batchIndex}, u.content_hash, u.params::jsonb, u.status::"SimulationStatus",
             u.attempts, u.error, u.solve_ms, u.solver_stats::jsonb, u.checksum
      FROM unnest(
        ${sims.map((s) => s.index)}::int[],
        ${sims.map((s) => s.contentHash)}::text[],
        ${sims.map((s) => JSON.stringify(s.params))}::text[],
        ${sims.map((s) => s.status)}::text[],
        ${sims.map((s) => s.attempts)}::int[],
        ${sims.map((s) => s.error)}::text[],
        ${sims.map((s) => s.solveMs)}::float8[],
        ${sims.map((s) => JSON.stringify(s.solverStats))}::text[],
        ${sims.map((s) => s.checksum)}::text[]
      ) AS u(index, content_hash, params, status, attempts, error, solve_ms, solver_stats, checksum)
      ON CONFLICT (campaign_id, index) DO NOTHING`;
    await tx.$executeRaw`
      INSERT INTO batch_events (campaign_id, batch_index, start_index, count, succeeded, failed, checksum, locations)
      VALUES (${batch.campaignId}, ${batch.batchIndex}, ${batch.startIndex}, ${sims.length}, ${succeeded}, ${failed},
              ${batch.checksum}, ${locations}::jsonb)
      ON CONFLICT (campaign_id, batch_index) DO NOTHING`;
    return true;
  });
}

export async function findBatch(prisma: PrismaClient, campaignId: string, batchIndex: number) {
  return prisma.batch.findUnique({ where: { campaignId_batchIndex: { campaignId, batchIndex } } });
}
