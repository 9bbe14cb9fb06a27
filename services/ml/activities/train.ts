import fs from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { z } from 'zod';
import { loadCampaignContext } from '../../campaign/context';
import { isPairedMethod, type TrainRefinerInput, type TrainedRefiner } from '../../../workflows/refinement-types';
import { finishMlJob, startMlJob } from '../ml-catalog';
import { decodeNpy } from '../npy';
import { OnnxRefiner } from '../onnx-refiner';
import { sampleMaps } from '../sample';
import { mapsArray, splitArrays } from '../verification-inputs';
import { configOf, downloadObject, makeWorkDir, mlPrefix, requireRealDataset, uploadDir, writeJob, writeNpy, type MlDeps } from './context';
import { kubernetesOrLocal, loadPairs } from './field-verifications';

const trainingSchema = z.object({ steps: z.number(), trainSeconds: z.number(), secondsPerStep: z.number() });
// onnxruntime-node and PyTorch agree to ~1e-6 relative; anything larger means a broken export.
const MAX_EXPORT_DIFF_RELATIVE = 1e-4;

/**
 * Trains a refiner (SimGAN on a campaign sample and measured maps, or a paired method on field
 * verification pairs; a local process, or with
 * ML_TRAINING_RUNNER=kubernetes a Job on a GPU node, k8s/ml/refiner-training-job.yaml), checks that the
 * ONNX export runs in onnxruntime-node like in PyTorch, and stores model and curves.
 */
