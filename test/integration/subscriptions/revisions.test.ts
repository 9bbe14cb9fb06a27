import { ChecksumMismatchError, readBatchArrays } from '../../../services/consumer/arrays';
import { watchBatches, type BatchEvent } from '../../../services/consumer/watch';
import { retryFailed } from '../../../services/control/control';
import { submitCampaign } from '../../../services/control/submit';
import { recordRetriedSimulations, underBatchWriteLock } from '../../../services/catalog/batches';
import { createCampaignFixture, testSpec, unconvergedPool, type CampaignFixture } from '../campaign/fixtures';
import { expectStrictlyIncreasing, startSubscriptionFixture, type SubscriptionFixture } from './helpers';

const BATCHES = 5;
const spec = testSpec(
  'revisions',
  `count: ${BATCHES * 10 - 3}\nsampler: uniform\nseed: 5\nsolver: { model: dipole, sensorGrid: { axialCount: 12, circumferentialCount: 6 } }\nbatchSize: 10\nshardSize: 5\n`,
);

/** [batchIndex, revision, superseded] of each event, in batch order (batches complete in any order). */
const byBatch = (events: BatchEvent[]) => events.map((e) => [e.batchIndex, e.revision, e.superseded]).sort((a, b) => Number(a[0]) - Number(b[0]));

/** Per row of a batch's array (`count` rows): whether every value is finite. */
const finiteRows = (data: Float32Array, count: number) => Array.from({ length: count }, (_, k) => data.subarray((k * data.length) / count, ((k + 1) * data.length) / count).every(Number.isFinite));

/** Reads `n` events after `afterCursor`, then stops. */
async function take(s: SubscriptionFixture, campaignId: string, n: number, opts: { afterCursor?: string; includeSuperseded?: boolean } = {}): Promise<BatchEvent[]> {
  const events: BatchEvent[] = [];
  const abort = new AbortController();
  for await (const event of watchBatches({ client: s.client, token: s.token, campaignIds: [campaignId], signal: abort.signal, ...opts })) {
    events.push(event);
    if (events.length === n) abort.abort();
  }
  return events;
}

describe('retry-failed and subscribers: revision events', () => {
  let f: CampaignFixture;
  let s: SubscriptionFixture;
  beforeAll(async () => {
    f = await createCampaignFixture();
    s = await startSubscriptionFixture(f.servers);
  });
  afterAll(async () => {
    await s?.close();
    await f?.close();
  });

  it('a consumer replaying from an earlier cursor after retry-failed reads every batch against its new checksum', async () => {
    // The solver pool is real; every simulation with an index divisible by 4 comes back as a solver error.
    const flakyPool = unconvergedPool(f.solverPool, (index) => index % 4 === 0);
    const control = { prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket };
    const { campaignId, workflowId } = await submitCampaign(control, spec);
    expect(await (await f.newWorker({ solverPool: flakyPool })).runUntil(f.client.workflow.getHandle(workflowId).result())).toBe('COMPLETED');

    // A consumer follows the campaign: one event per batch, each verified against the store.
    const live = await take(s, campaignId, BATCHES);
    expect(byBatch(live)).toEqual(Array.from({ length: BATCHES }, (_, i) => [i, 0, false]));
    // Every batch's depth maps are there exactly where its signals are: NaN rows for failures only.
    for (const event of live) {
      const arrays = await readBatchArrays(f.servers.s3, event);
      expect([event.batchIndex, finiteRows(arrays.defects!, event.count)]).toEqual([event.batchIndex, finiteRows(arrays.signals, event.count)]);
      expect(finiteRows(arrays.signals, event.count).filter((ok) => !ok).length).toBe(event.failed);
    }
    // A failed simulation's depth map is NaN, like its signals; the others' are there.
    const batch0 = await readBatchArrays(f.servers.s3, live.find((e) => e.batchIndex === 0)!);
    const depthRow = (k: number) => Array.from(batch0.defects!.subarray(k * 72, (k + 1) * 72));
    expect(batch0.defectsShape).toEqual([10, 12, 6]);
    expect(depthRow(4).every(Number.isNaN)).toBe(true);
    expect(depthRow(5).every(Number.isFinite)).toBe(true);
    const saved = live[live.length - 1]!.cursor;

    const { result } = await (await f.newWorker()).runUntil(retryFailed(control, campaignId, { wait: true }));
    expect(result).toEqual({ succeeded: 12, failed: 0 });

    // The consumer that stopped at `saved` gets one revision per rewritten batch, with the batch's
    // new checksum and counts; its rows verify against it.
    const revisions = await take(s, campaignId, BATCHES, { afterCursor: saved });
    expect(byBatch(revisions)).toEqual(Array.from({ length: BATCHES }, (_, i) => [i, 1, false]));
    const batchRows = await f.servers.prisma.batch.findMany({ where: { campaignId }, orderBy: { batchIndex: 'asc' } });
    const first = new Map(live.map((e) => [e.batchIndex, e.checksum]));
    for (const event of revisions) {
      expect(event.checksum).toBe(batchRows[event.batchIndex]!.checksum);
      expect(event.checksum).not.toBe(first.get(event.batchIndex));
      expect([event.failed, event.succeeded]).toEqual([0, event.count]);
    }
    for (const event of revisions) {
      const arrays = await readBatchArrays(f.servers.s3, event);
      expect(arrays.signals.every(Number.isFinite)).toBe(true);
      // retry-failed wrote the depth maps of the simulations that now succeeded.
      expect(arrays.defects!.every(Number.isFinite)).toBe(true);
    }

    // Replaying from the beginning: the replaced events are skipped, the revisions come in commit
    // order, and every batch read verifies.
    const replay = await take(s, campaignId, BATCHES);
    expect(replay.map((e) => e.cursor)).toEqual(revisions.map((e) => e.cursor));
    for (const event of replay) await readBatchArrays(f.servers.s3, event);

    // Asked for everything, the stream still has the replaced events, marked superseded: their
    // checksum is the one the rewrite replaced.
    const everything = await take(s, campaignId, 2 * BATCHES, { includeSuperseded: true });
    expectStrictlyIncreasing(everything);
    expect(byBatch(everything.slice(0, BATCHES))).toEqual(Array.from({ length: BATCHES }, (_, i) => [i, 0, true]));
    expect(everything.slice(BATCHES).map((e) => e.cursor)).toEqual(revisions.map((e) => e.cursor));
    await expect(readBatchArrays(f.servers.s3, everything[0]!)).rejects.toThrow(ChecksumMismatchError);

    // Recording the same rows again (a retried activity) changes no checksum and emits nothing.
    await underBatchWriteLock(f.servers.prisma, campaignId, 0, (tx) => recordRetriedSimulations(tx, campaignId, 0, batchRows[0]!.checksum, []));
    const { result: again } = await (await f.newWorker()).runUntil(retryFailed(control, campaignId, { wait: true }));
    expect(again).toEqual({ succeeded: 0, failed: 0 });
    expect(await f.servers.prisma.batchEvent.count({ where: { campaignId } })).toBe(2 * BATCHES);
  });
});
