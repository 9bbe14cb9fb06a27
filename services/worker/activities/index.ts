import { createMlActivities } from '../../ml/activities';
import { withScanLibraries, type ActivityDeps } from './deps';
import { finishCampaign, prepareCampaign, refreshManifest } from './lifecycle';
import { listBatchesWithFailures, retryFailedBatch } from './retry-failed';
import { solveBatch } from './solve-batch';

export type { ActivityDeps } from './deps';

/** The campaign activities, bound to their dependencies. Workflows import this type only. */
export function createActivities(given: ActivityDeps) {
  const deps = withScanLibraries(given);
  return {
    prepareCampaign: (input: { campaignId: string }) => prepareCampaign(deps, input),
    solveBatch: (input: Parameters<typeof solveBatch>[1]) => solveBatch(deps, input),
    finishCampaign: (input: Parameters<typeof finishCampaign>[1]) => finishCampaign(deps, input),
    ...createMlActivities(deps),
    refreshManifest: (input: { campaignId: string }) => refreshManifest(deps, input),
    listBatchesWithFailures: (input: Parameters<typeof listBatchesWithFailures>[1]) => listBatchesWithFailures(deps, input),
    retryFailedBatch: (input: Parameters<typeof retryFailedBatch>[1]) => retryFailedBatch(deps, input),
  };
}

export type CampaignActivities = ReturnType<typeof createActivities>;
