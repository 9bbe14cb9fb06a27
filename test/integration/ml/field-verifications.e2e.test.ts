/**
 * @jest-environment ./test/integration/ml/onnx-environment.js
 */
// Field verifications end to end on real Temporal, S3, PostgreSQL, gRPC solver and Python jobs: a
// STAND-IN geometry library, a truth campaign, stand-in measured maps, a field verification
// campaign, then a paired refinement whose gap checks test on held-out defects only.
import { WorkflowFailedError } from '@temporalio/client';
import { submitCampaign } from '../../../services/control/submit';
import { createStandInVerifications, loadVerificationPairs } from '../../../services/field-verification';
import { generateStandInLibrary, importLibrary, loadLibraryDefects } from '../../../services/library';
import { splitVerifications } from '../../../services/ml/verification-split';
import { readObject } from '../../../services/store/s3';
import { refinementWorkflow } from '../../../workflows';
import { refinementWorkflowId, type RefinementOptions } from '../../../workflows/refinement-types';
import { CAMPAIGN_TASK_QUEUE } from '../../../workflows/types';
import { createCampaignFixture, testSpec, type CampaignFixture } from '../campaign/fixtures';

const TINY: RefinementOptions = { sampleSize: 40, trainSteps: 4, cnnEpochs: 2, folds: 2, permutations: 20, maxBatchesInFlight: 2 };
const DEFECTS = 14;
const GRID = '{ axialCount: 16, circumferentialCount: 8 }';

