// A campaign's refinements as the catalog records them: each refinement workflow run leaves ml_jobs
// rows (gap checks raw and refined, refiner training, refinement) that share its workflow id. The
// rows' metrics are what the activities wrote at the time, so older rows lack newer fields: every
// field is read on its own and left out when absent or malformed, never failing the whole status.

import { z } from 'zod';
import type { PrismaClientOrTransaction } from '../catalog/client';
import { REFINEMENT_METHODS, type ClassGap, type RefinementMethod } from '../../workflows/refinement-types';

/** One gap check (raw or refined maps against the measured set), with what its row holds. */
export interface GapCheckResult {
  jobId: string;
  /** RUNNING, SUCCEEDED or FAILED. */
  status: string;
  error?: string;
  /** The stronger classifier's AUC, real vs synthetic (0.5: indistinguishable). */
  auc?: number;
  detectionScore?: number;
  cnnAuc?: number;
  cnnAucCi95?: [number, number];
  logisticAuc?: number;
  logisticAucCi95?: [number, number];
  /** Classifier seeds the AUCs average over. */
  seeds?: number;
  mmdPValue?: number;
  /** Train on synthetic, test on measured: depth MAE, % of wall. */
  depthMae?: number;
  /** A depth regressor trained on measured maps: its MAE on held-out measured maps and on the checked maps (% of wall). */
  labelPreservation?: { realMae: number; mapsMae: number };
  byClass?: ClassGap[];
  /** Measured maps in the check (held out from every training step). */
  realCount?: number;
  /** Synthetic maps sampled for the check. */
  sampled?: number;
  /** Output file name -> object key (report.json, report.html, tsne.png, maps_grid.png, ...). */
  outputs: Record<string, string>;
}

export interface MlJobState {
  jobId: string;
  status: string;
  error?: string;
}

export interface RefinerTrainingResult extends MlJobState {
  pairs?: number;
  steps?: number;
  trainSeconds?: number;
  onnxMaxAbsDiff?: number;
}

export interface RefiningResult extends MlJobState {
  refinedBatches?: number;
  inferenceMs?: number;
}

/** One refinement workflow run of a campaign. */
export interface RefinementRun {
  workflowId: string;
  /** When its first job started (RFC 3339). */
  startedAt: string;
  /** Absent for a run without refiner training (gap checks only) and for rows that predate methods. */
  method?: RefinementMethod;
  /** The measured set the run compared with (absent when its row is gone). */
  realDataset?: { id: string; name?: string };
  /** True when the measured side was a generated stand-in, never field data. */
  standIn?: boolean;
  raw?: GapCheckResult;
  refined?: GapCheckResult;
  training?: RefinerTrainingResult;
  refining?: RefiningResult;
}

/** An ml_jobs row as read with its measured set. */
export interface MlJobRecord {
  id: string;
  workflowId: string;
  kind: string;
  stage: string;
  status: string;
  realDatasetId: string | null;
  outputs: unknown;
  metrics: unknown;
  error: string | null;
  startedAt: Date;
  realDataset?: { name: string; source: string } | null;
}

// Each field falls back to absent on its own, so one malformed or missing field hides only itself.
const num = z.number().finite().optional().catch(undefined);
const count = z.number().int().nonnegative().optional().catch(undefined);
const interval = z.tuple([z.number().finite(), z.number().finite()]).optional().catch(undefined);
const method = z.enum(REFINEMENT_METHODS).optional().catch(undefined);
const classGap = z.object({
  defectClass: z.string(),
  real: z.number().int().nonnegative(),
  synthetic: z.number().int().nonnegative(),
  cnnAuc: z.number().finite().nullable().catch(null),
  depthMae: z.number().finite().nullable().catch(null),
});
const gapMetrics = z
  .object({
    method,
    auc: num,
    detectionScore: num,
    cnnAuc: num,
    cnnAucCi95: interval,
    logisticAuc: num,
    logisticAucCi95: interval,
    seeds: count,
    mmdPValue: num,
    depthMae: num,
    labelPreservation: z.object({ realMae: z.number().finite(), mapsMae: z.number().finite() }).optional().catch(undefined),
    byClass: z.array(classGap).optional().catch(undefined),
    realCount: count,
    sampled: count,
    standIn: z.boolean().optional().catch(undefined),
  })
  .catch({});
