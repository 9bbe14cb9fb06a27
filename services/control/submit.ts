import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { campaignTotal, specHash, type CampaignSpec } from '../campaign';
import type { PrismaClient } from '../catalog/client';
import { LOCAL_PRINCIPAL, registerCampaign } from '../catalog/campaigns';
import { assertSpecFitsPool, type SolverLimitsSource } from './solver-limits';
import { datasetPrefix, datasetUrl } from '../store/dataset';
import { CAMPAIGN_TASK_QUEUE, batchCount, campaignWorkflowId, type CampaignPlan } from '../../workflows/types';
import type { campaignWorkflow } from '../../workflows/campaign';

export interface ControlDeps {
  prisma: PrismaClient;
  temporal: Client;
  bucket: string;
  /** The solver pool's limits; when given, a spec the pool would refuse is rejected before anything starts. */
  solverLimits?: SolverLimitsSource;
}

export interface SubmittedCampaign {
  campaignId: string;
  workflowId: string;
  total: number;
  batches: number;
  datasetUrl: string;
}

export const newCampaignId = (name: string): string => `${name}-${randomBytes(4).toString('hex')}`;

/**
 * Checks a validated spec against the solver pool's limits (when deps.solverLimits is given; a
 * CampaignSpecError names each field it would refuse), catalogs it and starts its
 * CampaignWorkflow. The workflow id is derived from the campaign id, so submitting the same id
 * twice starts one workflow. `owner` is the submitting principal (an API token's name); the first
 * registration of an id keeps its owner.
 */
export async function submitCampaign(deps: ControlDeps, spec: CampaignSpec, campaignId = newCampaignId(spec.name), owner = LOCAL_PRINCIPAL): Promise<SubmittedCampaign> {
  await assertSpecFitsPool(spec, deps.solverLimits);
  const total = campaignTotal(spec);
  const plan: CampaignPlan = {
    campaignId,
    totalSimulations: total,
    batchSize: spec.batchSize,
    shardSize: spec.shardSize,
    maxShardsInFlight: spec.limits.maxShardsInFlight,
    maxBatchesInFlight: spec.limits.maxBatchesInFlight,
    priority: spec.priority,
    after: { gapCheck: spec.after.gapCheck, refinement: spec.after.refinement },
    ...(spec.verification ? { verification: true } : {}),
  };
  const workflowId = campaignWorkflowId(campaignId);
  const url = datasetUrl({ bucket: deps.bucket, prefix: datasetPrefix(campaignId) });
  await registerCampaign(deps.prisma, {
    id: campaignId,
    name: spec.name,
    spec,
    specHash: specHash(spec),
    total,
    batchSize: spec.batchSize,
    batchCount: batchCount(plan),
    workflowId,
    storeUrl: url,
    owner,
  });
  await deps.temporal.workflow
    .start<typeof campaignWorkflow>('campaignWorkflow', {
      taskQueue: CAMPAIGN_TASK_QUEUE,
      workflowId,
      args: [plan],
      memo: { name: spec.name, total },
    })
    .catch((err: unknown) => {
      if ((err as { name?: string }).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
    });
  return { campaignId, workflowId, total, batches: batchCount(plan), datasetUrl: url };
}
