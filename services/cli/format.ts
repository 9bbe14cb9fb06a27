import type { CampaignStatusView as CampaignStatus } from '../control/api-messages';

export function progressBar(fraction: number, width = 30): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.round((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

function rateLine(s: CampaignStatus): string {
  const p = s.progress;
  if (!p) return '';
  const eta = p.etaSeconds === null ? 'ETA unknown' : `ETA ${formatDuration(p.etaSeconds)}`;
  return `  ${p.ratePerSecond.toFixed(1)} sim/s  ${eta}${p.paused ? '  PAUSED' : ''}`;
}

export function formatStatus(s: CampaignStatus, uiUrl: string): string {
  const done = s.succeeded + s.failed;
  return [
    `campaign   ${s.campaignId} (${s.name})`,
    `state      ${s.state}   workflow ${s.workflowStatus}`,
    `progress   ${progressBar(done / Math.max(1, s.total))} ${s.percent.toFixed(1)}%  ${done}/${s.total} simulations, ${s.batchesDone}/${s.batchesTotal} batches${rateLine(s)}`,
    `results    ${s.succeeded} succeeded, ${s.failed} failed, ${s.cached} reused from the catalog`,
    ...(s.defectClasses || s.defectClassQuotas ? [classLine(s)] : []),
    `cost       ${s.coreHours.toFixed(4)} solver core-hours`,
    `dataset    ${s.datasetUrl}`,
    `workflow   ${uiUrl}`,
    `started    ${s.createdAt}${s.completedAt ? `   finished ${s.completedAt}` : ''}`,
    `owner      ${s.owner}`,
    ...(s.failure ? [`failure    ${s.failure.type ? `${s.failure.type}: ` : ''}${s.failure.message}`] : []),
    ...(s.refinement ? [refinementLine(s.refinement)] : []),
    ...(s.verification ? verificationLines(s.verification) : []),
  ].join('\n');
}

/** Cataloged simulations per POF defect class with their share, and each class's quota when the spec set some. */
export function classLine(s: Pick<CampaignStatus, 'defectClasses' | 'defectClassQuotas'>): string {
  const counts = s.defectClasses ?? {};
  const quotas = s.defectClassQuotas ?? {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const names = [...Object.keys(counts), ...Object.keys(quotas).filter((c) => !(c in counts))];
  const parts = names.map((c) => {
    const n = counts[c] ?? 0;
    const share = total > 0 ? ` ${((100 * n) / total).toFixed(1)} %` : '';
    const quota = c in quotas ? ` (quota ${+(quotas[c]! * 100).toFixed(4)} %)` : '';
    return `${c} ${n}${share}${quota}`;
  });
  return `classes    ${parts.length > 0 ? parts.join(', ') : '-'}`;
}

/** The verification sample: counts, then how far the production maps are from the reference's. */
export function verificationLines(v: NonNullable<CampaignStatus['verification']>): string[] {
  const pct = (x: number): string => `${x.toFixed(2)} %`;
  const spread = (d: { median: number; max: number } | null): string => (d ? `median ${pct(d.median)}, max ${pct(d.max)}` : '-');
  const against = v.referenceSolvers.length > 0 ? v.referenceSolvers.join(', ') : `pool ${v.pool}`;
  const lines = [
    `verify     ${v.sampled} sampled (${+(v.fraction * 100).toFixed(4)} % to ${against}, mesh ${v.mesh}): ${v.succeeded} done, ${v.failed} failed, ${v.pending} pending   workflow ${v.workflowStatus}`,
  ];
  if (v.succeeded > 0) {
    lines.push(`           |diff| Bz p-p ${spread(v.bzPeakToPeakAbsDiffPercent)}; Bx peak ${spread(v.bxPeakAbsDiffPercent)}; min correlation ${v.minCorrelation === null ? '-' : v.minCorrelation.toFixed(4)}`);
  }
  if (v.topFailure) lines.push(`           failed ${v.topFailure.count}x: ${v.topFailure.error}`);
  return lines;
}

function refinementLine(r: NonNullable<CampaignStatus['refinement']>): string {
  const p = r.progress;
  if (!p) return `refinement ${r.status} (${r.workflowId})`;
  const auc = (g?: { auc: number; standIn: boolean }): string => (g ? ` AUC ${g.auc.toFixed(3)}${g.standIn ? ' (vs stand-in measured data)' : ''}` : ' -');
  return `refinement ${r.status} ${p.phase}, ${p.refinedBatches}/${p.totalBatches} batches refined; gap raw${auc(p.raw)}, refined${auc(p.refined)} (${r.workflowId})`;
}

export const isFinished = (s: CampaignStatus): boolean => s.state !== 'RUNNING';