const trainingMetrics = z.object({ method, pairs: count, steps: count, trainSeconds: num, onnxMaxAbsDiff: num, standIn: z.boolean().optional().catch(undefined) }).catch({});
const refiningMetrics = z.object({ refinedBatches: count, inferenceMs: num }).catch({});
const outputsSchema = z.record(z.string(), z.string()).catch({});

/** Drops the keys whose value is undefined, so views compare and serialise without them. */
export function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function jobState(row: MlJobRecord): MlJobState {
  return defined({ jobId: row.id, status: row.status, error: row.error ?? undefined });
}

function gapCheckResult(row: MlJobRecord): GapCheckResult {
  const { method: _method, standIn: _standIn, ...m } = gapMetrics.parse(row.metrics);
  return { ...jobState(row), ...defined(m), outputs: outputsSchema.parse(row.outputs) };
}

/** Groups a campaign's ml_jobs rows into its refinements, in the order they started. */
export function refinementRuns(rows: readonly MlJobRecord[]): RefinementRun[] {
  const byWorkflow = new Map<string, MlJobRecord[]>();
  for (const row of [...rows].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())) {
    byWorkflow.set(row.workflowId, [...(byWorkflow.get(row.workflowId) ?? []), row]);
  }
  return [...byWorkflow.entries()].map(([workflowId, jobs]) => {
    const find = (kind: string, stage?: string) => jobs.find((j) => j.kind === kind && (stage === undefined || j.stage === stage));
    const rawRow = find('GAP_CHECK', 'raw');
    const refinedRow = find('GAP_CHECK', 'refined');
    const trainingRow = find('REFINER_TRAINING');
    const refiningRow = find('REFINEMENT');
    const training = trainingRow ? trainingMetrics.parse(trainingRow.metrics) : undefined;
    const withData = jobs.find((j) => j.realDatasetId !== null);
    // The measured set's own row says whether it is a stand-in; the metrics say it when that row is gone.
    const source = jobs.find((j) => j.realDataset)?.realDataset?.source;
    const standInFlags = jobs.map((j) => (j.kind === 'GAP_CHECK' ? gapMetrics : trainingMetrics).parse(j.metrics).standIn).filter((s) => s !== undefined);
    return defined({
      workflowId,
      startedAt: jobs[0]!.startedAt.toISOString(),
      method: training?.method ?? (refinedRow ? gapMetrics.parse(refinedRow.metrics).method : undefined),
      realDataset: withData ? defined({ id: withData.realDatasetId!, name: withData.realDataset?.name }) : undefined,
      standIn: source !== undefined ? source === 'STAND_IN' : standInFlags.length > 0 ? standInFlags.some(Boolean) : undefined,
      raw: rawRow ? gapCheckResult(rawRow) : undefined,
      refined: refinedRow ? gapCheckResult(refinedRow) : undefined,
      training: trainingRow ? defined({ ...jobState(trainingRow), pairs: training!.pairs, steps: training!.steps, trainSeconds: training!.trainSeconds, onnxMaxAbsDiff: training!.onnxMaxAbsDiff }) : undefined,
      refining: refiningRow ? { ...jobState(refiningRow), ...defined(refiningMetrics.parse(refiningRow.metrics)) } : undefined,
    });
  });
}

/** The campaign's refinements from the catalog. */
export async function campaignRefinements(db: PrismaClientOrTransaction, campaignId: string): Promise<RefinementRun[]> {
  const rows = await db.mlJob.findMany({
    where: { campaignId },
    orderBy: { startedAt: 'asc' },
    include: { realDataset: { select: { name: true, source: true } } },
  });
  return refinementRuns(rows);
}
