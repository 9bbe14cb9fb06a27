// Payloads that travel through Temporal. None of them grows with the campaign: shards carry index
import type { RefinementMethod } from './refinement-types';
// ranges, never parameter lists or maps.

export const CAMPAIGN_TASK_QUEUE = 'synthflux-campaigns';
/** Verification activities have their own queue, so slow reference solves never take a batch's slot. */
export const VERIFICATION_TASK_QUEUE = 'synthflux-verification';

export const campaignWorkflowId = (campaignId: string): string => `campaign-${campaignId}`;
export const shardWorkflowId = (campaignId: string, shardIndex: number): string => `campaign-${campaignId}-shard-${shardIndex}`;
export const SOLVER_SCALING_WORKFLOW_ID = 'solver-scaling';
export const retryFailedWorkflowId = (campaignId: string): string => `campaign-${campaignId}-retry-failed`;
export const verificationWorkflowId = (campaignId: string): string => `campaign-${campaignId}-verification`;

export interface CampaignLimits {
  maxShardsInFlight: number;
  maxBatchesInFlight: number;
}

export interface CampaignPlan extends CampaignLimits {
  campaignId: string;
  totalSimulations: number;
  batchSize: number;
  /** Batches per shard (child workflow). */
  shardSize: number;
  /** Higher goes first when campaigns share the solver pool (-10..10). */
  priority: number;
  /** What runs once the campaign has completed (a refinement workflow of its own). */
  after?: { gapCheck: boolean; refinement: boolean; method?: RefinementMethod; fieldVerifications?: string };
  /** The spec has a verification sample: a verification workflow follows the stored batches. */
  verification?: boolean;
}

/** Carried across continue-as-new so a long campaign resumes where the previous run stopped. */
export interface CampaignCarry {
  nextShard: number;
  succeeded: number;
  failed: number;
  completedBatches: number;
  paused: boolean;
  limits: CampaignLimits;
  /** Workflow time (ms) when the campaign started solving, for rate and ETA. */
  startedAtMs: number;
}

export interface ShardInput {
  campaignId: string;
  shardIndex: number;
  firstBatch: number;
  batchCount: number;
  maxBatchesInFlight: number;
  priority: number;
  paused: boolean;
}

/** Carried across a shard's continue-as-new. */
export interface ShardCarry {
  nextBatch: number;
  tally: BatchTally;
}

export interface BatchTally {
  succeeded: number;
  failed: number;
}

export interface SolveBatchInput {
  campaignId: string;
  batchIndex: number;
  priority?: number;
}

export interface SolveBatchOutput extends BatchTally {
  batchIndex: number;
  /** True when the batch was already cataloged by an earlier attempt and nothing was redone. */
  alreadyCataloged: boolean;
  /** Simulations reused from the catalog by content hash instead of being solved. */
  cached: number;
}

export type CampaignOutcome = 'COMPLETED' | 'FAILED' | 'CANCELLED';

export interface CampaignProgress {
  campaignId: string;
  totalSimulations: number;
  totalBatches: number;
  completedBatches: number;
  succeeded: number;
  failed: number;
  shardsInFlight: number;
  paused: boolean;
  limits: CampaignLimits;
  /** Simulations per second since solving started (workflow time). */
  ratePerSecond: number;
  /** Seconds to completion at the current rate; null until there is a rate. */
  etaSeconds: number | null;
  phase: 'preparing' | 'solving' | 'finishing' | 'done';
}

export interface RetryFailedInput {
  campaignId: string;
  maxBatchesInFlight: number;
  priority: number;
  /** Resume point across continue-as-new: batches after this index. */
  afterBatch?: number;
  retried?: BatchTally;
}

export interface VerificationTally {
  sampled: number;
  succeeded: number;
  failed: number;
}

export interface VerificationInput {
  campaignId: string;
  /** Batches verified at once for this campaign. */
  maxBatchesInFlight: number;
  /** Resume point across continue-as-new: the outbox cursor of the last batch verified. */
  afterCursor?: string;
  tally?: VerificationTally;
}

/** A page of a campaign's stored batches (outbox cursor order) and the campaign's catalog state. */
export interface VerificationBatches {
  batches: { cursor: string; batchIndex: number }[];
  campaignState: 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
}

export function batchCount(plan: Pick<CampaignPlan, 'totalSimulations' | 'batchSize'>): number {
  return Math.ceil(plan.totalSimulations / plan.batchSize);
}

export function shardCount(plan: Pick<CampaignPlan, 'totalSimulations' | 'batchSize' | 'shardSize'>): number {
  return Math.ceil(batchCount(plan) / plan.shardSize);
}
