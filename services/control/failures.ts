// A campaign's failed simulations with their reasons: what `synthflux campaign failures` prints,
// the Control API's ListFailures answers and the dashboard shows.

import type { PrismaClient } from '../catalog/client';
import { getCampaign } from '../catalog/campaigns';
import { CampaignNotFoundError } from './status';

export interface FailureGroup {
  /** The REASON prefix of the errors (`REASON: ...`), or OTHER. */
  reason: string;
  count: number;
  /** Up to 3 errors, lowest index first. */
  samples: string[];
  /** Up to 5 indexes, lowest first. */
  indexes: number[];
}

export interface FailedSimulation {
  index: number;
  batchIndex: number;
  attempts: number;
  error: string | null;
}

export interface CampaignFailures {
  campaignId: string;
  groups: FailureGroup[];
  /** One entry per failed simulation (lowest index first, at most `limit`) when asked for; else empty. */
  simulations: FailedSimulation[];
}

export const MAX_FAILURES_LISTED = 100_000;

/** Failed simulations grouped by the REASON prefix of their error, with a few samples each. */
export async function failuresByReason(prisma: PrismaClient, campaignId: string): Promise<FailureGroup[]> {
  const rows = await prisma.$queryRaw<{ reason: string; count: bigint; samples: string[]; indexes: number[] }[]>`
    SELECT COALESCE(NULLIF(substring(error from '^([A-Z][A-Z0-9_]+):'), ''), 'OTHER') AS reason, COUNT(*)::bigint AS count,
           (array_agg(error ORDER BY index))[1:3] AS samples, (array_agg(index ORDER BY index))[1:5] AS indexes
    FROM simulations WHERE campaign_id = ${campaignId} AND status = 'FAILED' GROUP BY 1 ORDER BY 2 DESC`;
  return rows.map((r) => ({ reason: r.reason, count: Number(r.count), samples: r.samples, indexes: r.indexes }));
}

/** The groups, plus each failed simulation (up to `list`, 1..MAX_FAILURES_LISTED) when `list` is given. */
export async function campaignFailures(prisma: PrismaClient, campaignId: string, list?: number): Promise<CampaignFailures> {
  if (list !== undefined && !(Number.isInteger(list) && list >= 1 && list <= MAX_FAILURES_LISTED)) {
    throw new RangeError(`limit: must be an integer between 1 and ${MAX_FAILURES_LISTED} (got ${list})`);
  }
  if (!(await getCampaign(prisma, campaignId))) throw new CampaignNotFoundError(`campaign '${campaignId}' is not in the catalog`);
  const groups = await failuresByReason(prisma, campaignId);
  const simulations =
    list === undefined
      ? []
      : await prisma.simulation.findMany({
          where: { campaignId, status: 'FAILED' },
          orderBy: { index: 'asc' },
          take: list,
          select: { index: true, batchIndex: true, attempts: true, error: true },
        });
  return { campaignId, groups, simulations };
}
