import type { PrismaClient, PrismaClientOrTransaction } from './client';

export interface SimulationRow {
  index: number;
  contentHash: string;
  params: Record<string, number | string>;
  /** POF 100 anomaly dimension class of the defect; null where it is not known. */
  defectClass: string | null;
  status: 'SUCCEEDED' | 'FAILED';
  attempts: number;
  error: string | null;
  solveMs: number;
  solverStats: Record<string, unknown>;
  coreSeconds: number;
  checksum: string | null;
}

export interface BatchRecord {
  campaignId: string;
  batchIndex: number;
  startIndex: number;
  checksum: string;
  locations: string[];
  solveMs: number;
  /** Simulations reused from the catalog. */
  cached: number;
  simulations: SimulationRow[];
}

/**
 * Runs `work` in a transaction that holds the batch's write lock (a transaction-scoped advisory
 * lock on campaign and batch index). Every writer of a batch's rows in the store (solveBatch and
 * retry-failed) checks the catalog, writes its chunks and records them under this lock, so a stale
 * attempt (one Temporal already timed out and retried) can never overwrite chunks that a later
 * writer patched: under the lock it finds the batch cataloged and writes nothing.
 */
export async function underBatchWriteLock<T>(prisma: PrismaClient, campaignId: string, batchIndex: number, work: (tx: PrismaClientOrTransaction) => Promise<T>): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${campaignId}), ${batchIndex}::int)`;
      return work(tx);
    },
    // The lock is held across a batch's store writes, which take seconds when the store is slow.
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/**
 * Catalogs a solved batch in the caller's transaction: every simulation row (one bulk INSERT over
 * unnest arrays), the batch row and its batch-completed event in the outbox. Rows already there
 * from an earlier attempt are left alone, so a retry catalogs nothing twice. Returns false if the
 * batch was already cataloged.
 */
export async function catalogBatch(tx: PrismaClientOrTransaction, batch: BatchRecord): Promise<boolean> {
  const sims = batch.simulations;
  const succeeded = sims.filter((s) => s.status === 'SUCCEEDED').length;
  const failed = sims.length - succeeded;
  const locations = JSON.stringify(batch.locations);
  const coreSeconds = sims.reduce((sum, s) => sum + s.coreSeconds, 0);
  const inserted = await tx.$executeRaw`
    INSERT INTO batches (campaign_id, batch_index, start_index, count, succeeded, failed, checksum, locations, solve_ms, core_seconds, cached)
    VALUES (${batch.campaignId}, ${batch.batchIndex}, ${batch.startIndex}, ${sims.length}, ${succeeded}, ${failed},
            ${batch.checksum}, ${locations}::jsonb, ${Math.round(batch.solveMs)}, ${coreSeconds}, ${batch.cached})
    ON CONFLICT (campaign_id, batch_index) DO NOTHING`;
  if (inserted === 0) return false;
  await tx.$executeRaw`
    INSERT INTO simulations (campaign_id, index, batch_index, content_hash, params, status, attempts, error, solve_ms, solver_stats, core_seconds, checksum, defect_class)
    SELECT ${batch.campaignId}, u.index, ${batch.batchIndex}, u.content_hash, u.params::jsonb, u.status::"SimulationStatus",
           u.attempts, u.error, u.solve_ms, u.solver_stats::jsonb, u.core_seconds, u.checksum, u.defect_class
    FROM unnest(
      ${sims.map((s) => s.index)}::int[],
      ${sims.map((s) => s.contentHash)}::text[],
      ${sims.map((s) => JSON.stringify(s.params))}::text[],
      ${sims.map((s) => s.status)}::text[],
      ${sims.map((s) => s.attempts)}::int[],
      ${sims.map((s) => s.error)}::text[],
      ${sims.map((s) => s.solveMs)}::float8[],
      ${sims.map((s) => JSON.stringify(s.solverStats))}::text[],
      ${sims.map((s) => s.coreSeconds)}::float8[],
      ${sims.map((s) => s.checksum)}::text[],
      ${sims.map((s) => s.defectClass)}::text[]
    ) AS u(index, content_hash, params, status, attempts, error, solve_ms, solver_stats, core_seconds, checksum, defect_class)
    ON CONFLICT (campaign_id, index) DO NOTHING`;
  await tx.$executeRaw`
    INSERT INTO batch_events (campaign_id, batch_index, start_index, count, succeeded, failed, checksum, locations)
    VALUES (${batch.campaignId}, ${batch.batchIndex}, ${batch.startIndex}, ${sims.length}, ${succeeded}, ${failed},
            ${batch.checksum}, ${locations}::jsonb)
    ON CONFLICT (campaign_id, batch_index, revision) DO NOTHING`;
  return true;
}

export async function findBatch(prisma: PrismaClientOrTransaction, campaignId: string, batchIndex: number) {
  return prisma.batch.findUnique({ where: { campaignId_batchIndex: { campaignId, batchIndex } } });
}

/** Failed simulations of one batch, for retry-failed. */
export async function failedSimulations(prisma: PrismaClientOrTransaction, campaignId: string, batchIndex: number) {
  return prisma.simulation.findMany({ where: { campaignId, batchIndex, status: 'FAILED' }, orderBy: { index: 'asc' } });
}

/** Batches that still have failed simulations, in order, a page at a time. */
export async function batchesWithFailures(prisma: PrismaClient, campaignId: string, afterBatch: number, limit: number): Promise<number[]> {
  const rows = await prisma.batch.findMany({
    where: { campaignId, failed: { gt: 0 }, batchIndex: { gt: afterBatch } },
    select: { batchIndex: true },
    orderBy: { batchIndex: 'asc' },
    take: limit,
  });
  return rows.map((r) => r.batchIndex);
}

/**
 * Records re-solved simulations of a batch, in the caller's transaction (under the batch's write
 * lock): each row changes only if it is still FAILED, so a retried retry changes nothing twice; the
 * batch's counts are recomputed from its rows. When the batch's checksum changed, it marks the batch's earlier events superseded and
 * appends a revision event to the outbox (the next revision number, the new checksum and counts),
 * so subscribers learn that the batch's rows were rewritten; a retry that changed nothing changes
 * no event.
 */
export async function recordRetriedSimulations(tx: PrismaClientOrTransaction, campaignId: string, batchIndex: number, batchChecksum: string, rows: SimulationRow[]): Promise<void> {
  for (const r of rows) {
    await tx.$executeRaw`
      UPDATE simulations SET status = ${r.status}::"SimulationStatus", attempts = attempts + 1, error = ${r.error},
        solve_ms = ${r.solveMs}, solver_stats = ${JSON.stringify(r.solverStats)}::jsonb, core_seconds = core_seconds + ${r.coreSeconds},
        checksum = ${r.checksum}
      WHERE campaign_id = ${campaignId} AND index = ${r.index} AND status = 'FAILED'`;
  }
  await tx.$executeRaw`
    UPDATE batches b SET succeeded = s.succeeded, failed = s.failed, core_seconds = s.core_seconds, checksum = ${batchChecksum}
    FROM (SELECT count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS succeeded, count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
                 coalesce(sum(core_seconds), 0) AS core_seconds
          FROM simulations WHERE campaign_id = ${campaignId} AND batch_index = ${batchIndex}) s
    WHERE b.campaign_id = ${campaignId} AND b.batch_index = ${batchIndex}`;
  // Readers learn that an event's rows were rewritten from this flag (one column, no lookup per row).
  await tx.$executeRaw`
    UPDATE batch_events e SET superseded = true
    FROM batches b
    WHERE b.campaign_id = ${campaignId} AND b.batch_index = ${batchIndex}
      AND e.campaign_id = b.campaign_id AND e.batch_index = b.batch_index AND NOT e.superseded AND e.checksum <> b.checksum`;
  // Last statement of the transaction: the outbox cursor is drawn under a lock held until the
  // commit (migration 0002), so it must not wait on anything else.
  await tx.$executeRaw`
    INSERT INTO batch_events (campaign_id, batch_index, start_index, count, succeeded, failed, checksum, locations, revision)
    SELECT b.campaign_id, b.batch_index, b.start_index, b.count, b.succeeded, b.failed, b.checksum, b.locations, latest.revision + 1
    FROM batches b
    CROSS JOIN LATERAL (SELECT e.revision, e.checksum FROM batch_events e
                        WHERE e.campaign_id = b.campaign_id AND e.batch_index = b.batch_index
                        ORDER BY e.revision DESC LIMIT 1) latest
    WHERE b.campaign_id = ${campaignId} AND b.batch_index = ${batchIndex} AND latest.checksum <> b.checksum`;
}
