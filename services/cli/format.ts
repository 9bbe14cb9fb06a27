import type { CampaignStatus } from '../control/status';

export function progressBar(fraction: number, width = 30): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

export function formatStatus(s: CampaignStatus, uiUrl: string): string {
  const done = s.succeeded + s.failed;
  return [
    `campaign   ${s.campaignId} (${s.name})`,
    `state      ${s.state}   workflow ${s.workflowStatus}`,
    `progress   ${progressBar(done / Math.max(1, s.total))} ${s.percent.toFixed(1)}%  ${done}/${s.total} simulations, ${s.batchesDone}/${s.batchesTotal} batches`,
    `results    ${s.succeeded} succeeded, ${s.failed} failed`,
    `dataset    ${s.datasetUrl}`,
    `workflow   ${uiUrl}`,
    `started    ${s.createdAt}${s.completedAt ? `   finished ${s.completedAt}` : ''}`,
  ].join('\n');
}

export const isFinished = (s: CampaignStatus): boolean => s.state !== 'RUNNING';
