// What the dashboard shows, read from the catalog (the source of truth) and, for running
// campaigns, the workflow's progress query (rate, ETA, paused, shards in flight).

import type { Client } from '@temporalio/client';
import { campaignCounts, getCampaign, listCampaigns } from '../catalog/campaigns';
import type { PrismaClient } from '../catalog/client';
import { CampaignNotFoundError, campaignStatus, type CampaignStatus } from '../control/status';
import { failuresByReason } from '../control/failures';
import { listMlJobs } from '../ml/ml-catalog';
import { shardWorkflowId } from '../../workflows/types';
import { refinementWorkflowId } from '../../workflows/refinement-types';
import { classMix } from './class-mix';

export interface DashboardDeps {
  prisma: PrismaClient;
  /** Absent: counts from the catalog only (no rate, ETA or workflow state). */
  temporal?: Client;
  /** Shared by the dashboard's requests: after a failed Temporal call, catalog counts only for a while. */
  temporalHealth?: { downUntil: number };
}

export type CampaignSummary = Pick<CampaignStatus, 'campaignId' | 'name' | 'state' | 'workflowId' | 'workflowStatus' | 'total' | 'succeeded' | 'failed' | 'coreHours' | 'percent' | 'createdAt' | 'batchesDone' | 'batchesTotal'> & {
  ratePerSecond: number | null;
  etaSeconds: number | null;
  paused: boolean;
};

// A page must not wait on a Temporal that is down: a short deadline, then catalog counts, and no
// Temporal calls for a while so every page stays fast until it is back.
const TEMPORAL_DEADLINE_MS = 3000;
const TEMPORAL_RETRY_AFTER_MS = 15_000;

async function statusOf(deps: DashboardDeps, campaignId: string, opts: { classMix?: boolean } = {}): Promise<CampaignStatus> {
  const temporal = deps.temporal;
  if (temporal && !(deps.temporalHealth && deps.temporalHealth.downUntil > Date.now())) {
    try {
      return await temporal.withDeadline(Date.now() + TEMPORAL_DEADLINE_MS, () => campaignStatus({ prisma: deps.prisma, temporal }, campaignId, opts));
    } catch (err) {
      if (err instanceof CampaignNotFoundError) throw err;
      if (deps.temporalHealth) deps.temporalHealth.downUntil = Date.now() + TEMPORAL_RETRY_AFTER_MS;
    }
  }
  return catalogStatus(deps, campaignId, temporal ? 'UNAVAILABLE' : 'UNKNOWN');
}

/** What the catalog alone says: counts and state, without the workflow's rate, ETA or status. */
async function catalogStatus(deps: DashboardDeps, campaignId: string, workflowStatus: string): Promise<CampaignStatus> {
  const c = await getCampaign(deps.prisma, campaignId);
  if (!c) throw new Error(`campaign '${campaignId}' is not in the catalog`);
  const n = await campaignCounts(deps.prisma, campaignId);
  const done = n.succeeded + n.failed;
  return {
    campaignId, name: c.name, state: c.state, workflowId: c.workflowId, workflowStatus, total: c.total, succeeded: n.succeeded, failed: n.failed,
    cached: n.cached, coreHours: n.coreSeconds / 3600, batchesDone: n.batches, batchesTotal: c.batchCount, percent: c.total ? (100 * done) / c.total : 100,
    datasetUrl: c.storeUrl, createdAt: c.createdAt.toISOString(), completedAt: c.completedAt?.toISOString() ?? null, owner: c.owner,
  };
}

function summarize(s: CampaignStatus): CampaignSummary {
  const { campaignId, name, state, workflowId, workflowStatus, total, succeeded, failed, coreHours, percent, createdAt, batchesDone, batchesTotal } = s;
  return {
    campaignId, name, state, workflowId, workflowStatus, total, succeeded, failed, coreHours, percent, createdAt, batchesDone, batchesTotal,
    ratePerSecond: s.progress?.ratePerSecond ?? null,
    etaSeconds: s.progress?.etaSeconds ?? null,
    paused: s.progress?.paused ?? false,
  };
}

