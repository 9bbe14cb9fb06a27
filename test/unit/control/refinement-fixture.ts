// ml_jobs rows of a campaign as the refinement activities write them (GapSummary and TrainedRefiner
// in the metrics, the uploaded files in the outputs), plus rows written before methods, intervals
// and per-class results existed, a failed check and a malformed field.

import type { MlJobRecord } from '../../../services/control/refinements';
import type { GapSummary, TrainedRefiner } from '../../../workflows/refinement-types';

export const CAMPAIGN = 'demo-1a2b';
const prefix = (jobId: string) => `campaigns/${CAMPAIGN}/ml/${jobId}`;
const files = (jobId: string, names: string[]) => Object.fromEntries(names.map((n) => [n, `${prefix(jobId)}/${n}`]));
const t0 = Date.parse('2026-12-02T10:10:00.000Z');
const at = (minutes: number) => new Date(t0 + minutes * 60_000);
const fieldSet = { name: 'line-7 field verification', source: 'STAND_IN' };

const WF = `refinement-${CAMPAIGN}`;

export const rawSummary: GapSummary = {
  jobId: `${WF}-gap-raw`,
  stage: 'raw',
  auc: 0.97,
  detectionScore: 0.06,
  logisticAuc: 0.912,
  cnnAuc: 0.97,
  logisticAucCi95: [0.88, 0.94],
  cnnAucCi95: [0.951, 0.986],
  seeds: 3,
  mmdPValue: 0.005,
  depthMae: 6.1,
  labelPreservation: { realMae: 2.1, mapsMae: 7.4 },
  byClass: [
    { defectClass: 'general', real: 40, synthetic: 200, cnnAuc: 0.95, depthMae: 6.1 },
    { defectClass: 'pinhole', real: 3, synthetic: 12, cnnAuc: null, depthMae: null },
  ],
  realCount: 128,
  reportKey: `${prefix(`${WF}-gap-raw`)}/report.json`,
  htmlKey: `${prefix(`${WF}-gap-raw`)}/report.html`,
  standIn: true,
};

export const refinedSummary: GapSummary = {
  ...rawSummary,
  jobId: `${WF}-gap-refined`,
  stage: 'refined',
  method: 'pix2pix',
  auc: 0.61,
  logisticAuc: 0.58,
  cnnAuc: 0.61,
  logisticAucCi95: [0.53, 0.63],
  cnnAucCi95: [0.56, 0.66],
  mmdPValue: 0.31,
  depthMae: 4.2,
  labelPreservation: { realMae: 2.1, mapsMae: 2.3 },
  byClass: [
    { defectClass: 'general', real: 40, synthetic: 198, cnnAuc: 0.62, depthMae: 4.1 },
    { defectClass: 'pinhole', real: 3, synthetic: 12, cnnAuc: null, depthMae: null },
  ],
  reportKey: `${prefix(`${WF}-gap-refined`)}/report.json`,
  htmlKey: `${prefix(`${WF}-gap-refined`)}/report.html`,
  mapsGridKey: `${prefix(`${WF}-gap-refined`)}/maps_grid.png`,
};

export const trained: TrainedRefiner = {
  jobId: `${WF}-train`,
  method: 'pix2pix',
  pairs: 412,
  modelKey: `${prefix(`${WF}-train`)}/refiner.onnx`,
  curvesKey: `${prefix(`${WF}-train`)}/curves.json`,
  trainSeconds: 41.25,
  secondsPerStep: 0.1375,
  steps: 300,
  onnxMaxAbsDiff: 2e-9,
};

const row = (r: Partial<MlJobRecord> & Pick<MlJobRecord, 'id' | 'workflowId' | 'kind' | 'stage' | 'startedAt'>): MlJobRecord => ({
  status: 'SUCCEEDED',
  realDatasetId: 'real-fv7',
  outputs: {},
  metrics: {},
  error: null,
  realDataset: fieldSet,
  ...r,
});

/** A pix2pix refinement as today's activities write it. */
export const currentRows: MlJobRecord[] = [
  row({ id: rawSummary.jobId, workflowId: WF, kind: 'GAP_CHECK', stage: 'raw', startedAt: at(0), outputs: files(rawSummary.jobId, ['report.html', 'report.json', 'tsne.png']), metrics: { ...rawSummary, sampled: 512, skippedNonFinite: 0 } }),
  row({ id: trained.jobId, workflowId: WF, kind: 'REFINER_TRAINING', stage: 'train', startedAt: at(2), outputs: files(trained.jobId, ['curves.json', 'curves.png', 'refiner.onnx']), metrics: { ...trained, standIn: true } }),
  row({ id: `${WF}-refine`, workflowId: WF, kind: 'REFINEMENT', stage: 'refine', realDatasetId: null, realDataset: null, startedAt: at(3), outputs: { model: trained.modelKey }, metrics: { refinedBatches: 20, inferenceMs: 1234.5 } }),
  row({ id: refinedSummary.jobId, workflowId: WF, kind: 'GAP_CHECK', stage: 'refined', startedAt: at(5), outputs: files(refinedSummary.jobId, ['maps_grid.png', 'report.html', 'report.json', 'tsne.png']), metrics: { ...refinedSummary, sampled: 512, skippedNonFinite: 0 } }),
];

const OLD = `refinement-${CAMPAIGN}-old`;
/** A SimGAN refinement written before methods, intervals, label preservation and classes; its measured set's row since deleted. */
export const olderRows: MlJobRecord[] = [
  row({
    id: `${OLD}-gap-raw`, workflowId: OLD, kind: 'GAP_CHECK', stage: 'raw', startedAt: at(-60), realDatasetId: null, realDataset: null,
    outputs: files(`${OLD}-gap-raw`, ['report.html', 'report.json', 'tsne.png']),
    metrics: { jobId: `${OLD}-gap-raw`, stage: 'raw', auc: 0.99, detectionScore: 0.02, logisticAuc: 0.95, cnnAuc: 0.99, mmdPValue: 0.005, reportKey: 'k', htmlKey: 'h', standIn: true, sampled: 256, skippedNonFinite: 1 },
  }),
  row({ id: `${OLD}-train`, workflowId: OLD, kind: 'REFINER_TRAINING', stage: 'train', startedAt: at(-58), realDatasetId: null, realDataset: null, status: 'FAILED', error: 'ONNX export differs from PyTorch by 0.3 T on the probe maps' }),
];

const BAD = `refinement-${CAMPAIGN}-check`;
/** A gap-check-only run: the raw check failed, and a row whose fields are malformed. */
export const oddRows: MlJobRecord[] = [
  row({ id: `${BAD}-gap-raw`, workflowId: BAD, kind: 'GAP_CHECK', stage: 'raw', startedAt: at(-30), status: 'FAILED', error: 'campaign demo-1a2b has no finite signals maps to check (40 NaN rows)' }),
  row({ id: `${BAD}-gap-refined`, workflowId: BAD, kind: 'GAP_CHECK', stage: 'refined', startedAt: at(-29), status: 'RUNNING', outputs: 'not a map', metrics: { auc: 'high', cnnAucCi95: [0.5], byClass: 'none', seeds: -1, mmdPValue: null, method: 'cyclegan' } }),
];
