import fs from 'node:fs/promises';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { loadCampaignContext } from '../../campaign/context';
import { manifestKey, writeManifest } from '../../store/dataset';
import { readObject } from '../../store/s3';
import type { RefineBatchInput, RefineBatchOutput } from '../../../workflows/refinement-types';
import { finishMlJob, startMlJob } from '../ml-catalog';
import { OnnxRefiner, batchNoiseSeed } from '../onnx-refiner';
import { REFINED_ARRAY, createRefinedArray, readMapRows, writeRefinedRows } from '../zarr-arrays';
import { configOf, downloadObject, type MlDeps } from './context';

/** Creates the `refined` array (same shape and chunks as `signals`); returns the number of batches. */
export async function prepareRefinement(deps: MlDeps, input: { campaignId: string; workflowId: string; modelKey: string }): Promise<{ totalBatches: number }> {
  const ctx = await loadCampaignContext(deps, input.campaignId);
  await createRefinedArray(deps.s3, ctx.location, ctx.layout, { refiner: `s3://${deps.bucket}/${input.modelKey}`, note: 'signals passed through the trained refiner (its training job names the method); NaN where the simulation failed' });
  await startMlJob(deps.prisma, { id: `${input.workflowId}-refine`, campaignId: input.campaignId, workflowId: input.workflowId, kind: 'REFINEMENT', stage: 'refine' });
  return { totalBatches: Math.ceil(ctx.total / ctx.layout.batchSize) };
}

// One loaded session per model per worker process: batches of a campaign reuse it.
const sessions = new Map<string, Promise<OnnxRefiner>>();

async function refinerFor(deps: MlDeps, modelKey: string): Promise<OnnxRefiner> {
  let session = sessions.get(modelKey);
  if (!session) {
    session = (async () => {
      const dir = path.join(configOf(deps).ML_WORK_DIR, 'models');
      await fs.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${modelKey.replace(/[^A-Za-z0-9._-]/g, '_')}`);
      await downloadObject(deps, modelKey, file);
      return OnnxRefiner.load(file);
    })();
    sessions.set(modelKey, session);
    session.catch(() => sessions.delete(modelKey));
  }
  return session;
}

/** Refines one batch's chunk and writes it to `refined`; a retry writes the same bytes (seeded noise). */
export async function refineBatch(deps: MlDeps, input: RefineBatchInput): Promise<RefineBatchOutput> {
  const ctx = await loadCampaignContext(deps, input.campaignId);
  const activity = Context.current();
  activity.heartbeat({ batchIndex: input.batchIndex });
  const start = input.batchIndex * ctx.layout.batchSize;
  const count = Math.min(ctx.layout.batchSize, ctx.total - start);
  if (count <= 0) throw new RangeError(`batch ${input.batchIndex} is outside campaign ${input.campaignId}`);
  const rows = await readMapRows(deps.s3, ctx.location, 'signals', start, count);
  const refiner = await refinerFor(deps, input.modelKey);
  const started = performance.now();
  const refined = await refiner.refine(rows.data, rows.shape, batchNoiseSeed(input.seed, input.batchIndex));
  const inferenceMs = performance.now() - started;
  activity.heartbeat({ batchIndex: input.batchIndex, inferenceMs });
  await writeRefinedRows(deps.s3, ctx.location, ctx.layout, start, count, refined);
  const mapSize = refined.length / count;
  let failedRows = 0;
  for (let k = 0; k < count; k++) if (Number.isNaN(refined[k * mapSize]!)) failedRows++;
  return { batchIndex: input.batchIndex, refined: count - failedRows, failedRows, inferenceMs };
}

/** Records the refinement in the catalog and adds the `refined` array to the campaign's manifest. */
export async function finishRefinement(
  deps: MlDeps,
  input: { campaignId: string; workflowId: string; modelKey: string; refinedBatches: number; inferenceMs: number },
): Promise<void> {
  const key = manifestKey(input.campaignId);
  const body = await readObject(deps.s3, deps.bucket, key);
  if (body) {
    const manifest = JSON.parse(body.toString('utf8')) as { arrays?: Record<string, unknown> } & Record<string, unknown>;
    const signals = (manifest.arrays?.['signals'] ?? {}) as Record<string, unknown>;
    manifest.arrays = { ...manifest.arrays, [REFINED_ARRAY]: { ...signals, path: REFINED_ARRAY, refiner: `s3://${deps.bucket}/${input.modelKey}` } };
    await writeManifest(deps.s3, deps.bucket, key, manifest);
  }
  await finishMlJob(deps.prisma, `${input.workflowId}-refine`, {
    status: 'SUCCEEDED',
    outputs: { model: input.modelKey },
    metrics: { refinedBatches: input.refinedBatches, inferenceMs: input.inferenceMs },
  });
}
