import type { Client } from '@temporalio/client';
import { CAMPAIGN_TASK_QUEUE, retryFailedWorkflowId, type BatchTally } from '../../workflows/types';
import type { LimitsChange } from '../../workflows/control';
import type { retryFailedWorkflow } from '../../workflows/retry-failed';
import type { PrismaClient } from '../catalog/client';
import { getCampaign } from '../catalog/campaigns';
import { CampaignNotFoundError } from './status';

type Deps = { prisma: PrismaClient; temporal: Client };

async function campaignOrThrow(deps: Deps, campaignId: string) {
  const campaign = await getCampaign(deps.prisma, campaignId);
  if (!campaign) throw new CampaignNotFoundError(`campaign '${campaignId}' is not in the catalog`);
  return campaign;
}

/** Running batches finish and are cataloged; no new batch starts until resume. */
export async function pauseCampaign(deps: Deps, campaignId: string): Promise<void> {
  const campaign = await campaignOrThrow(deps, campaignId);
  await deps.temporal.workflow.getHandle(campaign.workflowId).signal('pause');
}

export async function resumeCampaign(deps: Deps, campaignId: string): Promise<void> {
  const campaign = await campaignOrThrow(deps, campaignId);
  await deps.temporal.workflow.getHandle(campaign.workflowId).signal('resume');
}

export async function setCampaignLimits(deps: Deps, campaignId: string, change: LimitsChange): Promise<void> {
  for (const [field, value] of Object.entries(change)) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= 1000)) {
      throw new RangeError(`${field}: must be an integer between 1 and 1000 (got ${value})`);
    }
  }
  const campaign = await campaignOrThrow(deps, campaignId);
  await deps.temporal.workflow.getHandle(campaign.workflowId).signal('setLimits', change);
}

/** Starts solving the campaign's failed simulations again; returns the retry workflow's id. */
export async function retryFailed(deps: Deps, campaignId: string, opts: { wait?: boolean } = {}): Promise<{ workflowId: string; result?: BatchTally }> {
  const campaign = await campaignOrThrow(deps, campaignId);
  if (campaign.state === 'RUNNING') throw new RangeError(`campaign '${campaignId}' is still running: retry its failures once it has finished`);
  const spec = campaign.spec as { limits?: { maxBatchesInFlight?: number }; priority?: number };
  const workflowId = retryFailedWorkflowId(campaignId);
  const handle = await deps.temporal.workflow.start<typeof retryFailedWorkflow>('retryFailedWorkflow', {
    taskQueue: CAMPAIGN_TASK_QUEUE,
    workflowId,
    args: [{ campaignId, maxBatchesInFlight: spec.limits?.maxBatchesInFlight ?? 4, priority: spec.priority ?? 0 }],
    // A finished retry may be run again; a running one is not started twice.
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
  });
  return { workflowId, result: opts.wait ? await handle.result() : undefined };
}
