// Payloads that travel through Temporal. None of them grows with the campaign: shards carry index
// ranges, never parameter lists or maps.

export const CAMPAIGN_TASK_QUEUE = 'synthflux-campaigns';

export const campaignWorkflowId = (campaignId: string): string => `campaign-${campaignId}`;
export const shardWorkflowId = (campaignId: string, shardIndex: number): string => `campaign-${campaignId}-shard-${shardIndex}`;

export interface CampaignPlan {
  campaignId: string;
  totalSimulations: number;
  batchSize: number;
  /** Batches per shard (child workflow). */
  shardSize: number;
  maxShardsInFlight: number;
  maxBatchesInFlight: number;
}

/** Carried across continue-as-new so a long campaign resumes where the previous run stopped. */
export interface CampaignCarry {
  nextShard: number;
  succeeded: number;
  failed: number;
  completedBatches: number;
}

export interface ShardInput {
  campaignId: string;
  shardIndex: number;
  firstBatch: number;
  batchCount: number;
  maxBatchesInFlight: number;
}

export interface BatchTally {
  succeeded: number;
  failed: number;
}

export interface SolveBatchInput {
  campaignId: string;
  batchIndex: number;
}

export interface SolveBatchOutput extends BatchTally {
  batchIndex: number;
  /** True when the batch was already cataloged by an earlier attempt and nothing was redone. */
  alreadyCataloged: boolean;
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
  phase: 'preparing' | 'solving' | 'finishing' | 'done';
}

export function batchCount(plan: Pick<CampaignPlan, 'totalSimulations' | 'batchSize'>): number {
  return Math.ceil(plan.totalSimulations / plan.batchSize);
}

export function shardCount(plan: Pick<CampaignPlan, 'totalSimulations' | 'batchSize' | 'shardSize'>): number {
  return Math.ceil(batchCount(plan) / plan.shardSize);
}