export async function trainRefiner(deps: MlDeps, input: TrainRefinerInput): Promise<TrainedRefiner> {
  const jobId = `${input.workflowId}-train`;
  await startMlJob(deps.prisma, { id: jobId, campaignId: input.campaignId, workflowId: input.workflowId, kind: 'REFINER_TRAINING', stage: 'train', ...(input.realDatasetId ? { realDatasetId: input.realDatasetId } : {}) });
  const dir = await makeWorkDir(deps, jobId);
  try {
    const prepared = await trainingInputs(deps, input, dir);
    await writeJob(dir, {
      campaignId: input.campaignId,
      method: input.method,
      ...prepared.job,
      outputDir: 'out',
      // Steps and batch size default per method in the job; tests and benchmarks may set the steps.
      options: { seed: input.options.seed ?? 0, ...(input.options.trainSteps ? { steps: input.options.trainSteps } : {}), threads: configOf(deps).ML_TORCH_THREADS },
    });
    await kubernetesOrLocal(deps, configOf(deps).ML_TRAINING_RUNNER, { workflowId: input.workflowId, step: 'train', kind: 'refiner-training', script: 'refine_train.py', prefix: mlPrefix(input.campaignId, jobId), dir });
    const outDir = path.join(dir, 'out');
    const training = trainingSchema.parse(JSON.parse(await fs.readFile(path.join(outDir, 'training.json'), 'utf8')));
    const diff = await probeDifference(outDir);
    if (!(diff.max <= MAX_EXPORT_DIFF_RELATIVE * diff.scale)) {
      throw ApplicationFailure.nonRetryable(`ONNX export differs from PyTorch by ${diff.max} T on the probe maps`, 'BrokenExport');
    }
    const outputs = await uploadDir(deps, outDir, mlPrefix(input.campaignId, jobId));
    const result: TrainedRefiner = {
      jobId,
      method: input.method,
      ...(prepared.pairs !== undefined ? { pairs: prepared.pairs } : {}),
      modelKey: outputs['refiner.onnx']!,
      curvesKey: outputs['curves.json']!,
      trainSeconds: training.trainSeconds,
      secondsPerStep: training.secondsPerStep,
      steps: training.steps,
      onnxMaxAbsDiff: diff.max,
    };
    await finishMlJob(deps.prisma, jobId, { status: 'SUCCEEDED', outputs, metrics: { ...result, standIn: prepared.standIn, ...prepared.metrics } });
    return result;
  } catch (err) {
    await finishMlJob(deps.prisma, jobId, { status: 'FAILED', error: err instanceof Error ? err.message : String(err) }).catch(() => undefined);
    throw err;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

interface TrainingInputs {
  job: Record<string, unknown>;
  standIn: boolean;
  pairs?: number;
  metrics: Record<string, unknown>;
}

/**
 * What the training job reads. Paired methods: the (simulated, measured) pairs of the field
 * verification set's train defects. SimGAN: a sample of the campaign's maps against the measured
 * maps of those train defects, or of the measured set.
 */
async function trainingInputs(deps: MlDeps, input: TrainRefinerInput, dir: string): Promise<TrainingInputs> {
  const paired = isPairedMethod(input.method);
  let synthetic: Record<string, unknown> = {};
  if (!paired) {
    const ctx = await loadCampaignContext(deps, input.campaignId);
    const sample = await sampleMaps(deps.s3, ctx.location, ctx.layout, 'signals', input.options.sampleSize ?? 512, (n) => Context.current().heartbeat({ sampled: n }));
    if (sample.shape[0] === 0) throw ApplicationFailure.nonRetryable(`campaign ${input.campaignId} has no finite maps to train on`, 'EmptySample');
    await writeNpy(dir, 'synthetic.npy', { dtype: 'float32', data: sample.maps, shape: sample.shape });
    synthetic = { synthetic: { maps: 'synthetic.npy' } };
  }
  if (input.fieldVerifications) {
    const pairs = await loadPairs(deps, input.fieldVerifications);
    const seed = input.options.seed ?? 0;
    const { train, mapShape, split } = splitArrays(pairs, seed);
    await writeNpy(dir, 'pairs_synthetic.npy', mapsArray(train.simulated, mapShape));
    await writeNpy(dir, 'pairs_measured.npy', mapsArray(train.measured, mapShape));
    return {
      job: {
        ...synthetic,
        real: { maps: 'pairs_measured.npy', standIn: pairs.standIn },
        ...(paired ? { pairs: { synthetic: 'pairs_synthetic.npy', measured: 'pairs_measured.npy', standIn: pairs.standIn } } : {}),
      },
      standIn: pairs.standIn,
      ...(paired ? { pairs: train.defectIds.length } : {}),
      metrics: { fieldVerifications: pairs.campaignId, library: pairs.library, trainDefects: train.defectIds.length, splitRule: split.rule, splitSeed: seed },
    };
  }
  if (paired) throw ApplicationFailure.nonRetryable(`refinement method ${input.method} needs a field verification campaign (fieldVerifications)`, 'NoFieldVerifications');
  if (!input.realDatasetId) throw ApplicationFailure.nonRetryable('SimGAN training needs a measured set (realDatasetId) or a field verification campaign', 'NoMeasuredData');
  const real = await requireRealDataset(deps, input.realDatasetId);
  await downloadObject(deps, real.mapsKey, path.join(dir, 'real.npy'));
  return { job: { ...synthetic, real: { maps: 'real.npy', standIn: real.source === 'STAND_IN', datasetId: real.id } }, standIn: real.source === 'STAND_IN', metrics: {} };
}

async function probeDifference(outDir: string): Promise<{ max: number; scale: number }> {
  const read = async (name: string) => decodeNpy(await fs.readFile(path.join(outDir, name)), name);
  const [signals, noise, expected] = await Promise.all([read('probe_signals.npy'), read('probe_noise.npy'), read('probe_refined.npy')]);
  const refiner = await OnnxRefiner.load(path.join(outDir, 'refiner.onnx'));
  try {
    const got = await refiner.runRaw(signals.data as Float32Array, noise.data as Float32Array, signals.shape);
    let max = 0;
    let scale = 0;
    expected.data.forEach((v, i) => {
      max = Math.max(max, Math.abs(v - got[i]!));
      scale = Math.max(scale, Math.abs(v));
    });
    return { max, scale };
  } finally {
    await refiner.close();
  }
}
