import type * as Minio from 'minio';
import { MockActivityEnvironment } from '@temporalio/testing';
import { readBatchArrays } from '../../../services/consumer/arrays';
import { retryFailed } from '../../../services/control/control';
import { submitCampaign } from '../../../services/control/submit';
import { findBatch } from '../../../services/catalog/batches';
import { prepareCampaign } from '../../../services/worker/activities/lifecycle';
import { solveBatch } from '../../../services/worker/activities/solve-batch';
import { datasetPrefix } from '../../../services/store/dataset';
import { createCampaignFixture, testSpec, unconvergedPool, type CampaignFixture } from './fixtures';

const spec = testSpec('write-lock', 'count: 30\nsampler: uniform\nseed: 9\nsolver: { model: dipole, sensorGrid: { axialCount: 8, circumferentialCount: 4 } }\nbatchSize: 10\nshardSize: 5\n');

/** The real store client, whose writes wait until `release()` (a writer that stalls mid-batch). */
function stalledWrites(s3: Minio.Client): { client: Minio.Client; writing: Promise<void>; release: () => void } {
  let release!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const writing = new Promise<void>((r) => (entered = r));
  const client = new Proxy(s3, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (prop !== 'putObject' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        entered();
        await gate;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { client, writing, release };
}

describe('batch write lock', () => {
  let f: CampaignFixture;
  beforeAll(async () => {
    f = await createCampaignFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('an attempt stalled in its store writes holds the batch: no other attempt catalogs it meanwhile, and retry-failed patches what it wrote', async () => {
    // Every simulation with an index divisible by 3 fails, so retry-failed has rows to patch later.
    const flakyPool = unconvergedPool(f.solverPool, (index) => index % 3 === 0);
    const control = { prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket };
    const { campaignId, workflowId } = await submitCampaign(control, spec);

    // The stale attempt: it solves batch 0, takes the batch's write lock and stalls in its writes
    // (the campaign's dataset is created first, as the workflow's first activity does).
    await new MockActivityEnvironment().run(prepareCampaign, f.deps, { campaignId });
    const stale = stalledWrites(f.servers.s3);
    const staleRun = new MockActivityEnvironment().run(solveBatch, { ...f.deps, solverPool: flakyPool, s3: stale.client }, { campaignId, batchIndex: 0 });
    await Promise.race([stale.writing, staleRun.then(() => Promise.reject(new Error('the stalled attempt returned without writing')))]);

    // The campaign's own attempts run meanwhile: batches 1 and 2 get cataloged, batch 0 does not.
    const worker = await f.newWorker({ solverPool: flakyPool });
    const result = worker.runUntil(async () => {
      const handle = f.client.workflow.getHandle(workflowId);
      while (!(await findBatch(f.servers.prisma, campaignId, 1)) || !(await findBatch(f.servers.prisma, campaignId, 2))) await new Promise((r) => setTimeout(r, 100));
      expect(await findBatch(f.servers.prisma, campaignId, 0)).toBeNull();
      stale.release();
      return handle.result();
    });
    expect(await result).toBe('COMPLETED');
    // The stalled attempt wrote and cataloged batch 0; the campaign's attempt found it cataloged.
    expect(await staleRun).toMatchObject({ batchIndex: 0, alreadyCataloged: false, succeeded: 6, failed: 4 });

    const { result: retried } = await (await f.newWorker()).runUntil(retryFailed(control, campaignId, { wait: true }));
    expect(retried).toEqual({ succeeded: 10, failed: 0 });
    // The batch's rows, read as a consumer does, verify against its catalog checksum and are all there.
    const batch0 = (await findBatch(f.servers.prisma, campaignId, 0))!;
    const arrays = await readBatchArrays(f.servers.s3, { bucket: f.servers.bucket, datasetPrefix: datasetPrefix(campaignId), startIndex: 0, count: 10, checksum: batch0.checksum, cursor: '0' });
    expect(arrays.signals.every(Number.isFinite)).toBe(true);
    expect(arrays.defects?.every(Number.isFinite)).toBe(true);
  });
});
