import type { ClientReadableStream } from '@grpc/grpc-js';
import type { BatchEvent } from '../../../services/consumer/watch';
import { connectTestServers, poll, type TestServers } from '../harness';
import { auth, collect, createSyntheticCampaign, expectStrictlyIncreasing, insertSyntheticEvents, startSubscriptionFixture, uniqueId, type SubscriptionFixture } from './helpers';

describe('many subscribers, concurrent commits and slow consumers', () => {
  let servers: TestServers;
  let f: SubscriptionFixture;

  beforeAll(async () => {
    servers = connectTestServers();
    // A small live buffer, so the slow-consumer test overflows it quickly.
    f = await startSubscriptionFixture(servers, { SUBSCRIPTIONS_MAX_BUFFERED: '8', SUBSCRIPTIONS_PAGE_SIZE: '50' });
  });
  afterAll(async () => {
    await f?.close();
    await servers?.prisma.$disconnect();
  });

  it('serves 50 subscribers at once, each getting every event once, in cursor order, while transactions commit concurrently', async () => {
    const campaignId = uniqueId('fanout');
    await createSyntheticCampaign(f.pool, campaignId);
    await insertSyntheticEvents(f.pool, campaignId, 0, 20); // history before the subscribers start
    const total = 20 + 12 * 10;
    const subscribers = Array.from({ length: 50 }, () => collect(f.client, { filter: { campaignIds: [campaignId] } }, auth(f.token), total));
    await poll({ label: '50 streams open', timeoutMs: 10_000, shouldStop: async () => f.server.watch.activeStreams() === 50 });
    // 12 transactions at once, each holding its insert open for a random moment before committing:
    // commit order differs from start order, which a bare bigserial cursor would get wrong.
    await Promise.all(
      Array.from({ length: 12 }, async (_, k) => {
        const client = await f.pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('SELECT pg_sleep($1)', [Math.random() * 0.05]);
          await insertSyntheticEvents(client, campaignId, 20 + k * 10, 10);
          await client.query('SELECT pg_sleep($1)', [Math.random() * 0.05]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      }),
    );
    const results = await Promise.all(subscribers);
    const reference = results[0]!.events.map((e) => e.cursor);
    for (const { events, error } of results) {
      expect(error).toBeUndefined();
      expect(events).toHaveLength(total);
      expectStrictlyIncreasing(events);
      expect(new Set(events.map((e) => e.batchIndex)).size).toBe(total);
      expect(events.map((e) => e.cursor)).toEqual(reference);
    }
    const stored = await f.pool.query<{ cursor: string }>('SELECT cursor::text FROM batch_events WHERE campaign_id = $1 ORDER BY batch_events.cursor', [campaignId]);
    expect(reference).toEqual(stored.rows.map((r) => r.cursor));
  });

  it('a consumer that stops reading does not make the service buffer: it falls back to the outbox and still gets everything once', async () => {
    const campaignId = uniqueId('slow');
    await createSyntheticCampaign(f.pool, campaignId);
    const received: BatchEvent[] = [];
    const call: ClientReadableStream<BatchEvent> = f.client.WatchBatches({ filter: { campaignIds: [campaignId] } }, auth(f.token));
    call.on('data', (event: BatchEvent) => received.push(event));
    call.on('error', () => undefined);
    await poll({ label: 'stream open', timeoutMs: 5000, shouldStop: async () => f.server.watch.activeStreams() >= 1 });
    call.pause(); // the consumer stops reading: HTTP/2 flow control stops the server's writes
    const before = f.server.watch.fallbacks();
    const total = 3000;
    for (let i = 0; i < total; i += 500) await insertSyntheticEvents(f.pool, campaignId, i, 500);
    await poll({ label: 'the live buffer to overflow', timeoutMs: 10_000, shouldStop: async () => f.server.watch.fallbacks() > before });
    expect(received.length).toBeLessThan(total);
    call.resume();
    await poll({ label: `all ${total} events`, timeoutMs: 20_000, shouldStop: async () => received.length >= total });
    call.cancel();
    expect(received).toHaveLength(total);
    expectStrictlyIncreasing(received);
    expect(received.map((e) => e.batchIndex)).toEqual(Array.from({ length: total }, (_, i) => i));
  });
});
