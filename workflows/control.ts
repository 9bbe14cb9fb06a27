import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CampaignProgress } from './types';

// Control of a running campaign. The campaign workflow forwards each signal to its in-flight
// shards, so a pause or a new limit takes effect at the next batch boundary everywhere.

export interface LimitsChange {
  maxShardsInFlight?: number;
  maxBatchesInFlight?: number;
}

/** Stop starting new batches; batches already running finish and are cataloged. */
export const pauseSignal = defineSignal('pause');
export const resumeSignal = defineSignal('resume');
export const setLimitsSignal = defineSignal<[LimitsChange]>('setLimits');
export const progressQuery = defineQuery<CampaignProgress>('progress');
