import fs from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { KubeConfig } from '@kubernetes/client-node';
import type * as Minio from 'minio';
import type { PrismaClient } from '../../catalog/client';
import { readObject } from '../../store/s3';
import { mlConfigSchema, type MlConfig } from '../config';
import { decodeNpy, encodeNpy, type NpyArray } from '../npy';
import { isPythonJobError, runPythonJob } from '../python-job';
import { getRealDataset, type RealDatasetRow } from '../ml-catalog';
import type { VerificationPairsLoader } from '../verification-inputs';

/**
 * What the ML activities need: the catalog and bucket the campaign activities use, plus where the
 * Python jobs run. kubeConfig is for ML_TRAINING_RUNNER=kubernetes; without it the pod's service
 * account is used.
 */
export interface MlDeps {
  prisma: PrismaClient;
  s3: Minio.Client;
  bucket: string;
  ml?: MlConfig;
  kubeConfig?: KubeConfig;
  /** Field verification pairs (services/field-verification); refinements that name a field verification campaign need it. */
  loadVerificationPairs?: VerificationPairsLoader;
}

export const configOf = (deps: MlDeps): MlConfig => deps.ml ?? mlConfigSchema.parse({});

export const mlPrefix = (campaignId: string, jobId: string): string => `campaigns/${campaignId}/ml/${jobId}`;

/** A fresh local directory for one attempt of one job; removed by the caller. */
export async function makeWorkDir(deps: MlDeps, jobId: string): Promise<string> {
  const dir = path.join(configOf(deps).ML_WORK_DIR, `${jobId}-${Context.current().info.attempt}-${process.pid}`);
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  return dir;
}

export async function writeNpy(dir: string, name: string, array: NpyArray): Promise<string> {
  await fs.writeFile(path.join(dir, name), encodeNpy(array));
  return name;
}

export async function downloadObject(deps: MlDeps, key: string, file: string): Promise<void> {
  const body = await readObject(deps.s3, deps.bucket, key);
  if (!body) throw ApplicationFailure.nonRetryable(`s3://${deps.bucket}/${key} is missing`, 'MissingObject');
  await fs.writeFile(file, body);
}

export async function readNpyObject(deps: MlDeps, key: string): Promise<NpyArray> {
  const body = await readObject(deps.s3, deps.bucket, key);
  if (!body) throw ApplicationFailure.nonRetryable(`s3://${deps.bucket}/${key} is missing`, 'MissingObject');
  return decodeNpy(body, key);
}

const CONTENT_TYPES: Record<string, string> = { '.json': 'application/json', '.png': 'image/png', '.html': 'text/html; charset=utf-8', '.onnx': 'application/octet-stream', '.npy': 'application/octet-stream' };

/** Uploads every file of a job's output directory under `prefix`; returns file name -> object key. */
export async function uploadDir(deps: MlDeps, dir: string, prefix: string): Promise<Record<string, string>> {
  const keys: Record<string, string> = {};
  for (const name of (await fs.readdir(dir)).sort()) {
    const body = await fs.readFile(path.join(dir, name));
    const key = `${prefix}/${name}`;
    await deps.s3.putObject(deps.bucket, key, body, body.length, { 'Content-Type': CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream' });
    keys[name] = key;
  }
  return keys;
}

export async function requireRealDataset(deps: MlDeps, id: string): Promise<RealDatasetRow> {
  const row = await getRealDataset(deps.prisma, id);
  if (!row) throw ApplicationFailure.nonRetryable(`real dataset ${id} is not in the catalog`, 'RealDatasetNotFound');
  return row;
}

/** Runs a Python job with heartbeats and cancellation; bad inputs (exit 2) fail without retries. */
export async function runJob(deps: MlDeps, script: string, dir: string): Promise<void> {
  const config = configOf(deps);
  const ctx = Context.current();
  try {
    await runPythonJob({
      python: config.ML_PYTHON,
      script: path.join(config.ML_SCRIPTS_DIR, script),
      args: [path.join(dir, 'job.json')],
      cwd: dir,
      threads: config.ML_TORCH_THREADS,
      heartbeat: (detail) => ctx.heartbeat(detail),
      signal: ctx.cancellationSignal,
    });
  } catch (err) {
    if (isPythonJobError(err) && err.badInput) throw ApplicationFailure.nonRetryable(err.message, 'BadMlInput');
    throw err;
  }
}

export async function writeJob(dir: string, job: unknown): Promise<void> {
  await fs.writeFile(path.join(dir, 'job.json'), JSON.stringify(job, null, 2));
}
