import fs from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { z } from 'zod';
import { loadCampaignContext } from '../../campaign/context';
import type { TrainRefinerInput, TrainedRefiner } from '../../../workflows/refinement-types';
import { finishMlJob, startMlJob } from '../ml-catalog';
import { decodeNpy } from '../npy';
import { OnnxRefiner } from '../onnx-refiner';
import { sampleMaps } from '../sample';
import { configOf, downloadObject, makeWorkDir, mlPrefix, requireRealDataset, runJob, uploadDir, writeJob, writeNpy, type MlDeps } from './context';
import { runKubernetesMlJob } from './kubernetes-training';

const trainingSchema = z.object({ steps: z.number(), trainSeconds: z.number(), secondsPerStep: z.number() });
// onnxruntime-node and PyTorch agree to ~1e-6 relative; anything larger means a broken export.
const MAX_EXPORT_DIFF_RELATIVE = 1e-4;

/**
 * Trains the SimGAN refiner on a campaign sample and the measured set (a local process, or with
 * ML_TRAINING_RUNNER=kubernetes a Job on a GPU node, k8s/ml/refiner-training-job.yaml), checks that the
 * ONNX export runs in onnxruntime-node like in PyTorch, and stores model and curves.
 */
export async function trainRefiner(deps: MlDeps, input: TrainRefinerInput): Promise<TrainedRefiner> {
  const jobId = `${input.workflowId}-train`;
  const ctx = await loadCampaignContext(deps, input.campaignId);
  const real = await requireRealDataset(deps, input.realDatasetId);
  await startMlJob(deps.prisma, { id: jobId, campaignId: input.campaignId, workflowId: input.workflowId, kind: 'REFINER_TRAINING', stage: 'train', realDatasetId: real.id });
  const dir = await makeWorkDir(deps, jobId);
  try {
    const sample = await sampleMaps(deps.s3, ctx.location, ctx.layout, 'signals', input.options.sampleSize ?? 512, (n) => Context.current().heartbeat({ sampled: n }));
    if (sample.shape[0] === 0) throw ApplicationFailure.nonRetryable(`campaign ${input.campaignId} has no finite maps to train on`, 'EmptySample');
    await writeNpy(dir, 'synthetic.npy', { dtype: 'float32', data: sample.maps, shape: sample.shape });
    await downloadObject(deps, real.mapsKey, path.join(dir, 'real.npy'));
    await writeJob(dir, {
      campaignId: input.campaignId,
      synthetic: { maps: 'synthetic.npy' },
      real: { maps: 'real.npy', standIn: real.source === 'STAND_IN', datasetId: real.id },
      outputDir: 'out',
      options: { seed: input.options.seed ?? 0, steps: input.options.trainSteps ?? 300, batchSize: 32 },
    });
    if (configOf(deps).ML_TRAINING_RUNNER === 'kubernetes') {
      await runKubernetesMlJob(deps, { workflowId: input.workflowId, step: 'train', kind: 'refiner-training', script: 'refine_train.py', prefix: mlPrefix(input.campaignId, jobId), dir });
    } else {
      await runJob(deps, 'refine_train.py', dir);
    }
    const outDir = path.join(dir, 'out');
    const training = trainingSchema.parse(JSON.parse(await fs.readFile(path.join(outDir, 'training.json'), 'utf8')));
    const diff = await probeDifference(outDir);
    if (!(diff.max <= MAX_EXPORT_DIFF_RELATIVE * diff.scale)) {
      throw ApplicationFailure.nonRetryable(`ONNX export differs from PyTorch by ${diff.max} T on the probe maps`, 'BrokenExport');
    }
    const outputs = await uploadDir(deps, outDir, mlPrefix(input.campaignId, jobId));
    const result: TrainedRefiner = {
      jobId,
      method: 'simgan',
      modelKey: outputs['refiner.onnx']!,
      curvesKey: outputs['curves.json']!,
      trainSeconds: training.trainSeconds,
      secondsPerStep: training.secondsPerStep,
      steps: training.steps,
      onnxMaxAbsDiff: diff.max,
    };
    await finishMlJob(deps.prisma, jobId, { status: 'SUCCEEDED', outputs, metrics: { ...result, standIn: real.source === 'STAND_IN' } });
    return result;
  } catch (err) {
    await finishMlJob(deps.prisma, jobId, { status: 'FAILED', error: err instanceof Error ? err.message : String(err) }).catch(() => undefined);
    throw err;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
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