export async function campaignSummaries(deps: DashboardDeps): Promise<CampaignSummary[]> {
  const rows = await listCampaigns(deps.prisma, 50);
  // The list shows no class mix: its count over each campaign's simulations is left out.
  return Promise.all(rows.map(async (c) => summarize(await statusOf(deps, c.id, { classMix: false }))));
}

export async function campaignDetail(deps: DashboardDeps, campaignId: string) {
  const status = await statusOf(deps, campaignId);
  const campaign = (await getCampaign(deps.prisma, campaignId))!;
  const spec = campaign.spec as { shardSize?: number };
  const shardSize = spec.shardSize ?? 20;
  const batches = await deps.prisma.batch.findMany({
    where: { campaignId },
    orderBy: { completedAt: 'asc' },
    select: { batchIndex: true, count: true, failed: true, completedAt: true, solveMs: true },
  });
  // Progress over time: cumulative simulations at each batch completion.
  let done = 0;
  const timeline = batches.map((b) => ({ t: b.completedAt.getTime(), done: (done += b.count), failed: b.failed, solveMs: b.solveMs }));
  const shardDone = new Map<number, number>();
  for (const b of batches) shardDone.set(Math.floor(b.batchIndex / shardSize), (shardDone.get(Math.floor(b.batchIndex / shardSize)) ?? 0) + 1);
  const shardTotal = Math.ceil(campaign.batchCount / shardSize);
  const shards = Array.from({ length: Math.min(shardTotal, 200) }, (_, k) => ({
    index: k,
    workflowId: shardWorkflowId(campaignId, k),
    batchesDone: shardDone.get(k) ?? 0,
    batchesTotal: Math.min(shardSize, campaign.batchCount - k * shardSize),
  }));
  return {
    status: summarize(status),
    datasetUrl: status.datasetUrl,
    shardsInFlight: status.progress?.shardsInFlight ?? null,
    phase: status.progress?.phase ?? null,
    timeline,
    shards,
    failures: await failuresByReason(deps.prisma, campaignId),
    refinement: status.refinement ? { ...status.refinement, workflowId: refinementWorkflowId(campaignId) } : null,
    gapReports: await gapReports(deps.prisma, campaignId),
    classMix: classMix(status.defectClasses ?? {}, status.defectClassQuotas ?? null),
    sampleIndexes: await sampleIndexes(deps.prisma, campaignId),
  };
}

export type CampaignDetail = Awaited<ReturnType<typeof campaignDetail>>;

async function gapReports(prisma: PrismaClient, campaignId: string) {
  const jobs = (await listMlJobs(prisma, campaignId)).filter((j) => j.kind === 'GAP_CHECK');
  return jobs.map((j) => {
    const metrics = j.metrics as { auc?: number; standIn?: boolean };
    const outputs = j.outputs as Record<string, string>;
    return { jobId: j.id, stage: j.stage, status: j.status, workflowId: j.workflowId, auc: metrics.auc ?? null, standIn: metrics.standIn ?? false, hasTsne: Boolean(outputs['tsne.png']) };
  });
}

/** A few succeeded simulations to offer as signal maps. */
async function sampleIndexes(prisma: PrismaClient, campaignId: string): Promise<number[]> {
  const rows = await prisma.simulation.findMany({ where: { campaignId, status: 'SUCCEEDED' }, orderBy: { index: 'asc' }, take: 8, select: { index: true } });
  return rows.map((r) => r.index);
}

export async function tsneKey(prisma: PrismaClient, campaignId: string, jobId: string): Promise<string | undefined> {
  const job = await prisma.mlJob.findUnique({ where: { id: jobId } });
  if (!job || job.campaignId !== campaignId) return undefined;
  return (job.outputs as Record<string, string>)['tsne.png'];
}
