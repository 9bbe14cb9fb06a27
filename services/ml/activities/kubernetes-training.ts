// The Kubernetes side of the ML jobs (refiner training, gap checks): the local work directory
// (job.json and .npy inputs) goes to S3 under <prefix>/in/, the Job runs, and its outputs come
// back from <prefix>/out/ into <dir>/out, so the activity checks and stores them exactly as after
// a local run.

import fs from 'node:fs/promises';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KubernetesJobRunner, type KubernetesJobResult } from '../kubernetes-job';
import type { MlJobKind } from '../kubernetes-job-spec';
import { configOf, downloadObject, uploadDir, type MlDeps } from './context';

export interface KubernetesMlJobRequest {
  workflowId: string;
  step: string;
  kind: MlJobKind;
  script: string;
  /** campaigns/<id>/ml/<jobId> (mlPrefix): inputs under in/, outputs under out/. */
  prefix: string;
  /** Holds job.json and its inputs; outputs are written to <dir>/out. */
  dir: string;
}

export function kubernetesRunner(deps: MlDeps, pollMs?: number): KubernetesJobRunner {
  const config = configOf(deps);
  if (!config.ML_TRAINING_IMAGE || !config.ML_TRAINING_NAMESPACE) throw new Error('ML_TRAINING_IMAGE and ML_TRAINING_NAMESPACE are required to run ML jobs on Kubernetes');
  return new KubernetesJobRunner({
    kubeConfig: deps.kubeConfig ?? defaultKubeConfig(),
    namespace: config.ML_TRAINING_NAMESPACE,
    image: config.ML_TRAINING_IMAGE,
    gpus: config.ML_TRAINING_GPU,
    s3Secret: config.ML_TRAINING_S3_SECRET,
    ...(pollMs !== undefined ? { pollMs } : {}),
  });
}

export async function runKubernetesMlJob(deps: MlDeps, request: KubernetesMlJobRequest, runner = kubernetesRunner(deps)): Promise<KubernetesJobResult> {
  // Re-uploading on a retry is harmless: a reused Job has already read its inputs, or reads these same ones.
  await uploadDir(deps, request.dir, `${request.prefix}/in`);
  const result = await runner.run({ workflowId: request.workflowId, step: request.step, kind: request.kind, script: request.script, jobPrefix: `${deps.bucket}/${request.prefix}` });
  await downloadPrefix(deps, `${request.prefix}/out/`, path.join(request.dir, 'out'));
  return result;
}

async function downloadPrefix(deps: MlDeps, prefix: string, dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const keys: string[] = [];
  for await (const item of deps.s3.listObjectsV2(deps.bucket, prefix, true)) {
    const key = (item as { name?: string }).name;
    if (key) keys.push(key);
  }
  // The activity validates the outputs next (training.json, refiner.onnx, report.json); name what is missing there.
  for (const key of keys) await downloadObject(deps, key, path.join(dir, key.slice(prefix.length)));
}

function defaultKubeConfig(): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromDefault();
  return kubeConfig;
}
