// Fuzzing every Subscriptions RPC (WatchBatches, GetCampaign, ListCampaigns, GetDataset) with random
// bytes and with typed requests full of huge, negative, non-numeric and malformed values, with a
// valid token (so the fuzz gets past auth) and without one. Each call gets a clear status or a
// valid answer; the service stays up; the catalog is read-only to it (no row changes).

import * as grpc from '@grpc/grpc-js';
import { FUZZ_SEED, pick, randomBytes, randomString, rng } from '../../unit/fuzz/random';
import { connectTestServers, type TestServers } from '../harness';
import { auth, collect, createSyntheticCampaign, insertSyntheticEvents, startSubscriptionFixture, uniqueId, type SubscriptionFixture } from '../subscriptions/helpers';
import { CLEAR_REJECTIONS, rawServerStream, rawUnary, type RawOutcome } from './grpc-raw';

const CASES = Number(process.env.FUZZ_CASES ?? 100);
const SERVICE = '/synthflux.subscriptions.v1.Subscriptions';
const UNARY = ['GetCampaign', 'ListCampaigns', 'GetDataset'] as const;

const nastyString = (r: () => number): string =>
  pick(r, ['', '-1', '0', '18446744073709551616', '9'.repeat(400), 'NaN', 'Infinity', '1e309', "'; DROP TABLE batches; --", '%00', 'x'.repeat(1_000_000), randomString(r, 30)]);

async function rowCounts(servers: TestServers): Promise<Record<string, number>> {
  const [campaigns, batches, events, simulations] = await Promise.all([
    servers.prisma.campaign.count(),
    servers.prisma.batch.count(),
    servers.prisma.batchEvent.count(),
    servers.prisma.simulation.count(),
  ]);
  return { campaigns, batches, events, simulations };
}

describe(`subscriptions gRPC fuzzing (seed ${FUZZ_SEED})`, () => {
  let servers: TestServers;
  let f: SubscriptionFixture;
  let raw: grpc.Client;
  const campaignId = uniqueId('fuzz');
  beforeAll(async () => {
    servers = connectTestServers();
    f = await startSubscriptionFixture(servers);
    raw = new grpc.Client(f.server.address, grpc.credentials.createInsecure());
    await createSyntheticCampaign(f.pool, campaignId);
    await insertSyntheticEvents(f.pool, campaignId, 0, 3);
  });
  afterAll(async () => {
    raw?.close();
    await f?.close();
    await servers?.prisma.$disconnect();
  });

  const stillServing = async (): Promise<void> => {
    const { events, error } = await collect(f.client, { filter: { campaignIds: [campaignId] }, afterCursor: '' }, auth(f.token), 3);
    expect(error).toBeUndefined();
    expect(events.map((e) => e.batchIndex)).toEqual([0, 1, 2]);
  };

  it(`${CASES} random byte strings to every method, with and without a token`, async () => {
    const before = await rowCounts(servers);
    const r = rng(FUZZ_SEED + 3);
    const codes = new Map<string, number>();
    for (let i = 0; i < CASES; i++) {
      const method = pick(r, [...UNARY, 'WatchBatches']);
      const metadata = r() < 0.8 ? auth(f.token) : pick(r, [new grpc.Metadata(), auth('sfx_wrong'), auth(randomString(r, 50).replace(/[^\x21-\x7e]/g, 'a'))]);
      const body = r() < 0.05 ? Buffer.alloc(5 * 1024 * 1024, 0x0a) : randomBytes(r, 300);
      const out: RawOutcome = method === 'WatchBatches' ? await rawServerStream(raw, `${SERVICE}/${method}`, body, metadata, 3, 1000) : await rawUnary(raw, `${SERVICE}/${method}`, body, metadata);
      codes.set(grpc.status[out.code], (codes.get(grpc.status[out.code]) ?? 0) + 1);
      // A stream over a valid (random) filter may simply stay open until our deadline.
      const acceptable = out.code === grpc.status.OK || CLEAR_REJECTIONS.has(out.code) || (method === 'WatchBatches' && out.code === grpc.status.DEADLINE_EXCEEDED);
      expect({ i, method, code: grpc.status[out.code], acceptable }).toEqual({ i, method, code: grpc.status[out.code], acceptable: true });
    }
    console.log(`subscriptions raw fuzz statuses: ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(await rowCounts(servers)).toEqual(before);
    await stillServing();
  });

  it(`${CASES} typed requests with nasty fields: a valid answer or INVALID_ARGUMENT / NOT_FOUND naming the field`, async () => {
    const before = await rowCounts(servers);
    const r = rng(FUZZ_SEED + 4);
    const call = <T>(method: string, request: unknown): Promise<{ err: grpc.ServiceError | null; res?: T }> =>
      new Promise((resolve) => (f.client as unknown as Record<string, (req: unknown, md: grpc.Metadata, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res?: T) => void) => void>)[method]!(request, auth(f.token), { deadline: Date.now() + 10_000 }, (err, res) => resolve({ err, res })));
    for (let i = 0; i < CASES; i++) {
      const kind = pick(r, ['GetCampaign', 'GetDataset', 'ListCampaigns', 'WatchBatches'] as const);
      let err: grpc.ServiceError | null | undefined;
      if (kind === 'WatchBatches') {
        const ids = Array.from({ length: pick(r, [0, 1, 3, 5000]) }, () => nastyString(r));
        const result = await collect(f.client, { filter: { campaignIds: ids }, afterCursor: nastyString(r) }, auth(f.token), 1);
        err = result.error;
        // An empty or all-campaign filter with a valid cursor streams; cancel happens in collect().
      } else if (kind === 'ListCampaigns') {
        ({ err } = await call('ListCampaigns', { pageSize: pick(r, [0, 1, 2 ** 32 - 1, 1000]), pageToken: nastyString(r) }));
      } else {
        ({ err } = await call(kind, { campaignId: nastyString(r) }));
      }
      if (!err) continue;
      expect({ i, kind, code: grpc.status[err.code], clear: CLEAR_REJECTIONS.has(err.code) && err.code !== grpc.status.INTERNAL }).toEqual({ i, kind, code: grpc.status[err.code], clear: true });
      expect(err.details.length).toBeGreaterThan(0);
      expect(err.details.length).toBeLessThan(2000); // a huge input is not echoed back whole
    }
    expect(await rowCounts(servers)).toEqual(before);
    await stillServing();
  });
});
