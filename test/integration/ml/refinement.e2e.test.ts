/**
 * @jest-environment ./test/integration/ml/onnx-environment.js
 */
import { WorkflowFailedError } from '@temporalio/client';
import { submitCampaign } from '../../../services/control/submit';
import { encodeNpy } from '../../../services/ml/npy';
import { readMapRows } from '../../../services/ml/zarr-arrays';
import { readObject } from '../../../services/store/s3';
import { datasetPrefix, manifestKey } from '../../../services/store/dataset';
import { refinementProgressQuery, refinementWorkflow } from '../../../workflows';
import { refinementWorkflowId, type RefinementOptions } from '../../../workflows/refinement-types';
import { CAMPAIGN_TASK_QUEUE } from '../../../workflows/types';
import { createCampaignFixture, testSpec, type CampaignFixture } from '../campaign/fixtures';

// Tiny everything: the point is the plumbing (S3 <-> npy <-> Python <-> ONNX <-> Zarr, catalog, Temporal).
const TINY: RefinementOptions = { sampleSize: 60, standInCount: 40, trainSteps: 4, cnnEpochs: 2, folds: 3, permutations: 20, maxBatchesInFlight: 2 };

describe('refinement workflow end to end on real Temporal, S3, PostgreSQL and Python jobs', () => {
  let f: CampaignFixture;
  let campaignId: string;
  const spec = testSpec(
    'ml-e2e',
    `count: 60
seed: 3
sampler: latin-hypercube
solver: { model: dipole, sensorGrid: { axialCount: 16, circumferentialCount: 8 } }
batchSize: 20
shardSize: 2
limits: { maxShardsInFlight: 1, maxBatchesInFlight: 2 }
`,
  );

  beforeAll(async () => {
    f = await createCampaignFixture();
    // A Temporal worker runs once: each runUntil below gets a fresh one.
    const worker = await f.newWorker();
    const submitted = await submitCampaign({ prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket }, spec);
    campaignId = submitted.campaignId;
    expect(await worker.runUntil(f.client.workflow.getHandle(submitted.workflowId).result())).toBe('COMPLETED');
  });
  afterAll(() => f?.close());

  it('checks the gap, trains a refiner, refines every batch into `refined` and checks the gap again', async () => {
    const workflowId = refinementWorkflowId(campaignId);
    const worker = await f.newWorker();
    const result = await worker.runUntil(async () => {
      const handle = await f.client.workflow.start(refinementWorkflow, {
        taskQueue: CAMPAIGN_TASK_QUEUE,
        workflowId,
        args: [{ campaignId, gapCheck: true, refinement: true, options: TINY }],
      });
      const out = await handle.result();
      const progress = await handle.query(refinementProgressQuery);
      expect(progress).toMatchObject({ phase: 'done', totalBatches: 3, refinedBatches: 3, batchesInFlight: 0 });
      return out;
    });

    expect(result.raw).toMatchObject({ stage: 'raw', standIn: true });
    expect(result.refined).toMatchObject({ stage: 'refined', standIn: true });
    expect(result.raw!.auc).toBeGreaterThanOrEqual(0);
    expect(result.refinedBatches).toBe(3);
    expect(result.refiner!.onnxMaxAbsDiff).toBeLessThan(1e-6);

    // Catalog: a STAND-IN measured set and one row per step, all succeeded.
    const prisma = f.servers.prisma;
    const real = await prisma.realDataset.findUniqueOrThrow({ where: { id: result.realDatasetId! } });
    expect(real).toMatchObject({ source: 'STAND_IN', campaignId, count: 40, shape: [40, 3, 16, 8] });
    const jobs = await prisma.mlJob.findMany({ where: { campaignId }, orderBy: { startedAt: 'asc' } });
    expect(jobs.map((j) => [j.kind, j.stage, j.status])).toEqual([
      ['GAP_CHECK', 'raw', 'SUCCEEDED'],
      ['REFINER_TRAINING', 'train', 'SUCCEEDED'],
      ['REFINEMENT', 'refine', 'SUCCEEDED'],
      ['GAP_CHECK', 'refined', 'SUCCEEDED'],
    ]);

    // Object storage: report JSON + PNG + HTML, the ONNX model and curves.
    const s3 = f.servers.s3;
    const bucket = f.servers.bucket;
    const report = JSON.parse((await readObject(s3, bucket, result.raw!.reportKey))!.toString('utf8'));
    expect(report.classifiers.cnn.aucCi95).toHaveLength(2);
    expect((await readObject(s3, bucket, result.raw!.htmlKey))!.toString('utf8')).toContain('STAND-IN');
    const png = await readObject(s3, bucket, result.raw!.reportKey.replace('report.json', 'tsne.png'));
    expect(png!.subarray(1, 4).toString()).toBe('PNG');
    expect((await readObject(s3, bucket, result.refiner!.modelKey))!.length).toBeGreaterThan(10_000);
    expect(await readObject(s3, bucket, result.refiner!.curvesKey)).toBeDefined();

    // The refined array sits beside the raw one: same shape, finite where the raw maps are, and changed.
    const loc = { bucket, prefix: datasetPrefix(campaignId) };
    const raw = await readMapRows(s3, loc, 'signals', 20, 20);
    const refined = await readMapRows(s3, loc, 'refined', 20, 20);
    expect(refined.shape).toEqual(raw.shape);
    expect(refined.data.every(Number.isFinite)).toBe(true);
    expect(refined.data.some((v, i) => v !== raw.data[i])).toBe(true);
    const manifest = JSON.parse((await readObject(s3, bucket, manifestKey(campaignId)))!.toString('utf8'));
    expect(manifest.arrays.refined).toMatchObject({ path: 'refined', shape: [60, 3, 16, 8] });
  }, 300_000);

  it('fails fast, without retries, when the measured maps contain NaN (the Python job rejects them with exit code 2)', async () => {
    const id = `real-nan-${Date.now()}`;
    const maps = new Float32Array(4 * 3 * 16 * 8).fill(1e-4);
    maps[3 * 3 * 16 * 8 + 5] = NaN;
    const key = `real/${id}/maps.npy`;
    const body = encodeNpy({ dtype: 'float32', data: maps, shape: [4, 3, 16, 8] });
    // Written behind import-real's back (which would refuse it) to prove the job checks its own inputs.
    await f.servers.s3.putObject(f.servers.bucket, key, body, body.length);
    await f.servers.prisma.realDataset.create({
      data: { id, name: 'nan', source: 'MEASURED', campaignId, count: 4, shape: [4, 3, 16, 8], channels: ['Bx', 'By', 'Bz'], units: 'T', mapsKey: key, labelNames: [], sensorGrid: {}, checksum: 'x' },
    });
    const worker = await f.newWorker();
    const err = await worker.runUntil(
      f.client.workflow
        .execute(refinementWorkflow, {
          taskQueue: CAMPAIGN_TASK_QUEUE,
          workflowId: `${refinementWorkflowId(campaignId)}-nan`,
          args: [{ campaignId, gapCheck: true, refinement: false, realDatasetId: id, options: TINY }],
        })
        .catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause as { cause?: { message?: string; type?: string } };
    expect(cause.cause?.type).toBe('BadMlInput');
    expect(cause.cause?.message).toMatch(/1 of 4 maps contain NaN or infinite values \(rows 3\)/);
    const job = await f.servers.prisma.mlJob.findUniqueOrThrow({ where: { id: `${refinementWorkflowId(campaignId)}-nan-gap-raw` } });
    expect(job).toMatchObject({ status: 'FAILED', attempts: 1 });
  }, 120_000);
});
