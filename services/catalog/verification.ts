// Verification samples in the catalog (prisma/migrations/0007_verification): one row per sampled
// simulation, PENDING until the reference solver's map has been compared with the stored one.
import type { PrismaClient } from './client';

export interface SampledSimulation {
  index: number;
  batchIndex: number;
  contentHash: string;
}

/** Cataloged batch completions of a campaign after `afterCursor`, in commit order (the outbox). */
export async function batchEventsAfter(prisma: PrismaClient, campaignId: string, afterCursor: string, limit: number): Promise<{ cursor: string; batchIndex: number }[]> {
  const rows = await prisma.batchEvent.findMany({
    where: { campaignId, cursor: { gt: BigInt(afterCursor) } },
    select: { cursor: true, batchIndex: true },
    orderBy: { cursor: 'asc' },
    take: limit,
  });
  return rows.map((r) => ({ cursor: r.cursor.toString(), batchIndex: r.batchIndex }));
}

/** Adds the sampled simulations as PENDING rows; rows already there (an earlier attempt) are left alone. */
export async function addPendingSamples(prisma: PrismaClient, campaignId: string, pool: string, referenceMesh: string, sims: SampledSimulation[]): Promise<void> {
  if (sims.length === 0) return;
  await prisma.$executeRaw`
    INSERT INTO verification_samples (campaign_id, index, batch_index, content_hash, pool, reference_mesh, updated_at)
    SELECT ${campaignId}, u.index, u.batch_index, u.content_hash, ${pool}, ${referenceMesh}, now()
    FROM unnest(${sims.map((s) => s.index)}::int[], ${sims.map((s) => s.batchIndex)}::int[], ${sims.map((s) => s.contentHash)}::text[])
      AS u(index, batch_index, content_hash)
    ON CONFLICT (campaign_id, index) DO NOTHING`;
}

/** The batch's samples still waiting for the reference solver. */
export async function pendingSamples(prisma: PrismaClient, campaignId: string, batchIndex: number) {
  return prisma.verificationSample.findMany({ where: { campaignId, batchIndex, status: 'PENDING' }, orderBy: { index: 'asc' } });
}

export interface SampleOutcome {
  reference?: { name: string; version: string };
  /** Present when both maps were compared. */
  agreement?: {
    bzPeakToPeakMt: number;
    bxPeakMt: number;
    referenceBzPeakToPeakMt: number;
    referenceBxPeakMt: number;
    bzPeakToPeakDiffPercent: number | null;
    bxPeakDiffPercent: number | null;
    correlationBx: number | null;
    correlationBy: number | null;
    correlationBz: number | null;
  };
  referenceSolveMs?: number;
  /** Why no comparison was made (the reference failed, the stored map is unreadable). */
  error?: string;
}

/** Records a sample's outcome: SUCCEEDED with both maps' figures, or FAILED with the reason. */
export async function recordSample(prisma: PrismaClient, campaignId: string, index: number, outcome: SampleOutcome): Promise<void> {
  await prisma.verificationSample.update({
    where: { campaignId_index: { campaignId, index } },
    data: {
      status: outcome.agreement ? 'SUCCEEDED' : 'FAILED',
      referenceSolver: outcome.reference?.name ?? null,
      referenceVersion: outcome.reference?.version ?? null,
      ...outcome.agreement,
      referenceSolveMs: outcome.referenceSolveMs ?? null,
      error: outcome.agreement ? null : (outcome.error ?? 'no comparison was made'),
      attempts: { increment: 1 },
    },
  });
}

export interface VerificationSummary {
  sampled: number;
  succeeded: number;
  failed: number;
  pending: number;
  /** Over the SUCCEEDED samples; null while there are none. */
  bzPeakToPeakAbsDiffPercent: { median: number; max: number } | null;
  bxPeakAbsDiffPercent: { median: number; max: number } | null;
  /** Lowest Pearson correlation of any channel (Bx, By, Bz) of any sample. */
  minCorrelation: number | null;
  /** Reference solvers that answered (name version). */
  referenceSolvers: string[];
  /** The most frequent failure reason, with its count. */
  topFailure: { error: string; count: number } | null;
}

/** Counts and agreement figures of a campaign's verification sample, aggregated in PostgreSQL. */
export async function verificationSummary(prisma: PrismaClient, campaignId: string): Promise<VerificationSummary> {
  const [row] = await prisma.$queryRaw<
    {
      sampled: number;
      succeeded: number;
      failed: number;
      bz_median: number | null;
      bz_max: number | null;
      bx_median: number | null;
      bx_max: number | null;
      min_corr: number | null;
      solvers: string[] | null;
    }[]
  >`
    SELECT count(*)::int AS sampled,
           count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS succeeded,
           count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY abs(bz_peak_to_peak_diff_percent)) FILTER (WHERE status = 'SUCCEEDED') AS bz_median,
           max(abs(bz_peak_to_peak_diff_percent)) FILTER (WHERE status = 'SUCCEEDED') AS bz_max,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY abs(bx_peak_diff_percent)) FILTER (WHERE status = 'SUCCEEDED') AS bx_median,
           max(abs(bx_peak_diff_percent)) FILTER (WHERE status = 'SUCCEEDED') AS bx_max,
           min(least(correlation_bx, correlation_by, correlation_bz)) FILTER (WHERE status = 'SUCCEEDED') AS min_corr,
           array_agg(DISTINCT reference_solver || ' ' || reference_version) FILTER (WHERE reference_solver IS NOT NULL) AS solvers
    FROM verification_samples WHERE campaign_id = ${campaignId}`;
  const [top] = await prisma.$queryRaw<{ error: string; count: number }[]>`
    SELECT error, count(*)::int AS count FROM verification_samples
    WHERE campaign_id = ${campaignId} AND status = 'FAILED'
    GROUP BY error ORDER BY count DESC, error LIMIT 1`;
  const pair = (median: number | null | undefined, max: number | null | undefined) => (median == null || max == null ? null : { median, max });
  return {
    sampled: row?.sampled ?? 0,
    succeeded: row?.succeeded ?? 0,
    failed: row?.failed ?? 0,
    pending: (row?.sampled ?? 0) - (row?.succeeded ?? 0) - (row?.failed ?? 0),
    bzPeakToPeakAbsDiffPercent: pair(row?.bz_median, row?.bz_max),
    bxPeakAbsDiffPercent: pair(row?.bx_median, row?.bx_max),
    minCorrelation: row?.min_corr ?? null,
    referenceSolvers: row?.solvers ?? [],
    topFailure: top ?? null,
  };
}
