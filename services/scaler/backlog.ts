// The campaigns' backlog as the catalog sees it: batches of running campaigns not yet completed.

import type { PrismaClientOrTransaction } from '../catalog/client';
import type { PoolDemand } from './sizing';

/** Where the scaler learns how much work is waiting. */
export interface BacklogSource {
  demand(): Promise<PoolDemand>;
}

// The spec's defaults (services/campaign/constants.ts) for campaigns stored without limits.
const DEFAULT_SHARDS_IN_FLIGHT = 4;
const DEFAULT_BATCHES_IN_FLIGHT = 8;

interface RunningCampaignRow {
  batchCount: number;
  completed: number;
  shardsInFlight: number | null;
  batchesInFlight: number | null;
}

/**
 * Backlog from PostgreSQL: per running campaign, the batches without a completed row, and the
 * parallelism its workflow allows (shards in flight x batches in flight per shard). In-flight work
 * is estimated as min(remaining, parallelism) per campaign: the workflows keep that many lanes
 * busy, so it is an upper bound that keeps pods holding running solves.
 */
export class CatalogBacklog implements BacklogSource {
  constructor(private readonly opts: { prisma: PrismaClientOrTransaction }) {}

  async demand(): Promise<PoolDemand> {
    const rows = await this.opts.prisma.$queryRaw<RunningCampaignRow[]>`
      SELECT c.batch_count AS "batchCount",
             (SELECT count(*)::int FROM batches b WHERE b.campaign_id = c.id) AS "completed",
             (c.spec #>> '{limits,maxShardsInFlight}')::int AS "shardsInFlight",
             (c.spec #>> '{limits,maxBatchesInFlight}')::int AS "batchesInFlight"
        FROM campaigns c
       WHERE c.state = 'RUNNING'`;
    let pendingBatches = 0;
    let inFlightBatches = 0;
    let maxParallelBatches = 0;
    for (const row of rows) {
      const remaining = Math.max(0, row.batchCount - row.completed);
      const parallel = (row.shardsInFlight ?? DEFAULT_SHARDS_IN_FLIGHT) * (row.batchesInFlight ?? DEFAULT_BATCHES_IN_FLIGHT);
      pendingBatches += remaining;
      maxParallelBatches += parallel;
      inFlightBatches += Math.min(remaining, parallel);
    }
    return { pendingBatches, inFlightBatches, maxParallelBatches };
  }
}
