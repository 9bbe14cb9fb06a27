import { MockActivityEnvironment } from '@temporalio/testing';
import { CancelledFailure, WorkflowFailedError } from '@temporalio/client';
import { registerCampaign } from '../../../services/catalog/campaigns';
import { submitCampaign } from '../../../services/control/submit';
import { verifyDataset } from '../../../services/control/verify';
import { campaignTotal, specHash, type CampaignSpec } from '../../../services/campaign';
import { createActivities } from '../../../services/worker/activities';
import { datasetPrefix, datasetUrl } from '../../../services/store/dataset';
import { poll } from '../harness';
import { createCampaignFixture, testSpec, type CampaignFixture } from './fixtures';

describe('retries and cancellation against the real servers', () => {
  let f: CampaignFixture;
  beforeAll(async () => {
    f = await createCampaignFixture();
  });
  afterAll(() => f?.close());

  /** A campaign cataloged and prepared (its dataset created) without a workflow: activities are run by hand. */
  async function preparedCampaign(spec: CampaignSpec, prefix: string, batchCount: number): Promise<string> {
    const campaignId = `${prefix}-${Date.now().toString(36)}`;
    await registerCampaign(f.servers.prisma, {
      id: campaignId,
      name: spec.name,
      spec,
      specHash: specHash(spec),
      total: campaignTotal(spec),
      batchSize: spec.batchSize,
      batchCount,
      workflowId: `campaign-${campaignId}`,
      storeUrl: datasetUrl({ bucket: f.servers.bucket, prefix: datasetPrefix(campaignId) }),
    });
    await new MockActivityEnvironment().run(createActivities(f.deps).prepareCampaign, { campaignId });
    return campaignId;
  }

  it('a batch retried after a crash between writing its arrays and committing its rows is cataloged exactly once', async () => {
    const spec = testSpec('retry', `count: 60\nsampler: uniform\nsolver: { model: dipole, sensorGrid: { axialCount: 16, circumferentialCount: 8 } }\nbatchSize: 25\n`);
    const campaignId = await preparedCampaign(spec, 'retry', 3);
    const real = createActivities(f.deps);

    // The process dies at commit: the arrays are in S3, the transaction never lands.
    const crashingPrisma = new Proxy(f.servers.prisma, {
      get(target, prop, receiver) {
        if (prop === '$transaction') return () => Promise.reject(new Error('connection lost during commit'));
        return Reflect.get(target, prop, receiver);
      },
    });
    const crashing = createActivities({ ...f.deps, prisma: crashingPrisma });
    await expect(new MockActivityEnvironment({ attempt: 1 }).run(crashing.solveBatch, { campaignId, batchIndex: 2 })).rejects.toThrow('connection lost');
    expect(await f.servers.prisma.simulation.count({ where: { campaignId } })).toBe(0);

    const retried = await new MockActivityEnvironment({ attempt: 2 }).run(real.solveBatch, { campaignId, batchIndex: 2 });
    expect(retried).toEqual({ batchIndex: 2, succeeded: 10, failed: 0, alreadyCataloged: false, cached: 0 });
    const again = await new MockActivityEnvironment({ attempt: 3 }).run(real.solveBatch, { campaignId, batchIndex: 2 });
    expect(again).toEqual({ batchIndex: 2, succeeded: 10, failed: 0, alreadyCataloged: true, cached: 0 });

    const rows = await f.servers.prisma.simulation.findMany({ where: { campaignId }, orderBy: { index: 'asc' } });
    expect(rows.map((r) => r.index)).toEqual(Array.from({ length: 10 }, (_, i) => 50 + i));
    expect(rows.every((r) => r.attempts === 2)).toBe(true);
    expect(await f.servers.prisma.batchEvent.count({ where: { campaignId } })).toBe(1);
    const v = await verifyDataset(f.deps, campaignId);
    expect(v).toMatchObject({ catalogRows: 10, distinctIndexes: 10, mapsInStore: 10, checksumMatches: 10, mismatches: [] });
  });

  it('an attempt that finishes solving after another attempt cataloged the batch writes nothing', async () => {
    const spec = testSpec('stale', `count: 20\nsampler: uniform\nsolver: { model: dipole, sensorGrid: { axialCount: 16, circumferentialCount: 8 } }\nbatchSize: 10\n`);
    const campaignId = await preparedCampaign(spec, 'stale', 2);
    const real = createActivities(f.deps);

    // The stale attempt's solve returns only when released, and with every simulation failed: had
    // it written its arrays, the batch's maps would be NaN against their cataloged checksums.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const stale = createActivities({
      ...f.deps,
      solverPool: {
        identity: (signal) => f.solverPool.identity(signal),
        async solve(request, signal, ticket) {
          const response = await f.solverPool.solve(request, signal, ticket);
          await released;
          for (const r of response.results) Object.assign(r, { signalMap: undefined, error: { reason: 'NOT_CONVERGED', message: 'late' } });
          return response;
        },
      },
    });
    const late = new MockActivityEnvironment({ attempt: 1 }).run(stale.solveBatch, { campaignId, batchIndex: 1 });
    const fresh = await new MockActivityEnvironment({ attempt: 2 }).run(real.solveBatch, { campaignId, batchIndex: 1 });
    expect(fresh).toMatchObject({ succeeded: 10, alreadyCataloged: false });
    release();
    expect(await late).toMatchObject({ batchIndex: 1, succeeded: 10, failed: 0, alreadyCataloged: true });
    expect(await verifyDataset(f.deps, campaignId)).toMatchObject({ catalogRows: 10, mapsInStore: 10, checksumMatches: 10, mismatches: [] });
  });

  it('cancelling a running campaign stops it, records CANCELLED and leaves only whole, consistent batches', async () => {
    const spec = testSpec(
      'cancel',
      `count: 4000\nsampler: sobol\nsolver: { model: dipole, sensorGrid: { axialCount: 16, circumferentialCount: 8 } }\nbatchSize: 10\nshardSize: 50\nlimits: { maxShardsInFlight: 1, maxBatchesInFlight: 1 }\n`,
    );
    const worker = await f.newWorker();
    const submitted = await submitCampaign({ prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket }, spec);
    const handle = f.client.workflow.getHandle(submitted.workflowId);
    const { campaignId } = submitted;
    await worker.runUntil(async () => {
      await poll({ label: 'first batches cataloged', timeoutMs: 60_000, shouldStop: async () => (await f.servers.prisma.batch.count({ where: { campaignId } })) >= 3 });
      await handle.cancel();
      const err = await handle.result().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowFailedError);
      expect((err as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    });
    const campaign = await f.servers.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign.state).toBe('CANCELLED');
    const batches = await f.servers.prisma.batch.count({ where: { campaignId } });
    expect(batches).toBeLessThan(400);
    expect(await f.servers.prisma.simulation.count({ where: { campaignId } })).toBe(batches * 10);
    const v = await verifyDataset(f.deps, campaignId);
    expect(v.mismatches).toEqual([]);
    expect(v.mapsInStore).toBe(batches * 10);
  });
});
