// What the dashboard shows, read from the catalog (the source of truth) and, for running
// campaigns, the workflow's progress query (rate, ETA, paused, shards in flight).

import type { Client } from '@temporalio/client';
import { campaignCounts, getCampaign, listCampaigns } from '../catalog/campaigns';
import type { PrismaClient } from '../catalog/client';
import { CampaignNotFoundError, campaignStatus, type CampaignStatus } from '../control/status';
import { failuresByReason } from '../control/failures';
import { campaignRefinements } from '../control/refinements';
import { shardWorkflowId } from '../../workflows/types';
import { refinementWorkflowId } from '../../workflows/refinement-types';
import { classMix } from './class-mix';
import { ML_OUTPUT_NAME, refinementPanels } from './refinement-view';

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

type StatusOptions = { classMix?: boolean; refinements?: boolean };

async function statusOf(deps: DashboardDeps, campaignId: string, opts: StatusOptions = {}): Promise<CampaignStatus> {
  const temporal = deps.temporal;
  if (temporal && !(deps.temporalHealth && deps.temporalHealth.downUntil > Date.now())) {
    try {
      return await temporal.withDeadline(Date.now() + TEMPORAL_DEADLINE_MS, () => campaignStatus({ prisma: deps.prisma, temporal }, campaignId, opts));
    } catch (err) {
      if (err instanceof CampaignNotFoundError) throw err;
      if (deps.temporalHealth) deps.temporalHealth.downUntil = Date.now() + TEMPORAL_RETRY_AFTER_MS;
    }
  }
  return catalogStatus(deps, campaignId, temporal ? 'UNAVAILABLE' : 'UNKNOWN', opts);
}

/** What the catalog alone says: counts, state and the refinements' results, without the workflow's rate, ETA or status. */
async function catalogStatus(deps: DashboardDeps, campaignId: string, workflowStatus: string, opts: StatusOptions): Promise<CampaignStatus> {
  const c = await getCampaign(deps.prisma, campaignId);
  if (!c) throw new Error(`campaign '${campaignId}' is not in the catalog`);
  const n = await campaignCounts(deps.prisma, campaignId);
  const done = n.succeeded + n.failed;
  const refinements = opts.refinements === false ? [] : await campaignRefinements(deps.prisma, campaignId);
  return {
    ...(refinements.length > 0 ? { refinements } : {}),
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
  // The list shows no class mix or refinements: its count over each campaign's simulations and the ml jobs are left out.
  return Promise.all(rows.map(async (c) => summarize(await statusOf(deps, c.id, { classMix: false, refinements: false }))));
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
    refinements: refinementPanels(campaignId, status.refinements ?? [], status.refinement),
    classMix: classMix(status.defectClasses ?? {}, status.defectClassQuotas ?? null),
    sampleIndexes: await sampleIndexes(deps.prisma, campaignId),
  };
}

export type CampaignDetail = Awaited<ReturnType<typeof campaignDetail>>;

/** A few succeeded simulations to offer as signal maps. */
async function sampleIndexes(prisma: PrismaClient, campaignId: string): Promise<number[]> {
  const rows = await prisma.simulation.findMany({ where: { campaignId, status: 'SUCCEEDED' }, orderBy: { index: 'asc' }, take: 8, select: { index: true } });
  return rows.map((r) => r.index);
}

/**
 * The object key of one output file of one of the campaign's ml jobs (report.html, tsne.png,
 * maps_grid.png), or undefined: only names the job itself recorded, so no other object is reachable.
 */
export async function mlOutputKey(prisma: PrismaClient, campaignId: string, jobId: string, file: string): Promise<string | undefined> {
  if (!ML_OUTPUT_NAME.test(file)) return undefined;
  const job = await prisma.mlJob.findUnique({ where: { id: jobId }, select: { campaignId: true, outputs: true } });
  if (!job || job.campaignId !== campaignId) return undefined;
  const outputs = job.outputs as Record<string, unknown>;
  const key = Object.hasOwn(outputs, file) ? outputs[file] : undefined;
  return typeof key === 'string' ? key : undefined;
}
