// Wraps the worker's solveBatch activity with metrics and a structured log line carrying the
// campaign, shard (the calling workflow) and batch ids. Failure reasons come from the catalog rows
// the batch just wrote, so the activity code itself stays unchanged.

import { Context } from '@temporalio/activity';
import type { PrismaClient } from '../catalog/client';
import type { Logger } from '../logging/logger';
import type { CampaignActivities } from './activities';
import { failureReason, type WorkerMetrics } from '../metrics/worker-metrics';

export function instrumentActivities(activities: CampaignActivities, deps: { metrics: WorkerMetrics; logger: Logger; prisma: PrismaClient }): CampaignActivities {
  const { metrics, logger, prisma } = deps;
  const solveBatch: CampaignActivities['solveBatch'] = async (input) => {
    const info = Context.current().info;
    const log = logger.child({ campaignId: input.campaignId, shard: info.workflowExecution?.workflowId, batch: input.batchIndex, attempt: info.attempt });
    const started = performance.now();
    try {
      const out = await activities.solveBatch(input);
      const seconds = (performance.now() - started) / 1000;
      metrics.batchSeconds.observe({ outcome: 'ok' }, seconds);
      if (!out.alreadyCataloged) await recordOutcomes(prisma, metrics, input.campaignId, input.batchIndex, out.succeeded);
      log.info({ succeeded: out.succeeded, failed: out.failed, cached: out.cached, seconds, alreadyCataloged: out.alreadyCataloged }, 'batch done');
      return out;
    } catch (err) {
      metrics.batchSeconds.observe({ outcome: 'error' }, (performance.now() - started) / 1000);
      log.warn({ err }, 'batch failed');
      throw err;
    }
  };
  return { ...activities, solveBatch };
}

async function recordOutcomes(prisma: PrismaClient, metrics: WorkerMetrics, campaignId: string, batchIndex: number, succeeded: number): Promise<void> {
  metrics.simulations.inc({ outcome: 'succeeded', reason: '' }, succeeded);
  const rows = await prisma.simulation.findMany({ where: { campaignId, batchIndex }, select: { status: true, error: true, solveMs: true } });
  for (const row of rows) {
    if (row.status === 'FAILED') metrics.simulations.inc({ outcome: 'failed', reason: failureReason(row.error) });
    else if (row.solveMs > 0) metrics.solveSeconds.observe(row.solveMs / 1000);
  }
}
