// The Control API's read messages and the values of services/control they carry, both ways: the
// API service answers with toXMessage, the CLI reads the answer back with fromXMessage, so the CLI
// prints the same thing whether it reads the catalog itself or goes through the API.

import type { CampaignStatus as CampaignStatusMessage, CampaignStatus__Output } from '../../proto/generated/synthflux/control/v1/CampaignStatus';
import type { DatasetVerification as DatasetVerificationMessage, DatasetVerification__Output } from '../../proto/generated/synthflux/control/v1/DatasetVerification';
import type { GapCheck, GapCheck__Output } from '../../proto/generated/synthflux/control/v1/GapCheck';
import type { GapCheckResult as GapCheckResultMessage, GapCheckResult__Output } from '../../proto/generated/synthflux/control/v1/GapCheckResult';
import type { Interval__Output } from '../../proto/generated/synthflux/control/v1/Interval';
import type { Refinement as RefinementMessage, Refinement__Output } from '../../proto/generated/synthflux/control/v1/Refinement';
import type { ListFailuresResponse, ListFailuresResponse__Output } from '../../proto/generated/synthflux/control/v1/ListFailuresResponse';
import type { VerificationStatus, VerificationStatus__Output } from '../../proto/generated/synthflux/control/v1/VerificationStatus';
import type { CampaignProgress } from '../../workflows/types';
import type { RefinementMethod } from '../../workflows/refinement-types';
import type { CampaignFailures } from './failures';
import { defined, type GapCheckResult, type RefinementRun } from './refinements';
import type { CampaignStatus, CampaignVerification } from './status';
import { datasetMatchesCatalog, type DatasetVerification } from './verify';

export interface GapView {
  jobId: string;
  auc: number;
  standIn: boolean;
  reportKey: string;
}

/** A campaign status as both sides of the API know it; a CampaignStatus is one. */
export type CampaignStatusView = Omit<CampaignStatus, 'refinement'> & {
  refinement?: {
    workflowId: string;
    status: string;
    progress?: { phase: string; totalBatches: number; refinedBatches: number; batchesInFlight: number; raw?: GapView; refined?: GapView };
  };
};

const gapMessage = (g: GapView | undefined): GapCheck | null => (g ? { jobId: g.jobId, auc: g.auc, standIn: g.standIn, reportKey: g.reportKey } : null);
const gapView = (g: GapCheck__Output | null): GapView | undefined => (g ? { jobId: g.jobId, auc: g.auc, standIn: g.standIn, reportKey: g.reportKey } : undefined);

const interval = (i: [number, number] | undefined) => (i ? { low: i[0], high: i[1] } : null);
const fromInterval = (i: Interval__Output | null): [number, number] | undefined => (i ? [i.low, i.high] : undefined);

function toGapCheckResult(g: GapCheckResult): GapCheckResultMessage {
  return {
    ...g,
    error: g.error ?? '',
    cnnAucCi95: interval(g.cnnAucCi95),
    logisticAucCi95: interval(g.logisticAucCi95),
    labelPreservation: g.labelPreservation ?? null,
    byClass: (g.byClass ?? []).map((c) => ({ ...c, cnnAuc: c.cnnAuc ?? undefined, depthMae: c.depthMae ?? undefined })),
  };
}

function fromGapCheckResult(m: GapCheckResult__Output): GapCheckResult {
  return defined({
    jobId: m.jobId,
    status: m.status,
    error: m.error || undefined,
    auc: m.auc,
    detectionScore: m.detectionScore,
    cnnAuc: m.cnnAuc,
    cnnAucCi95: fromInterval(m.cnnAucCi95),
    logisticAuc: m.logisticAuc,
    logisticAucCi95: fromInterval(m.logisticAucCi95),
    seeds: m.seeds,
    mmdPValue: m.mmdPValue,
    depthMae: m.depthMae,
    labelPreservation: m.labelPreservation ? { realMae: m.labelPreservation.realMae, mapsMae: m.labelPreservation.mapsMae } : undefined,
    byClass: m.byClass.length > 0 ? m.byClass.map((c) => ({ defectClass: c.defectClass, real: c.real, synthetic: c.synthetic, cnnAuc: c.cnnAuc ?? null, depthMae: c.depthMae ?? null })) : undefined,
    realCount: m.realCount,
    sampled: m.sampled,
    outputs: { ...m.outputs },
  });
}