describe('field verifications and paired refinement end to end', () => {
  let f: CampaignFixture;
  let pairsCampaign: string;
  const suffix = Date.now().toString(36);
  const geometry = `fv-geometry-${suffix}`;
  const measuredLibrary = `fv-measured-${suffix}`;

  const runCampaign = async (yaml: string, name: string) => {
    const worker = await f.newWorker();
    const submitted = await submitCampaign({ prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket }, testSpec(name, yaml));
    expect(await worker.runUntil(f.client.workflow.getHandle(submitted.workflowId).result())).toBe('COMPLETED');
    return submitted.campaignId;
  };

  beforeAll(async () => {
    f = await createCampaignFixture();
    const deps = { prisma: f.servers.prisma, s3: f.servers.s3, bucket: f.servers.bucket };
    await importLibrary(deps, geometry, generateStandInLibrary(DEFECTS, 21));
    const truth = await runCampaign(
      `count: ${DEFECTS}
seed: 31
sampler: scan
scan: { library: ${geometry} }
solver: { model: dipole, sensorGrid: ${GRID} }
batchSize: 7
`,
      'fv-truth',
    );
    const standIn = await createStandInVerifications(deps, { truthCampaignId: truth, name: measuredLibrary });
    expect(standIn).toMatchObject({ measured: DEFECTS, failed: 0 });
    expect(standIn.description).toMatch(/^STAND-IN field verifications: .* "measured" by the stand-in instrument \(lift-off \+0.5/);
    pairsCampaign = await runCampaign(
      `count: ${DEFECTS}
seed: 31
sampler: scan
scan: { library: ${measuredLibrary}, fieldVerifications: true }
solver: { model: dipole, sensorGrid: ${GRID} }
batchSize: 7
`,
      'fv-pairs',
    );
  }, 300_000);
  afterAll(() => f?.close());

  it('records each measured map with its field, and pairs it with the simulation of the same defect at that field', async () => {
    const deps = { prisma: f.servers.prisma, s3: f.servers.s3, bucket: f.servers.bucket };
    const { library, defects } = await loadLibraryDefects(deps, measuredLibrary);
    expect(library.standIn).toBe(true);
    expect(defects.every((d) => d.measured && d.measured.backgroundFieldKAPerM! >= 10 && d.measured.backgroundFieldKAPerM! <= 35)).toBe(true);
    const pairs = await loadVerificationPairs(deps, pairsCampaign);
    expect(pairs).toMatchObject({ library: measuredLibrary, standIn: true, failed: [] });
    expect(pairs.defectIds).toEqual(defects.map((d) => d.id).sort());
    const size = 3 * 16 * 8;
    pairs.defectIds.forEach((id, k) => {
      const d = defects.find((x) => x.id === id)!;
      expect(Array.from(pairs.measured.subarray(k * size, (k + 1) * size))).toEqual(Array.from(d.measured!.tesla));
      // the simulated field is the one the map was measured at (labels column 0, kA/m)
      expect(pairs.labels[k * pairs.labelNames.length]).toBe(d.measured!.backgroundFieldKAPerM);
    });
    // The instrument makes a real gap: simulated and measured maps of a defect differ, but correlate.
    let dot = 0;
    let ss = 0;
    let mm = 0;
    for (let i = 0; i < pairs.simulated.length; i++) {
      dot += pairs.simulated[i]! * pairs.measured[i]!;
      ss += pairs.simulated[i]! ** 2;
      mm += pairs.measured[i]! ** 2;
    }
    const correlation = dot / Math.sqrt(ss * mm);
    expect(correlation).toBeGreaterThan(0.7);
    expect(correlation).toBeLessThan(0.999);
  });

  it('trains a paired refiner on the train defects and checks the gap on the held-out defects only', async () => {
    const workflowId = refinementWorkflowId(pairsCampaign);
    const worker = await f.newWorker();
    const result = await worker.runUntil(
      f.client.workflow.execute(refinementWorkflow, {
        taskQueue: CAMPAIGN_TASK_QUEUE,
        workflowId,
        args: [{ campaignId: pairsCampaign, gapCheck: true, refinement: true, method: 'autoencoder', fieldVerifications: pairsCampaign, options: TINY }],
      }),
    );
    const pairs = await loadVerificationPairs({ prisma: f.servers.prisma, s3: f.servers.s3, bucket: f.servers.bucket }, pairsCampaign);
    const split = splitVerifications(pairs.defectIds, 0.3, 0);
    expect(split.test.length).toBeGreaterThanOrEqual(2);
    expect(result.refiner).toMatchObject({ method: 'autoencoder', pairs: split.train.length });
    expect(result.refiner!.onnxMaxAbsDiff).toBeLessThan(1e-6);
    for (const gap of [result.raw!, result.refined!]) {
      expect(gap).toMatchObject({ standIn: true, realCount: split.test.length, seeds: 3 });
      expect(gap.cnnAucCi95).toHaveLength(2);
    }
    expect(result.refined).toMatchObject({ stage: 'refined', method: 'autoencoder' });
    expect(result.raw!.method).toBeUndefined();

    const s3 = f.servers.s3;
    const bucket = f.servers.bucket;
    const report = JSON.parse((await readObject(s3, bucket, result.refined!.reportKey))!.toString('utf8'));
    expect(report.real).toMatchObject({ count: split.test.length, heldOut: true, standIn: true, splitRule: split.rule });
    expect(report.synthetic).toMatchObject({ stage: 'refined', method: 'autoencoder', count: split.test.length });
    const grid = await readObject(s3, bucket, result.refined!.mapsGridKey!);
    expect(grid!.subarray(1, 4).toString()).toBe('PNG');
    expect((await readObject(s3, bucket, result.refined!.htmlKey))!.toString('utf8')).toContain('STAND-IN');

    // The training row records the split: its defects and the held-out ones never meet.
    const training = await f.servers.prisma.mlJob.findUniqueOrThrow({ where: { id: `${workflowId}-train` } });
    expect(training.metrics).toMatchObject({ fieldVerifications: pairsCampaign, trainDefects: split.train.length, splitRule: split.rule, standIn: true });
  }, 300_000);

  it('refuses a paired method without field verifications, without retries', async () => {
    const worker = await f.newWorker();
    const err = await worker.runUntil(
      f.client.workflow
        .execute(refinementWorkflow, {
          taskQueue: CAMPAIGN_TASK_QUEUE,
          workflowId: `${refinementWorkflowId(pairsCampaign)}-no-pairs`,
          args: [{ campaignId: pairsCampaign, gapCheck: true, refinement: true, method: 'pix2pix', options: TINY }],
        })
        .catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(((err as WorkflowFailedError).cause as { type?: string; message?: string }).message).toMatch(/pix2pix learns from field verification pairs; give fieldVerifications/);
  }, 60_000);
});
