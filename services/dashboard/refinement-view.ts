// How a refinement's results read, for the dashboard and `campaign status` alike: figures with
// their intervals, the per-class comparison of the raw and refined gap checks, and the dashboard
// paths that serve a job's report, t-SNE and maps grid from object storage.

import type { ClassGap } from '../../workflows/refinement-types';
// Types only: the browser bundle imports this module, and the catalog reader brings zod.
import type { GapCheckResult, RefinementRun } from '../control/refinements';

/** Output files of a campaign's ml jobs the dashboard serves, by their name in the job's outputs. */
export const ML_OUTPUT_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  html: 'text/html; charset=utf-8',
  json: 'application/json',
};
export const ML_OUTPUT_NAME = /^[\w.-]+\.(png|html|json)$/;

/** The dashboard path of one output file of one of the campaign's ml jobs (report.html, tsne.png, maps_grid.png). */
export const mlOutputPath = (campaignId: string, jobId: string, file: string): string =>
  `/api/campaigns/${encodeURIComponent(campaignId)}/ml/${encodeURIComponent(jobId)}/${encodeURIComponent(file)}`;

const fixed = (x: number | undefined | null, digits: number): string => (x === undefined || x === null ? '-' : x.toFixed(digits));

/** An AUC with its 95 % interval when it has one: `0.970 [0.951, 0.986]`. */
export const aucText = (auc: number | undefined | null, ci?: [number, number]): string =>
  `${fixed(auc, 3)}${auc !== undefined && auc !== null && ci ? ` [${ci[0].toFixed(3)}, ${ci[1].toFixed(3)}]` : ''}`;

/** A depth error in % of wall (the unit is said once, beside the table). */
export const maeText = (mae: number | undefined | null): string => fixed(mae, 2);

export const pValueText = (p: number | undefined): string => fixed(p, 3);

/** The measured-model depth errors of a gap check: on held-out measured maps / on the checked maps. */
export const labelPreservationText = (g: GapCheckResult): string =>
  g.labelPreservation ? `${maeText(g.labelPreservation.realMae)} / ${maeText(g.labelPreservation.mapsMae)}` : '-';

export interface ClassComparison {
  defectClass: string;
  real: number;
  /** Synthetic maps of the class in the raw and the refined check. */
  synthetic: { raw: number | null; refined: number | null };
  cnnAuc: { raw: number | null; refined: number | null };
  depthMae: { raw: number | null; refined: number | null };
}

/** The per-POF-class results of the raw and refined gap checks side by side, classes in the order the checks list them. */
export function classComparison(raw: GapCheckResult | undefined, refined: GapCheckResult | undefined): ClassComparison[] {
  const rows = new Map<string, ClassComparison>();
  const add = (stage: 'raw' | 'refined', classes: ClassGap[] | undefined): void => {
    for (const c of classes ?? []) {
      const row = rows.get(c.defectClass) ?? { defectClass: c.defectClass, real: c.real, synthetic: { raw: null, refined: null }, cnnAuc: { raw: null, refined: null }, depthMae: { raw: null, refined: null } };
      row.synthetic[stage] = c.synthetic;
      row.cnnAuc[stage] = c.cnnAuc;
      row.depthMae[stage] = c.depthMae;
      rows.set(c.defectClass, row);
    }
  };
  add('raw', raw?.byClass);
  add('refined', refined?.byClass);
  return [...rows.values()];
}

/** `a` when both checks sampled as many maps of the class (or only one ran), `a / b` otherwise. */
export function syntheticText(s: ClassComparison['synthetic']): string {
  if (s.raw !== null && s.refined !== null && s.raw !== s.refined) return `${s.raw} / ${s.refined}`;
  return String(s.raw ?? s.refined ?? '-');
}

/** The check whose report people open for a refinement: the refined check's when it wrote one, else the raw check's. */
export const reportCheck = (run: RefinementRun): GapCheckResult | undefined => [run.refined, run.raw].find((g) => g?.outputs['report.html']);

/** The check that drew the raw / refined / measured maps grid (the refined check of a field verification set). */
export const mapsGridCheck = (run: RefinementRun): GapCheckResult | undefined => [run.refined, run.raw].find((g) => g?.outputs['maps_grid.png']);

/** The live state of the campaign's refinement workflow, as campaign status reports it. */
export interface LiveRefinement {
  workflowId: string;
  status: string;
  progress?: { phase: string; refinedBatches: number; totalBatches: number };
}

/** One refinement as the dashboard draws it: the catalog's results, the workflow's live phase when it is the campaign's own, and file paths. */
export interface RefinementPanel extends RefinementRun {
  live?: { status: string; phase: string | null; refinedBatches: number | null; totalBatches: number | null };
  files: { report?: string; mapsGrid?: string; tsneRaw?: string; tsneRefined?: string };
}

export function refinementPanels(campaignId: string, runs: readonly RefinementRun[], live: LiveRefinement | undefined): RefinementPanel[] {
  const file = (g: GapCheckResult | undefined, name: string): string | undefined => (g?.outputs[name] ? mlOutputPath(campaignId, g.jobId, name) : undefined);
  return runs.map((run) => {
    const own = live?.workflowId === run.workflowId ? live : undefined;
    const files: RefinementPanel['files'] = {};
    const found = { report: file(reportCheck(run), 'report.html'), mapsGrid: file(mapsGridCheck(run), 'maps_grid.png'), tsneRaw: file(run.raw, 'tsne.png'), tsneRefined: file(run.refined, 'tsne.png') };
    for (const [name, path] of Object.entries(found) as [keyof typeof found, string | undefined][]) if (path) files[name] = path;
    return {
      ...run,
      ...(own ? { live: { status: own.status, phase: own.progress?.phase ?? null, refinedBatches: own.progress?.refinedBatches ?? null, totalBatches: own.progress?.totalBatches ?? null } } : {}),
      files,
    };
  });
}

/** The method and how its refiner trained: `pix2pix, 412 training pairs, 300 steps in 41.2 s`. */
export function methodText(run: RefinementRun): string {
  const t = run.training;
  if (!t) return 'none (gap checks only)';
  const parts = [
    run.method ?? 'unknown method',
    t.pairs === undefined ? null : `${t.pairs} training pairs`,
    t.steps === undefined ? null : `${t.steps} steps${t.trainSeconds === undefined ? '' : ` in ${t.trainSeconds.toFixed(1)} s`}`,
    t.status === 'SUCCEEDED' ? null : `training ${t.status}${t.error ? `: ${t.error}` : ''}`,
  ];
  return parts.filter((p) => p !== null).join(', ');
}

/** The measured set by name and id. */
export const measuredSetText = (run: RefinementRun): string =>
  run.realDataset ? `${run.realDataset.name ?? run.realDataset.id}${run.realDataset.name ? ` (${run.realDataset.id})` : ''}` : 'its catalog row is gone';

export const STAND_IN_TEXT = 'STAND-IN: generated, not field data';

/** What the gap-check figures mean, said once under the table. */
export function gapCheckNotes(seeds: number | undefined): string[] {
  return [
    `AUC: classifier telling measured from synthetic maps (0.5: indistinguishable)${seeds === undefined ? '' : `, mean of ${seeds} seeds`}; MMD p: two-sample test`,
    'depth MAE in % of wall. TSTR: regressor trained on the checked maps, tested on measured ones; label preservation: trained on measured maps, tested on held-out measured / on the checked maps',
  ];
}
