import fs from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { z } from 'zod';
import { loadCampaignContext } from '../../campaign/context';
import type { GapCheckInput, GapSummary } from '../../../workflows/refinement-types';
import { finishMlJob, startMlJob } from '../ml-catalog';
import { OnnxRefiner } from '../onnx-refiner';
import { sampleMaps } from '../sample';
import { labelsArray, mapsArray, splitArrays } from '../verification-inputs';
import { REFINED_ARRAY } from '../zarr-arrays';
import { configOf, downloadObject, makeWorkDir, mlPrefix, requireRealDataset, uploadDir, writeJob, writeNpy, type MlDeps } from './context';
import { kubernetesOrLocal, loadPairs } from './field-verifications';

// The fields of report.json the orchestrator relies on; the rest is for people and the dashboard.
const interval = z.tuple([z.number(), z.number()]);
const classifier = z.object({ auc: z.number(), detectionScore: z.number(), aucCi95: interval.optional() });
const reportSchema = z.object({
  auc: z.number(),
  detectionScore: z.number(),
  seeds: z.array(z.number()).optional(),
  classifiers: z.object({ logistic: classifier, cnn: classifier }),
  mmd: z.object({ pValue: z.number() }),
  depthTstr: z.object({ mae: z.number() }).nullable(),
  labelPreservation: z.object({ realMae: z.number(), mapsMae: z.number() }).nullish(),
  byClass: z
    .array(z.object({ defectClass: z.string(), real: z.number(), synthetic: z.number(), cnnAuc: z.number().nullable(), depthMae: z.number().nullable() }))
    .optional(),
  real: z.object({ count: z.number() }).optional(),
});

// Defects shown in the raw / refined / measured grid of a field verification gap check.
const GRID_DEFECTS = 6;

/**
 * Gap check of raw or refined maps against measured ones (a local process, or with
 * ML_GAP_CHECK_RUNNER=kubernetes a Job in the ML image); the report lands in S3 and the catalog.
 */
