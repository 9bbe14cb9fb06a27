import { Metadata, status } from '@grpc/grpc-js';
import { getCampaign, getDataset, listCampaigns } from '../../../services/consumer/client';
import { connectTestServers, type TestServers } from '../harness';
import { auth, collect, createSyntheticCampaign, insertSyntheticEvents, startSubscriptionFixture, uniqueId, type SubscriptionFixture } from './helpers';

describe('subscription requests that are refused', () => {
  let servers: TestServers;
  let f: SubscriptionFixture;
  const campaignId = uniqueId('refused');

  beforeAll(async () => {
    servers = connectTestServers();
    f = await startSubscriptionFixture(servers);
    await createSyntheticCampaign(f.pool, campaignId);
    await insertSyntheticEvents(f.pool, campaignId, 0, 3);
  });
  afterAll(async () => {
    await f?.close();
    await servers?.prisma.$disconnect();
  });

  const filter = { campaignIds: [campaignId] };

  it.each([
    ['no token', new Metadata()],
    ['a wrong token', auth('sfx_not-a-real-token')],
    ['a malformed header', (() => { const m = new Metadata(); m.set('authorization', 'Basic abc'); return m; })()],
  ])('WatchBatches with %s is UNAUTHENTICATED and gets no data', async (_label, metadata) => {
    const { events, error } = await collect(f.client, { filter }, metadata);
    expect(events).toHaveLength(0);
    expect(error?.code).toBe(status.UNAUTHENTICATED);
  });

  it('the unary calls refuse a missing or wrong token too', async () => {
    await expect(getCampaign(f.client, 'wrong', campaignId)).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
    await expect(listCampaigns(f.client, '')).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
    await expect(getDataset(f.client, 'wrong', campaignId)).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
  });

  it.each([
    ['abc', 'after_cursor: must be a decimal cursor'],
    ['-1', 'after_cursor: must be a decimal cursor'],
    ['99999999999999999999', 'after_cursor: must be a decimal cursor'],
    ['9223372036854775807', 'after_cursor: 9223372036854775807 is newer than the newest event'],
  ])('after_cursor %p is INVALID_ARGUMENT naming the field', async (afterCursor, message) => {
    const { events, error } = await collect(f.client, { filter, afterCursor }, auth(f.token));
    expect(events).toHaveLength(0);
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.details).toContain(message);
  });

  it.each([
    ['a malformed id', ['bad id!'], 'filter.campaign_ids[0]'],
    ['a duplicate id', [campaignId, campaignId], 'filter.campaign_ids[1]'],
    ['an empty id', [''], 'filter.campaign_ids[0]'],
    ['101 ids', Array.from({ length: 101 }, (_, i) => `c${i}`), 'filter.campaign_ids: has 101 entries'],
  ])('a filter with %s is INVALID_ARGUMENT naming the field', async (_label, campaignIds, field) => {
    const { events, error } = await collect(f.client, { filter: { campaignIds } }, auth(f.token));
    expect(events).toHaveLength(0);
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.details).toContain(field);
  });

  it('a filter naming an unknown campaign is NOT_FOUND', async () => {
    const { error } = await collect(f.client, { filter: { campaignIds: [campaignId, 'no-such-campaign'] } }, auth(f.token));
    expect(error?.code).toBe(status.NOT_FOUND);
    expect(error?.details).toContain("filter.campaign_ids[1]: campaign 'no-such-campaign'");
  });

  it('unary calls name the bad field, and NOT_FOUND for unknown campaigns', async () => {
    await expect(getCampaign(f.client, f.token, '')).rejects.toMatchObject({ code: status.INVALID_ARGUMENT, details: 'campaign_id: is required' });
    await expect(getCampaign(f.client, f.token, 'nope')).rejects.toMatchObject({ code: status.NOT_FOUND });
    await expect(getDataset(f.client, f.token, campaignId)).rejects.toMatchObject({ code: status.NOT_FOUND });
    await expect(listCampaigns(f.client, f.token, 501)).rejects.toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringContaining('page_size') });
    await expect(listCampaigns(f.client, f.token, 10, 'garbage')).rejects.toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringContaining('page_token') });
  });

  it('a valid request streams, for comparison', async () => {
    const { events } = await collect(f.client, { filter }, auth(f.token), 3);
    expect(events.map((e) => e.batchIndex)).toEqual([0, 1, 2]);
  });
});
