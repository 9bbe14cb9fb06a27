import type { CampaignStatusView as CampaignStatus } from '../control/api-messages';
import type { GapCheckResult, RefinementRun } from '../control/refinements';
import {
  STAND_IN_TEXT, aucText, classComparison, gapCheckNotes, labelPreservationText, maeText, mapsGridCheck, measuredSetText, methodText, mlOutputPath, pValueText, reportCheck, syntheticText,
} from '../dashboard/refinement-view';

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

/** `dashboardUrl`: where the dashboard serves the refinements' reports and images; without it they are named by object key. */
export function formatStatus(s: CampaignStatus, uiUrl: string, opts: { dashboardUrl?: string } = {}): string {
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
    ...refinementLines(s, opts.dashboardUrl),
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

type LiveRefinement = NonNullable<CampaignStatus['refinement']>;

/** The refinement workflow's own status and phase. */
function liveText(r: LiveRefinement): string {
  const p = r.progress;
  return `${r.status}${p ? `, ${p.phase}, ${p.refinedBatches}/${p.totalBatches} batches refined` : ''}`;
}

/**
 * Each refinement from the catalog: method, measured set, both gap checks with intervals, the
 * per-class table and links to the report and maps grid; the campaign's own refinement workflow
 * adds its live phase. A workflow with no cataloged job yet gets its status line alone.
 */
export function refinementLines(s: Pick<CampaignStatus, 'campaignId' | 'datasetUrl' | 'refinement' | 'refinements'>, dashboardUrl?: string): string[] {
  const runs = s.refinements ?? [];
  const live = s.refinement;
  const lines: string[] = [];
  if (live && !runs.some((r) => r.workflowId === live.workflowId)) lines.push(`refinement ${live.workflowId}: ${liveText(live)}`);
  const bucket = /^s3:\/\/([^/]+)\//.exec(s.datasetUrl)?.[1];
  const link = (check: GapCheckResult, file: string): string => {
    // Relative to the dashboard's own path, which may sit under a prefix behind an ingress.
    if (dashboardUrl) return new URL(mlOutputPath(s.campaignId, check.jobId, file).slice(1), dashboardUrl.endsWith('/') ? dashboardUrl : `${dashboardUrl}/`).href;
    return `s3://${bucket ?? '?'}/${check.outputs[file]!}`;
  };
  for (const run of runs) {
    const state = live?.workflowId === run.workflowId ? liveText(live) : `started ${run.startedAt}`;
    lines.push(`refinement ${run.workflowId}: ${state}`, ...runLines(run).map((l) => `${INDENT}${l}`));
    const files = [['report', reportCheck(run), 'report.html'], ['maps grid', mapsGridCheck(run), 'maps_grid.png']] as const;
    for (const [label, check, file] of files) if (check) lines.push(`${INDENT}${label.padEnd(10)}${link(check, file)}`);
  }
  return lines;
}

const INDENT = ' '.repeat(11);
const GAP_COLUMNS = [10, 23, 24, 7, 12] as const;
const CLASS_COLUMNS = [10, 26, 10, 11, 23] as const;
const row = (cells: string[], widths: readonly number[]): string => cells.map((c, i) => (i < widths.length ? c.padEnd(widths[i]!) : c)).join('').trimEnd();

function runLines(run: RefinementRun): string[] {
  const lines = [`${'method'.padEnd(10)}${methodText(run)}`];
  if (run.realDataset || run.standIn !== undefined) {
    const heldOut = run.refined?.realCount ?? run.raw?.realCount;
    const kind = run.standIn === undefined ? '' : run.standIn ? `, ${STAND_IN_TEXT}` : ', measured field data';
    lines.push(`${'measured'.padEnd(10)}${measuredSetText(run)}${kind}${heldOut === undefined ? '' : `; ${heldOut} maps held out from training`}`);
  }
  if (run.refining && run.refining.status !== 'SUCCEEDED') lines.push(`${'refining'.padEnd(10)}${run.refining.status}${run.refining.error ? `: ${run.refining.error}` : ''}`);
  const checks = [['raw', run.raw], ['refined', run.refined]] as const;
  if (run.raw || run.refined) {
    lines.push(row(['gap check', 'cnn AUC [95 % CI]', 'logistic AUC [95 % CI]', 'MMD p', 'TSTR depth', 'label preservation'], GAP_COLUMNS));
    for (const [stage, g] of checks) {
      if (!g) continue;
      if (g.status !== 'SUCCEEDED') lines.push(row([stage, `${g.status}${g.error ? `: ${g.error}` : ''}`], GAP_COLUMNS));
      else lines.push(row([stage, aucText(g.cnnAuc, g.cnnAucCi95), aucText(g.logisticAuc, g.logisticAucCi95), pValueText(g.mmdPValue), maeText(g.depthMae), labelPreservationText(g)], GAP_COLUMNS));
    }
    lines.push(...gapCheckNotes(run.refined?.seeds ?? run.raw?.seeds).map((n) => `${' '.repeat(10)}${n}`));
  }
  const classes = classComparison(run.raw, run.refined);
  if (classes.length > 0) {
    const pair = (x: { raw: number | null; refined: number | null }, f: (v: number | null) => string): string => `${f(x.raw)} → ${f(x.refined)}`;
    lines.push(row(['by class', 'class', 'measured', 'synthetic', 'cnn AUC raw → refined', 'TSTR depth raw → refined'], CLASS_COLUMNS));
    for (const c of classes) lines.push(row(['', c.defectClass, String(c.real), syntheticText(c.synthetic), pair(c.cnnAuc, (v) => aucText(v)), pair(c.depthMae, maeText)], CLASS_COLUMNS));
  }
  return lines;
}

export const isFinished = (s: CampaignStatus): boolean => s.state !== 'RUNNING';
