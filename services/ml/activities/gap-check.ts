import fs from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { z } from 'zod';
import { loadCampaignContext } from '../../campaign/context';
import type { GapCheckInput, GapSummary } from '../../../workflows/refinement-types';
import { finishMlJob, startMlJob } from '../ml-catalog';
import { sampleMaps } from '../sample';
import { REFINED_ARRAY } from '../zarr-arrays';
import { configOf, downloadObject, makeWorkDir, mlPrefix, requireRealDataset, runJob, uploadDir, writeJob, writeNpy, type MlDeps } from './context';
import { runKubernetesMlJob } from './kubernetes-training';

// The fields of report.json the orchestrator relies on; the rest is for people and the dashboard.
const classifier = z.object({ auc: z.number(), detectionScore: z.number() });
const reportSchema = z.object({
  auc: z.number(),
  detectionScore: z.number(),
  classifiers: z.object({ logistic: classifier, cnn: classifier }),
  mmd: z.object({ pValue: z.number() }),
  depthTstr: z.object({ mae: z.number() }).nullable(),
});

/**
 * Gap check of the raw or refined maps against a measured set (a local process, or with
 * ML_GAP_CHECK_RUNNER=kubernetes a Job in the ML image); the report lands in S3 and the catalog.
 */
export async function gapCheck(deps: MlDeps, input: GapCheckInput): Promise<GapSummary> {
  const jobId = `${input.workflowId}-gap-${input.stage}`;
  const ctx = await loadCampaignContext(deps, input.campaignId);
  const real = await requireRealDataset(deps, input.realDatasetId);
  await startMlJob(deps.prisma, { id: jobId, campaignId: input.campaignId, workflowId: input.workflowId, kind: 'GAP_CHECK', stage: input.stage, realDatasetId: real.id });
  const dir = await makeWorkDir(deps, jobId);
  try {
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
      synthetic: { maps: 'synthetic.npy', labels: 'synthetic_labels.npy', labelNames: [...ctx.layout.paramNames], stage: input.stage },
      real: { maps: 'real.npy', labels: real.labelsKey ? 'real_labels.npy' : null, labelNames: real.labelNames, standIn: real.source === 'STAND_IN', datasetId: real.id },
      outputDir: 'out',
      options: { seed: input.options.seed ?? 0, folds: input.options.folds ?? 5, cnnEpochs: input.options.cnnEpochs ?? 8, permutations: input.options.permutations ?? 200 },
    });
    if (configOf(deps).ML_GAP_CHECK_RUNNER === 'kubernetes') {
      // Out of the worker: its image has no Python; the ML image has torch and scikit-learn.
      await runKubernetesMlJob(deps, { workflowId: input.workflowId, step: `gap-${input.stage}`, kind: 'gap-check', script: 'gap_check.py', prefix: mlPrefix(input.campaignId, jobId), dir });
    } else {
      await runJob(deps, 'gap_check.py', dir);
    }
    const outDir = path.join(dir, 'out');
    const report = reportSchema.parse(JSON.parse(await fs.readFile(path.join(outDir, 'report.json'), 'utf8')));
    const outputs = await uploadDir(deps, outDir, mlPrefix(input.campaignId, jobId));
    const summary: GapSummary = {
      jobId,
      stage: input.stage,
      auc: report.auc,
      detectionScore: report.detectionScore,
      logisticAuc: report.classifiers.logistic.auc,
      cnnAuc: report.classifiers.cnn.auc,
      mmdPValue: report.mmd.pValue,
      ...(report.depthTstr ? { depthMae: report.depthTstr.mae } : {}),
      reportKey: outputs['report.json']!,
      htmlKey: outputs['report.html']!,
      standIn: real.source === 'STAND_IN',
    };
    await finishMlJob(deps.prisma, jobId, { status: 'SUCCEEDED', outputs, metrics: { ...summary, sampled: sample.shape[0], skippedNonFinite: sample.skippedNonFinite } });
    return summary;
  } catch (err) {
    await finishMlJob(deps.prisma, jobId, { status: 'FAILED', error: err instanceof Error ? err.message : String(err) }).catch(() => undefined);
    throw err;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
