import { ApplicationFailure, TemporalFailure, WorkflowFailedError, WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { PrismaClient } from '../catalog/client';
import { DEFECT_CLASSES } from '../campaign';
import { campaignClassMix, campaignCounts, getCampaign, recentRate } from '../catalog/campaigns';
import { verificationSummary, type VerificationSummary } from '../catalog/verification';
import { verificationWorkflowId, type CampaignProgress } from '../../workflows/types';
import { refinementWorkflowId, type RefinementProgress } from '../../workflows/refinement-types';
import { campaignRefinements, type RefinementRun } from './refinements';

export interface CampaignStatus {
  campaignId: string;
  name: string;
  state: string;
  workflowId: string;
  workflowStatus: string;
  total: number;
  succeeded: number;
  failed: number;
  /** Simulations reused from the catalog by content hash. */
  cached: number;
  /** Solver core-hours spent so far. */
  coreHours: number;
  batchesDone: number;
  batchesTotal: number;
  percent: number;
  datasetUrl: string;
  createdAt: string;
  completedAt: string | null;
  /** The principal that submitted it: an API token's name, or 'local' (direct catalog access). */
  owner: string;
  progress?: CampaignProgress;
  /** Why the campaign's workflow failed (the innermost failure, e.g. a batch the solver pool refused), when it did. */
  failure?: { type?: string; message: string };
  /** The refinement and gap checks started when the campaign completed, if its spec asked for them. */
  refinement?: { workflowId: string; status: string; progress?: RefinementProgress };
  /** Each refinement workflow run's results from the catalog (method, gap checks, training), oldest first; absent while none. */
  refinements?: RefinementRun[];
  /** The verification sample against a reference solver pool, if the spec asked for one. */
  verification?: CampaignVerification;
  /** Cataloged simulations per POF defect class, in DEFECT_CLASSES order ('unknown' last); absent while none. */
  defectClasses?: Record<string, number>;
  /** The spec's class quotas, if it has some. */
  defectClassQuotas?: Record<string, number>;
}

export interface CampaignVerification extends VerificationSummary {
  fraction: number;
  pool: string;
  mesh: string;
  workflowId: string;
  /** The verification workflow's status (it trails the campaign while the reference works). */
  workflowStatus: string;
}

export class CampaignNotFoundError extends Error {
  override readonly name = 'CampaignNotFoundError';
}

/**
 * Counts from the catalog (the source of truth) plus the workflow's own status and progress.
 * `classMix: false` leaves out the class mix, which counts the campaign's simulations (not its
 * batches), and `refinements: false` the refinements' results: for views of many campaigns at once
 * that do not show them.
 */
export async function campaignStatus(
  deps: { prisma: PrismaClient; temporal: Client },
  campaignId: string,
  opts: { classMix?: boolean; refinements?: boolean } = {},
): Promise<CampaignStatus> {
  const campaign = await getCampaign(deps.prisma, campaignId);
  if (!campaign) throw new CampaignNotFoundError(`campaign '${campaignId}' is not in the catalog`);
  const counts = await campaignCounts(deps.prisma, campaignId);
  const handle = deps.temporal.workflow.getHandle(campaign.workflowId);
  let workflowStatus = 'UNKNOWN';
  let progress: CampaignProgress | undefined;
  let failure: CampaignStatus['failure'];
  try {
    workflowStatus = (await handle.describe()).status.name;
    if (workflowStatus === 'FAILED') failure = await workflowFailure(handle);
    if (workflowStatus === 'RUNNING') {
      progress = await handle.query<CampaignProgress>('progress');
      // The catalog sees every batch as it commits; the workflow only sees finished shards.
      const rate = await recentRate(deps.prisma, campaignId);
      const remaining = campaign.total - counts.succeeded - counts.failed;
      progress = { ...progress, ratePerSecond: rate, etaSeconds: rate > 0 ? remaining / rate : null };
    }
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    workflowStatus = 'NOT_FOUND';
  }
  const done = counts.succeeded + counts.failed;
  const spec = campaign.spec as {
    after?: { gapCheck?: boolean; refinement?: boolean };
    verification?: { fraction: number; pool: string; mesh: string };
    quotas?: Record<string, number>;
  };
  const defectClasses = opts.classMix === false ? {} : await campaignClassMix(deps.prisma, campaignId, DEFECT_CLASSES);
  const refinement = spec.after?.gapCheck || spec.after?.refinement ? await refinementStatus(deps.temporal, campaignId) : undefined;
  const verification = spec.verification ? await verificationStatus(deps, campaignId, spec.verification) : undefined;
  const refinements = opts.refinements === false ? [] : await campaignRefinements(deps.prisma, campaignId);
  return {
    refinement,
    ...(refinements.length > 0 ? { refinements } : {}),
    verification,
    campaignId,
    name: campaign.name,
    state: campaign.state,
    workflowId: campaign.workflowId,
    workflowStatus,
    total: campaign.total,
    succeeded: counts.succeeded,
    failed: counts.failed,
    cached: counts.cached,
    coreHours: counts.coreSeconds / 3600,
    batchesDone: counts.batches,
    batchesTotal: campaign.batchCount,
    percent: campaign.total === 0 ? 100 : (100 * done) / campaign.total,
    datasetUrl: campaign.storeUrl,
    createdAt: campaign.createdAt.toISOString(),
    completedAt: campaign.completedAt?.toISOString() ?? null,
    owner: campaign.owner,
    progress,
    failure,
    ...(Object.keys(defectClasses).length > 0 ? { defectClasses } : {}),
    ...(spec.quotas ? { defectClassQuotas: spec.quotas } : {}),
  };
}

/** The innermost failure of a failed workflow: the activity's own error rather than the shard and campaign wrappers. */
async function workflowFailure(handle: WorkflowHandle): Promise<CampaignStatus['failure']> {
  const err = await handle.result().then(
    () => undefined,
    (e: unknown) => e,
  );
  let innermost = err instanceof WorkflowFailedError ? err.cause : err;
  // Child workflow and activity failures wrap the error that says what went wrong; stop at it.
  while (innermost instanceof TemporalFailure && !(innermost instanceof ApplicationFailure) && innermost.cause) innermost = innermost.cause;
  if (!(innermost instanceof Error)) return undefined;
  return { type: innermost instanceof ApplicationFailure ? (innermost.type ?? undefined) : undefined, message: innermost.message };
}

async function refinementStatus(temporal: Client, campaignId: string): Promise<CampaignStatus['refinement']> {
  const workflowId = refinementWorkflowId(campaignId);
  const handle = temporal.workflow.getHandle(workflowId);
  try {
    const status = (await handle.describe()).status.name;
    return { workflowId, status, progress: await handle.query<RefinementProgress>('refinementProgress') };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { workflowId, status: 'NOT_STARTED' };
    throw err;
  }
}

async function verificationStatus(
  deps: { prisma: PrismaClient; temporal: Client },
  campaignId: string,
  settings: { fraction: number; pool: string; mesh: string },
): Promise<CampaignVerification> {
  const workflowId = verificationWorkflowId(campaignId);
  let workflowStatus: string;
  try {
    workflowStatus = (await deps.temporal.workflow.getHandle(workflowId).describe()).status.name;
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    workflowStatus = 'NOT_STARTED';
  }
  const { fraction, pool, mesh } = settings;
  return { fraction, pool, mesh, workflowId, workflowStatus, ...(await verificationSummary(deps.prisma, campaignId)) };
}

/** Requests cancellation; in-flight batches are cancelled and the campaign is recorded CANCELLED. */
export async function cancelCampaign(deps: { prisma: PrismaClient; temporal: Client }, campaignId: string): Promise<void> {
  const campaign = await getCampaign(deps.prisma, campaignId);
  if (!campaign) throw new CampaignNotFoundError(`campaign '${campaignId}' is not in the catalog`);
  await deps.temporal.workflow.getHandle(campaign.workflowId).cancel();
}
