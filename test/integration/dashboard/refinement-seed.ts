// A campaign's refinement results written the way the refinement activities write them: the
// measured set's catalog row, each job's row opened and finished with startMlJob / finishMlJob
// (GapSummary and TrainedRefiner in the metrics), and the job's files uploaded under its prefix.
// A second run has rows written before methods, intervals and per-class results existed.

import type * as Minio from 'minio';
import type { PrismaClient } from '../../../services/catalog/client';
import { mlPrefix } from '../../../services/ml/activities/context';
import { finishMlJob, startMlJob, upsertRealDataset } from '../../../services/ml/ml-catalog';
import { refinementWorkflowId, type GapSummary, type TrainedRefiner } from '../../../workflows/refinement-types';

// A 2 x 2 PNG (grey and white pixels): small, but decodes as an image in the browser.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR4nGNo+M/wvwEACQAC/4nBZ9YAAAAASUVORK5CYII=', 'base64');

export interface SeededRefinement {
  workflowId: string;
  olderWorkflowId: string;
  rawJobId: string;
  refinedJobId: string;
  trainJobId: string;
}

export async function seedRefinement(deps: { prisma: PrismaClient; s3: Minio.Client; bucket: string }, campaignId: string): Promise<SeededRefinement> {
  const workflowId = refinementWorkflowId(campaignId);
  const realDatasetId = `fv-${campaignId}`;
  await upsertRealDataset(deps.prisma, {
    id: realDatasetId, name: 'line-7 field verification', source: 'STAND_IN', campaignId, count: 160, shape: [160, 3, 24, 16], channels: ['Bx', 'By', 'Bz'], units: 'T',
    mapsKey: `campaigns/${campaignId}/real/${realDatasetId}/maps.npy`, labelsKey: null, labelNames: [], sensorGrid: {}, checksum: 'seeded',
  });
  const upload = async (jobId: string, files: Record<string, Buffer>): Promise<Record<string, string>> => {
    const outputs: Record<string, string> = {};
    for (const [name, body] of Object.entries(files)) {
      const key = `${mlPrefix(campaignId, jobId)}/${name}`;
      await deps.s3.putObject(deps.bucket, key, body, body.length);
      outputs[name] = key;
    }
    return outputs;
  };
  const report = (stage: string) => Buffer.from(`<!doctype html><html><body><h1>Synthetic gap (${stage})</h1><img src="tsne.png" alt="t-SNE"><script>document.title = 'script ran'</script></body></html>`);
  const gapCheck = async (wf: string, stage: 'raw' | 'refined', summary: (keys: Record<string, string>) => GapSummary | Record<string, unknown>, files: Record<string, Buffer>) => {
    const jobId = `${wf}-gap-${stage}`;
    await startMlJob(deps.prisma, { id: jobId, campaignId, workflowId: wf, kind: 'GAP_CHECK', stage, realDatasetId });
    const outputs = await upload(jobId, { 'report.json': Buffer.from('{}'), 'report.html': report(stage), ...files });
    await finishMlJob(deps.prisma, jobId, { status: 'SUCCEEDED', outputs, metrics: { ...summary(outputs), sampled: 512, skippedNonFinite: 0 } });
    return jobId;
  };
  const gap = (stage: 'raw' | 'refined', keys: Record<string, string>, figures: Partial<GapSummary>): GapSummary => ({
    jobId: `${workflowId}-gap-${stage}`, stage, auc: 0, detectionScore: 0, logisticAuc: 0, cnnAuc: 0, mmdPValue: 0, seeds: 3, realCount: 128,
    reportKey: keys['report.json']!, htmlKey: keys['report.html']!, standIn: true, ...figures,
  });

  const rawJobId = await gapCheck(workflowId, 'raw', (keys) => gap('raw', keys, {
    auc: 0.97, detectionScore: 0.06, cnnAuc: 0.97, cnnAucCi95: [0.951, 0.986], logisticAuc: 0.912, logisticAucCi95: [0.88, 0.94], mmdPValue: 0.005, depthMae: 6.1,
    labelPreservation: { realMae: 2.1, mapsMae: 7.4 },
    byClass: [{ defectClass: 'general', real: 120, synthetic: 400, cnnAuc: 0.95, depthMae: 6.1 }, { defectClass: 'axial-grooving', real: 8, synthetic: 112, cnnAuc: null, depthMae: null }],
  }), { 'tsne.png': PNG });

  const trainJobId = `${workflowId}-train`;
  await startMlJob(deps.prisma, { id: trainJobId, campaignId, workflowId, kind: 'REFINER_TRAINING', stage: 'train', realDatasetId });
  const trainOutputs = await upload(trainJobId, { 'curves.json': Buffer.from('{}'), 'refiner.onnx': Buffer.from('onnx') });
  const trained: TrainedRefiner = {
    jobId: trainJobId, method: 'pix2pix', pairs: 412, modelKey: trainOutputs['refiner.onnx']!, curvesKey: trainOutputs['curves.json']!, trainSeconds: 41.25, secondsPerStep: 0.1375, steps: 300, onnxMaxAbsDiff: 2e-9,
  };
  await finishMlJob(deps.prisma, trainJobId, { status: 'SUCCEEDED', outputs: trainOutputs, metrics: { ...trained, standIn: true } });
  await startMlJob(deps.prisma, { id: `${workflowId}-refine`, campaignId, workflowId, kind: 'REFINEMENT', stage: 'refine' });
  await finishMlJob(deps.prisma, `${workflowId}-refine`, { status: 'SUCCEEDED', outputs: { model: trained.modelKey }, metrics: { refinedBatches: 20, inferenceMs: 1234.5 } });

  const refinedJobId = await gapCheck(workflowId, 'refined', (keys) => ({
    ...gap('refined', keys, {
      method: 'pix2pix', auc: 0.61, detectionScore: 0.78, cnnAuc: 0.61, cnnAucCi95: [0.56, 0.66], logisticAuc: 0.58, logisticAucCi95: [0.53, 0.63], mmdPValue: 0.31, depthMae: 4.2,
      labelPreservation: { realMae: 2.1, mapsMae: 2.3 },
      byClass: [{ defectClass: 'general', real: 120, synthetic: 400, cnnAuc: 0.62, depthMae: 4.1 }, { defectClass: 'axial-grooving', real: 8, synthetic: 112, cnnAuc: null, depthMae: null }],
    }),
    mapsGridKey: keys['maps_grid.png'],
  }), { 'tsne.png': PNG, 'maps_grid.png': PNG });

  // Before methods, intervals, label preservation and classes: the fields gap checks stored then.
  const olderWorkflowId = `${workflowId}-older`;
  await gapCheck(olderWorkflowId, 'raw', (keys) => ({
    jobId: `${olderWorkflowId}-gap-raw`, stage: 'raw', auc: 0.99, detectionScore: 0.02, logisticAuc: 0.95, cnnAuc: 0.99, mmdPValue: 0.005, reportKey: keys['report.json'], htmlKey: keys['report.html'], standIn: true,
  }), { 'tsne.png': PNG });
  await startMlJob(deps.prisma, { id: `${olderWorkflowId}-train`, campaignId, workflowId: olderWorkflowId, kind: 'REFINER_TRAINING', stage: 'train', realDatasetId });
  await finishMlJob(deps.prisma, `${olderWorkflowId}-train`, { status: 'FAILED', error: 'ONNX export differs from PyTorch by 0.3 T on the probe maps' });
  return { workflowId, olderWorkflowId, rawJobId, refinedJobId, trainJobId };
}
