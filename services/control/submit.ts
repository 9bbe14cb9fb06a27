import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { CampaignSpecError, campaignTotal, specHash, type CampaignSpec } from '../campaign';
import { getLibrary } from '../library';
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

/**
 * A scan campaign's spec with its library pinned at the catalog's content hash, so that every
 * worker draws from the same content even if the library is imported again under its name. A
 * library that is not cataloged, or not at a pinned hash, refuses the spec naming scan.library.
 */
export async function pinScanLibrary(prisma: PrismaClient, spec: CampaignSpec): Promise<CampaignSpec> {
  if (spec.sampler !== 'scan') return spec;
  const library = await getLibrary(prisma, spec.scan.library);
  const refuse = (path: string, message: string): never => {
    throw new CampaignSpecError([{ path, message }], { source: 'for the defect libraries' });
  };
  if (!library) return refuse('scan.library', `no defect library named '${spec.scan.library}' (synthflux defects list shows them; defects import or defects stand-in makes one)`);
  const pinned = spec.scan.libraryContentHash;
  if (pinned !== undefined && pinned !== library.contentHash) return refuse('scan.libraryContentHash', `library '${library.name}' has content hash ${library.contentHash}, not ${pinned}`);
  return { ...spec, scan: { ...spec.scan, libraryContentHash: library.contentHash } };
}

export const newCampaignId = (name: string): string => `${name}-${randomBytes(4).toString('hex')}`;

/**
 * Checks a validated spec against the solver pool's limits (when deps.solverLimits is given; a
 * CampaignSpecError names each field it would refuse), catalogs it and starts its
 * CampaignWorkflow. The workflow id is derived from the campaign id, so submitting the same id
 * twice starts one workflow. `owner` is the submitting principal (an API token's name); the first
 * registration of an id keeps its owner.
 */
export async function submitCampaign(deps: ControlDeps, given: CampaignSpec, campaignId = newCampaignId(given.name), owner = LOCAL_PRINCIPAL): Promise<SubmittedCampaign> {
  await assertSpecFitsPool(given, deps.solverLimits);
  const spec = await pinScanLibrary(deps.prisma, given);
  const total = campaignTotal(spec);
  const plan: CampaignPlan = {
    campaignId,
    totalSimulations: total,
    batchSize: spec.batchSize,
    shardSize: spec.shardSize,
    maxShardsInFlight: spec.limits.maxShardsInFlight,
    maxBatchesInFlight: spec.limits.maxBatchesInFlight,
    priority: spec.priority,
    after: { ...spec.after },
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