function toRefinementMessage(r: RefinementRun): RefinementMessage {
  return {
    workflowId: r.workflowId,
    startedAt: r.startedAt,
    method: r.method ?? '',
    realDatasetId: r.realDataset?.id ?? '',
    realDatasetName: r.realDataset?.name ?? '',
    standIn: r.standIn,
    raw: r.raw ? toGapCheckResult(r.raw) : null,
    refined: r.refined ? toGapCheckResult(r.refined) : null,
    training: r.training ? { ...r.training, error: r.training.error ?? '' } : null,
    refining: r.refining ? { ...r.refining, error: r.refining.error ?? '' } : null,
  };
}

function fromRefinementMessage(m: Refinement__Output): RefinementRun {
  const job = (j: { jobId: string; status: string; error: string }) => defined({ jobId: j.jobId, status: j.status, error: j.error || undefined });
  return defined({
    workflowId: m.workflowId,
    startedAt: m.startedAt,
    method: m.method === '' ? undefined : (m.method as RefinementMethod),
    realDataset: m.realDatasetId === '' ? undefined : defined({ id: m.realDatasetId, name: m.realDatasetName || undefined }),
    standIn: m.standIn,
    raw: m.raw ? fromGapCheckResult(m.raw) : undefined,
    refined: m.refined ? fromGapCheckResult(m.refined) : undefined,
    training: m.training
      ? defined({ ...job(m.training), pairs: m.training.pairs, steps: m.training.steps, trainSeconds: m.training.trainSeconds, onnxMaxAbsDiff: m.training.onnxMaxAbsDiff })
      : undefined,
    refining: m.refining ? defined({ ...job(m.refining), refinedBatches: m.refining.refinedBatches, inferenceMs: m.refining.inferenceMs }) : undefined,
  });
}

function toVerificationStatus(v: CampaignVerification): VerificationStatus {
  return {
    fraction: v.fraction,
    pool: v.pool,
    mesh: v.mesh,
    workflowId: v.workflowId,
    workflowStatus: v.workflowStatus,
    sampled: v.sampled,
    succeeded: v.succeeded,
    failed: v.failed,
    pending: v.pending,
    bzPeakToPeakAbsDiffPercent: v.bzPeakToPeakAbsDiffPercent,
    bxPeakAbsDiffPercent: v.bxPeakAbsDiffPercent,
    ...(v.minCorrelation === null ? {} : { minCorrelation: v.minCorrelation }),
    referenceSolvers: v.referenceSolvers,
    topFailure: v.topFailure,
  };
}

function fromVerificationStatus(m: VerificationStatus__Output): CampaignVerification {
  const spread = (x: VerificationStatus__Output['bxPeakAbsDiffPercent']) => (x ? { median: x.median, max: x.max } : null);
  return {
    fraction: m.fraction,
    pool: m.pool,
    mesh: m.mesh,
    workflowId: m.workflowId,
    workflowStatus: m.workflowStatus,
    sampled: m.sampled,
    succeeded: m.succeeded,
    failed: m.failed,
    pending: m.pending,
    bzPeakToPeakAbsDiffPercent: spread(m.bzPeakToPeakAbsDiffPercent),
    bxPeakAbsDiffPercent: spread(m.bxPeakAbsDiffPercent),
    minCorrelation: m.minCorrelation ?? null,
    referenceSolvers: m.referenceSolvers,
    topFailure: m.topFailure ? { error: m.topFailure.error, count: m.topFailure.count } : null,
  };
}

export function toStatusMessage(s: CampaignStatusView): CampaignStatusMessage {
  const p = s.progress;
  const r = s.refinement;
  return {
    campaignId: s.campaignId,
    name: s.name,
    state: s.state,
    workflowId: s.workflowId,
    workflowStatus: s.workflowStatus,
    total: s.total,
    succeeded: s.succeeded,
    failed: s.failed,
    cached: s.cached,
    coreHours: s.coreHours,
    batchesDone: s.batchesDone,
    batchesTotal: s.batchesTotal,
    percent: s.percent,
    datasetUrl: s.datasetUrl,
    createdAt: s.createdAt,
    completedAt: s.completedAt ?? '',
    owner: s.owner,
    progress: p
      ? {
          totalSimulations: p.totalSimulations,
          totalBatches: p.totalBatches,
          completedBatches: p.completedBatches,
          succeeded: p.succeeded,
          failed: p.failed,
          shardsInFlight: p.shardsInFlight,
          paused: p.paused,
          maxShardsInFlight: p.limits.maxShardsInFlight,
          maxBatchesInFlight: p.limits.maxBatchesInFlight,
          ratePerSecond: p.ratePerSecond,
          etaSeconds: p.etaSeconds ?? -1,
          phase: p.phase,
        }
      : null,
    failure: s.failure ? { type: s.failure.type ?? '', message: s.failure.message } : null,
    refinement: r
      ? {
          workflowId: r.workflowId,
          status: r.status,
          phase: r.progress?.phase ?? '',
          totalBatches: r.progress?.totalBatches ?? 0,
          refinedBatches: r.progress?.refinedBatches ?? 0,
          batchesInFlight: r.progress?.batchesInFlight ?? 0,
          raw: gapMessage(r.progress?.raw),
          refined: gapMessage(r.progress?.refined),
        }
      : null,
    verification: s.verification ? toVerificationStatus(s.verification) : null,
    defectClasses: Object.entries(s.defectClasses ?? {}).map(([defectClass, count]) => ({ defectClass, count })),
    defectClassQuotas: Object.entries(s.defectClassQuotas ?? {}).map(([defectClass, share]) => ({ defectClass, share })),
    refinements: (s.refinements ?? []).map(toRefinementMessage),
  };
}

