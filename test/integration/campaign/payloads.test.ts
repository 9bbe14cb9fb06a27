import type { temporal } from '@temporalio/proto';
import { submitCampaign } from '../../../services/control/submit';
import { poll } from '../harness';
import { createCampaignFixture, testSpec, type CampaignFixture } from './fixtures';

/** Every payload's size in bytes, found anywhere in a history's events. */
function payloadSizes(history: temporal.api.history.v1.IHistory): number[] {
  const sizes: number[] = [];
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
    if (Array.isArray(value)) return value.forEach(walk);
    for (const [key, child] of Object.entries(value)) {
      if (key === 'payloads' && Array.isArray(child)) {
        for (const p of child as { data?: Uint8Array | null }[]) sizes.push(p.data?.length ?? 0);
      } else walk(child);
    }
  };
  walk(history.events);
  return sizes;
}

describe('a campaign planned at 1,000,000 simulations', () => {
  let f: CampaignFixture;
  beforeAll(async () => {
    f = await createCampaignFixture();
  });
  afterAll(() => f?.close());

  it('keeps every payload in its real histories small: shards and batches carry index ranges, not simulations', async () => {
    const spec = testSpec(
      'million',
      `count: 1000000\nsampler: sobol\nsolver: { model: instant, sensorGrid: { axialCount: 4, circumferentialCount: 4 } }\nbatchSize: 1000\nshardSize: 20\nlimits: { maxShardsInFlight: 2, maxBatchesInFlight: 2 }\n`,
    );
    const worker = await f.newWorker();
    const { campaignId, workflowId, batches } = await submitCampaign({ prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket }, spec);
    expect(batches).toBe(1000);
    const handle = f.client.workflow.getHandle(workflowId);
    await worker.runUntil(async () => {
      await poll({ label: 'batches in two shards', timeoutMs: 90_000, shouldStop: async () => (await f.servers.prisma.batch.count({ where: { campaignId } })) >= 6 });
      await handle.cancel();
      await handle.result().catch(() => undefined);
    });

    const histories = [await handle.fetchHistory()];
    for (const shard of [0, 1]) histories.push(await f.client.workflow.getHandle(`${workflowId}-shard-${shard}`).fetchHistory());
    const sizes = histories.flatMap(payloadSizes);
    expect(sizes.length).toBeGreaterThan(20);
    // The largest is the campaign plan (ids and a few numbers); nothing scales with the million.
    expect(Math.max(...sizes)).toBeLessThan(1024);
    for (const h of histories) expect(h.events!.length).toBeLessThan(5000);
    expect(await f.servers.prisma.simulation.count({ where: { campaignId } })).toBe((await f.servers.prisma.batch.count({ where: { campaignId } })) * 1000);
  });
});