export async function gapCheck(deps: MlDeps, input: GapCheckInput): Promise<GapSummary> {
  const jobId = `${input.workflowId}-gap-${input.stage}`;
  await startMlJob(deps.prisma, { id: jobId, campaignId: input.campaignId, workflowId: input.workflowId, kind: 'GAP_CHECK', stage: input.stage, ...(input.realDatasetId ? { realDatasetId: input.realDatasetId } : {}) });
  const dir = await makeWorkDir(deps, jobId);
  try {
    const prepared = input.fieldVerifications ? await verificationInputs(deps, input, dir) : await campaignInputs(deps, input, dir);
    await kubernetesOrLocal(deps, configOf(deps).ML_GAP_CHECK_RUNNER, { workflowId: input.workflowId, step: `gap-${input.stage}`, kind: 'gap-check', script: 'gap_check.py', prefix: mlPrefix(input.campaignId, jobId), dir });
    const outDir = path.join(dir, 'out');
    const report = reportSchema.parse(JSON.parse(await fs.readFile(path.join(outDir, 'report.json'), 'utf8')));
    const outputs = await uploadDir(deps, outDir, mlPrefix(input.campaignId, jobId));
    const summary: GapSummary = {
      jobId,
      stage: input.stage,
      ...(input.stage === 'refined' && input.method ? { method: input.method } : {}),
      auc: report.auc,
      detectionScore: report.detectionScore,
      logisticAuc: report.classifiers.logistic.auc,
      cnnAuc: report.classifiers.cnn.auc,
      ...(report.classifiers.logistic.aucCi95 ? { logisticAucCi95: report.classifiers.logistic.aucCi95 } : {}),
      ...(report.classifiers.cnn.aucCi95 ? { cnnAucCi95: report.classifiers.cnn.aucCi95 } : {}),
      ...(report.seeds ? { seeds: report.seeds.length } : {}),
      mmdPValue: report.mmd.pValue,
      ...(report.depthTstr ? { depthMae: report.depthTstr.mae } : {}),
      ...(report.labelPreservation ? { labelPreservation: { realMae: report.labelPreservation.realMae, mapsMae: report.labelPreservation.mapsMae } } : {}),
      ...(report.byClass ? { byClass: report.byClass } : {}),
      ...(report.real ? { realCount: report.real.count } : {}),
      reportKey: outputs['report.json']!,
      htmlKey: outputs['report.html']!,
      ...(outputs['maps_grid.png'] ? { mapsGridKey: outputs['maps_grid.png'] } : {}),
      standIn: prepared.standIn,
    };
    await finishMlJob(deps.prisma, jobId, { status: 'SUCCEEDED', outputs, metrics: { ...summary, ...prepared.metrics } });
    return summary;
  } catch (err) {
    await finishMlJob(deps.prisma, jobId, { status: 'FAILED', error: err instanceof Error ? err.message : String(err) }).catch(() => undefined);
    throw err;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

interface PreparedInputs {
  standIn: boolean;
  metrics: Record<string, unknown>;
}

// Classifier seeds: the run's seed and the next two (the gap check reads `seeds`, not `seed`).
const options = (input: GapCheckInput) => ({
  seeds: [0, 1, 2].map((k) => (input.options.seed ?? 0) + k),
  folds: input.options.folds ?? 5,
  cnnEpochs: input.options.cnnEpochs ?? 8,
  permutations: input.options.permutations ?? 200,
});

/** A sample of the campaign's raw or refined maps against a measured set. */
async function campaignInputs(deps: MlDeps, input: GapCheckInput, dir: string): Promise<PreparedInputs> {
  if (!input.realDatasetId) throw ApplicationFailure.nonRetryable('a gap check needs a measured set (realDatasetId) or a field verification campaign', 'NoMeasuredData');
  const ctx = await loadCampaignContext(deps, input.campaignId);
  const real = await requireRealDataset(deps, input.realDatasetId);
  const array = input.stage === 'raw' ? 'signals' : REFINED_ARRAY;
  const sample = await sampleMaps(deps.s3, ctx.location, ctx.layout, array, input.options.sampleSize ?? 512, (n) => Context.current().heartbeat({ sampled: n }));
  if (sample.shape[0] === 0) {
    throw ApplicationFailure.nonRetryable(`campaign ${input.campaignId} has no finite ${array} maps to check (${sample.skippedNonFinite} NaN rows)`, 'EmptySample');
  }
  await writeNpy(dir, 'synthetic.npy', { dtype: 'float32', data: sample.maps, shape: sample.shape });
  await writeNpy(dir, 'synthetic_labels.npy', { dtype: 'float64', data: sample.params, shape: [sample.shape[0], sample.paramCount] });
  await downloadObject(deps, real.mapsKey, path.join(dir, 'real.npy'));
  if (real.labelsKey) await downloadObject(deps, real.labelsKey, path.join(dir, 'real_labels.npy'));
  await writeJob(dir, {
    campaignId: input.campaignId,
    synthetic: { maps: 'synthetic.npy', labels: 'synthetic_labels.npy', labelNames: [...ctx.layout.paramNames], stage: input.stage, ...(input.method ? { method: input.method } : {}) },
    real: { maps: 'real.npy', labels: real.labelsKey ? 'real_labels.npy' : null, labelNames: real.labelNames, standIn: real.source === 'STAND_IN', datasetId: real.id },
    outputDir: 'out',
    options: options(input),
  });
  return { standIn: real.source === 'STAND_IN', metrics: { sampled: sample.shape[0], skippedNonFinite: sample.skippedNonFinite } };
}

/**
 * The held-out defects of a field verification set: their measured maps against their simulations,
 * raw or passed through the refiner (with the noise seeds the workers use), and a grid of both
 * beside the measured maps.
 */
async function verificationInputs(deps: MlDeps, input: GapCheckInput, dir: string): Promise<PreparedInputs> {
  const pairs = await loadPairs(deps, input.fieldVerifications!);
  const seed = input.options.seed ?? 0;
  const arrays = splitArrays(pairs, seed);
  const { train, test, mapShape, split } = arrays;
  if (test.defectIds.length < 2 || train.defectIds.length < 2) {
    throw ApplicationFailure.nonRetryable(`field verification campaign ${input.fieldVerifications} splits into ${train.defectIds.length} train and ${test.defectIds.length} test defects; a gap check needs at least 2 of each`, 'TooFewVerifications');
  }
  let synthetic = test.simulated;
  if (input.stage === 'refined') {
    if (!input.modelKey) throw ApplicationFailure.nonRetryable('a refined gap check on field verifications needs the refiner (modelKey)', 'NoRefiner');
    synthetic = await refineMaps(deps, input.modelKey, test.simulated, mapShape, seed, dir);
  }
  const P = pairs.labelNames.length;
  await writeNpy(dir, 'synthetic.npy', mapsArray(synthetic, mapShape));
  await writeNpy(dir, 'test_labels.npy', labelsArray(test.labels, P));
  await writeNpy(dir, 'real.npy', mapsArray(test.measured, mapShape));
  await writeNpy(dir, 'real_train.npy', mapsArray(train.measured, mapShape));
  await writeNpy(dir, 'real_train_labels.npy', labelsArray(train.labels, P));
  const mapSize = mapShape[0] * mapShape[1] * mapShape[2];
  const shown = Math.min(GRID_DEFECTS, test.defectIds.length);
  await writeNpy(dir, 'grid_raw.npy', mapsArray(test.simulated.subarray(0, shown * mapSize), mapShape));
  await writeNpy(dir, 'grid_refined.npy', mapsArray(synthetic.subarray(0, shown * mapSize), mapShape));
  await writeNpy(dir, 'grid_real.npy', mapsArray(test.measured.subarray(0, shown * mapSize), mapShape));
  const labelNames = [...pairs.labelNames];
  await writeJob(dir, {
    campaignId: input.campaignId,
    synthetic: { maps: 'synthetic.npy', labels: 'test_labels.npy', labelNames, stage: input.stage, classes: test.classes, ...(input.method ? { method: input.method } : {}) },
    real: { maps: 'real.npy', labels: 'test_labels.npy', labelNames, standIn: pairs.standIn, datasetId: `field verifications ${pairs.campaignId}`, classes: test.classes, heldOut: true, splitRule: split.rule },
    realTrain: { maps: 'real_train.npy', labels: 'real_train_labels.npy', labelNames },
    grid: { raw: 'grid_raw.npy', refined: 'grid_refined.npy', real: 'grid_real.npy', ids: test.defectIds.slice(0, shown) },
    outputDir: 'out',
    options: options(input),
  });
  return {
    standIn: pairs.standIn,
    metrics: { fieldVerifications: pairs.campaignId, library: pairs.library, trainDefects: train.defectIds.length, testDefects: test.defectIds.length, splitRule: split.rule, splitSeed: seed },
  };
}

/** The refiner applied as the workers apply it (onnxruntime-node, noise seeded per row block). */
async function refineMaps(deps: MlDeps, modelKey: string, maps: Float32Array, mapShape: readonly number[], seed: number, dir: string): Promise<Float32Array> {
  const file = path.join(dir, 'refiner.onnx');
  await downloadObject(deps, modelKey, file);
  const refiner = await OnnxRefiner.load(file, configOf(deps).ML_TORCH_THREADS);
  try {
    const n = maps.length / mapShape.reduce((a, b) => a * b, 1);
    return await refiner.refine(maps, [n, ...mapShape], seed);
  } finally {
    await refiner.close();
  }
}