export function fromStatusMessage(m: CampaignStatus__Output): CampaignStatusView {
  const p = m.progress;
  const r = m.refinement;
  return {
    campaignId: m.campaignId,
    name: m.name,
    state: m.state,
    workflowId: m.workflowId,
    workflowStatus: m.workflowStatus,
    total: m.total,
    succeeded: m.succeeded,
    failed: m.failed,
    cached: m.cached,
    coreHours: m.coreHours,
    batchesDone: m.batchesDone,
    batchesTotal: m.batchesTotal,
    percent: m.percent,
    datasetUrl: m.datasetUrl,
    createdAt: m.createdAt,
    completedAt: m.completedAt === '' ? null : m.completedAt,
    owner: m.owner,
    progress: p
      ? {
          campaignId: m.campaignId,
          totalSimulations: p.totalSimulations,
          totalBatches: p.totalBatches,
          completedBatches: p.completedBatches,
          succeeded: p.succeeded,
          failed: p.failed,
          shardsInFlight: p.shardsInFlight,
          paused: p.paused,
          limits: { maxShardsInFlight: p.maxShardsInFlight, maxBatchesInFlight: p.maxBatchesInFlight },
          ratePerSecond: p.ratePerSecond,
          etaSeconds: p.etaSeconds < 0 ? null : p.etaSeconds,
          phase: p.phase as CampaignProgress['phase'],
        }
      : undefined,
    failure: m.failure ? { ...(m.failure.type ? { type: m.failure.type } : {}), message: m.failure.message } : undefined,
    refinement: r
      ? {
          workflowId: r.workflowId,
          status: r.status,
          progress:
            r.phase === ''
              ? undefined
              : { phase: r.phase, totalBatches: r.totalBatches, refinedBatches: r.refinedBatches, batchesInFlight: r.batchesInFlight, raw: gapView(r.raw), refined: gapView(r.refined) },
        }
      : undefined,
    ...(m.verification ? { verification: fromVerificationStatus(m.verification) } : {}),
    ...(m.defectClasses.length > 0 ? { defectClasses: Object.fromEntries(m.defectClasses.map((c) => [c.defectClass, c.count])) } : {}),
    ...(m.defectClassQuotas.length > 0 ? { defectClassQuotas: Object.fromEntries(m.defectClassQuotas.map((q) => [q.defectClass, q.share])) } : {}),
    ...(m.refinements.length > 0 ? { refinements: m.refinements.map(fromRefinementMessage) } : {}),
  };
}

export const toVerificationMessage = (v: DatasetVerification): DatasetVerificationMessage => ({ ...v, matches: datasetMatchesCatalog(v) });

export function fromVerificationMessage(m: DatasetVerification__Output): DatasetVerification {
  const { campaignId, catalogRows, distinctIndexes, succeededRows, mapsInStore, checksumMatches, mismatches } = m;
  return { campaignId, catalogRows, distinctIndexes, succeededRows, mapsInStore, checksumMatches, mismatches };
}

export const toFailuresMessage = (f: CampaignFailures): ListFailuresResponse => ({
  campaignId: f.campaignId,
  groups: f.groups,
  simulations: f.simulations.map((s) => ({ ...s, error: s.error ?? '' })),
});

export const fromFailuresMessage = (m: ListFailuresResponse__Output): CampaignFailures => ({
  campaignId: m.campaignId,
  groups: m.groups.map((g) => ({ reason: g.reason, count: g.count, samples: g.samples, indexes: g.indexes })),
  simulations: m.simulations.map((s) => ({ index: s.index, batchIndex: s.batchIndex, attempts: s.attempts, error: s.error === '' ? null : s.error })),
});
