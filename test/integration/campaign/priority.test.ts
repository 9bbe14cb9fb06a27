import { submitCampaign } from '../../../services/control/submit';
import { poll } from '../harness';
import { createCampaignFixture, testSpec, type CampaignFixture } from './fixtures';

describe('campaigns sharing the solver pool', () => {
  let f: CampaignFixture;
  beforeAll(async () => {
    f = await createCampaignFixture();
  });
  afterAll(() => f?.close());

  it('serves a small urgent campaign ahead of the queue of a huge one', async () => {
    const control = { prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket };
    const grid = 'sensorGrid: { axialCount: 64, circumferentialCount: 32 }';
    // 32 batches of the huge campaign wait for the solver's 2 slots at any time.
    const huge = await submitCampaign(control, testSpec('huge', `count: 20000\nsampler: sobol\nseed: 21\nsolver: { model: dipole, ${grid} }\nbatchSize: 50\nshardSize: 50\nlimits: { maxShardsInFlight: 4, maxBatchesInFlight: 8 }\npriority: 0\n`));
    const worker = await f.newWorker();
    const hugeBatches = () => f.servers.prisma.batch.count({ where: { campaignId: huge.campaignId } });
    await worker.runUntil(async () => {
      await poll({ label: 'the huge campaign to fill the queue', timeoutMs: 60_000, shouldStop: async () => (f.solverPool.waiting >= 20) });
      const before = await hugeBatches();
      const urgent = await submitCampaign(control, testSpec('urgent', `count: 150\nsampler: sobol\nseed: 22\nsolver: { model: dipole, ${grid} }\nbatchSize: 50\npriority: 5\n`));
      expect(await f.client.workflow.getHandle(urgent.workflowId).result()).toBe('COMPLETED');
      const during = (await hugeBatches()) - before;
      // First come, first served would finish the ~30 queued huge batches first; a 2^5 share
      // lets the urgent campaign's 3 batches through almost at once.
      expect(during).toBeLessThan(15);
      await f.client.workflow.getHandle(huge.workflowId).cancel();
      await f.client.workflow.getHandle(huge.workflowId).result().catch(() => undefined);
    });
  });
});
