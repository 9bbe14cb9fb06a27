// The Control API on a real API server (in-process) over the real Temporal, PostgreSQL and S3
// servers of test/global-setup.ts: tokens of each scope, refusals without effect, and a campaign
// submitted, steered and completed through the API by a real worker and solver.

import { Metadata, status } from '@grpc/grpc-js';
import { getCampaign } from '../../../services/consumer/client';
import { createControlClient, type ControlClient } from '../../../services/control/api-client';
import { newToken } from '../../../services/subscriptions/auth';
import { createCampaignFixture, type CampaignFixture } from '../campaign/fixtures';
import { auth, controlCall as call, signals, startSubscriptionFixture, uniqueId, type SubscriptionFixture } from './helpers';

const grid = 'sensorGrid: { axialCount: 12, circumferentialCount: 6 }';
const smallSpec = (name: string, count = 40): string =>
  `name: ${name}\ncount: ${count}\nsampler: sobol\nseed: 7\nsolver: { model: dipole, ${grid} }\nbatchSize: 10\nshardSize: 20\nlimits: { maxShardsInFlight: 1, maxBatchesInFlight: 1 }\n`;

type Submitted = { campaignId: string; workflowId: string; total: number; batches: number; datasetUrl: string };

describe('the Control API with token scopes', () => {
  let f: CampaignFixture;
  let api: SubscriptionFixture;
  let control: ControlClient;
  const reader = newToken('reader', ['read']);
  const submitter = newToken('submitter', ['submit']);
  const admin = newToken('admin', ['admin']);

  beforeAll(async () => {
    f = await createCampaignFixture();
    api = await startSubscriptionFixture(f.servers, {
      SUBSCRIPTIONS_TOKENS: [reader.entry, submitter.entry, admin.entry].join(','),
      TEMPORAL_ADDRESS: f.servers.temporalAddress,
    });
    control = createControlClient(api.server.address);
  });
  afterAll(async () => {
    control?.close();
    await api?.close();
    await f?.close();
  });

  const campaignRow = (id: string) => f.servers.prisma.campaign.findUnique({ where: { id } });

  it('refuses a missing or wrong token UNAUTHENTICATED, and starts nothing', async () => {
    const id = uniqueId('noauth');
    for (const metadata of [new Metadata(), auth('sfx_not-a-real-token')]) {
      const { error } = await call(control, 'SubmitCampaign', { specYaml: smallSpec('noauth'), campaignId: id }, metadata);
      expect(error?.code).toBe(status.UNAUTHENTICATED);
    }
    expect((await call(control, 'PauseCampaign', { campaignId: id }, new Metadata())).error?.code).toBe(status.UNAUTHENTICATED);
    expect((await call(control, 'SetLimits', { campaignId: id, maxBatchesInFlight: 2 }, new Metadata())).error?.code).toBe(status.UNAUTHENTICATED);
    expect(await campaignRow(id)).toBeNull();
  });

  it('a read token reads but is PERMISSION_DENIED on every control call, with no effect', async () => {
    const id = uniqueId('readonly');
    const { error } = await call(control, 'SubmitCampaign', { specYaml: smallSpec('readonly'), campaignId: id }, auth(reader.token));
    expect(error?.code).toBe(status.PERMISSION_DENIED);
    expect(error?.details).toContain("lacks the 'submit' scope");
    expect(await campaignRow(id)).toBeNull();
    await expect(f.client.workflow.getHandle(`campaign-${id}`).describe()).rejects.toMatchObject({ name: 'WorkflowNotFoundError' });
    for (const method of ['PauseCampaign', 'ResumeCampaign', 'CancelCampaign', 'RetryFailed'] as const) {
      expect((await call(control, method, { campaignId: id }, auth(reader.token))).error?.code).toBe(status.PERMISSION_DENIED);
    }
    // The read API still answers it (NOT_FOUND here is an answer, not a refusal).
    await expect(getCampaign(api.client, reader.token, id)).rejects.toMatchObject({ code: status.NOT_FOUND });
  });

  it('an invalid spec is INVALID_ARGUMENT naming every field, before anything starts', async () => {
    const id = uniqueId('invalid');
    const spec = 'name: invalid\ncount: -5\nsampler: bogus\nbatchSize: 10\n';
    const { error } = await call(control, 'SubmitCampaign', { specYaml: spec, campaignId: id }, auth(submitter.token));
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.details).toMatch(/^count\b.*:/m);
    expect(error?.details).toMatch(/^sampler\b.*:/m);
    expect(await campaignRow(id)).toBeNull();
    const syntax = await call(control, 'SubmitCampaign', { specYaml: 'name: [unclosed', campaignId: '' }, auth(submitter.token));
    expect(syntax.error?.code).toBe(status.INVALID_ARGUMENT);
    expect(syntax.error?.details).toContain('YAML syntax error');
    const badId = await call(control, 'SubmitCampaign', { specYaml: smallSpec('x'), campaignId: 'no spaces allowed' }, auth(submitter.token));
    expect(badId.error).toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringMatching(/^campaign_id: /) });
  });

  it('unknown campaigns are NOT_FOUND for every call', async () => {
    const campaignId = uniqueId('missing');
    for (const method of ['PauseCampaign', 'ResumeCampaign', 'CancelCampaign', 'RetryFailed'] as const) {
      const { error } = await call(control, method, { campaignId }, auth(submitter.token));
      expect({ method, code: error?.code }).toEqual({ method, code: status.NOT_FOUND });
      expect(error?.details).toContain(campaignId);
    }
    expect((await call(control, 'SetLimits', { campaignId, maxBatchesInFlight: 2 }, auth(admin.token))).error?.code).toBe(status.NOT_FOUND);
  });

  it('a submit token submits, pauses and resumes; SetLimits needs admin; the campaign completes', async () => {
    const campaignId = uniqueId('api');
    const specYaml = smallSpec('api');
    const submitted = await call<unknown, Submitted>(control, 'SubmitCampaign', { specYaml, campaignId }, auth(submitter.token));
    expect(submitted.error).toBeUndefined();
    expect(submitted.response).toEqual({ campaignId, workflowId: `campaign-${campaignId}`, total: 40, batches: 4, datasetUrl: expect.stringContaining(`campaigns/${campaignId}/`) });
    const workflowId = submitted.response!.workflowId;
    expect(await campaignRow(campaignId)).toMatchObject({ id: campaignId, total: 40, workflowId });
    expect((await f.client.workflow.getHandle(workflowId).describe()).status.name).toBe('RUNNING');

    // Idempotent for the same spec; a different spec under the same id is a conflict.
    const again = await call<unknown, Submitted>(control, 'SubmitCampaign', { specYaml, campaignId }, auth(submitter.token));
    expect(again.response).toEqual(submitted.response);
    const conflict = await call(control, 'SubmitCampaign', { specYaml: smallSpec('api', 50), campaignId }, auth(submitter.token));
    expect(conflict.error?.code).toBe(status.ALREADY_EXISTS);

    expect((await call(control, 'PauseCampaign', { campaignId }, auth(submitter.token))).response).toEqual({ campaignId, workflowId });
    const denied = await call(control, 'SetLimits', { campaignId, maxBatchesInFlight: 4 }, auth(submitter.token));
    expect(denied.error?.code).toBe(status.PERMISSION_DENIED);
    expect(denied.error?.details).toContain("lacks the 'admin' scope");
    expect(await signals(f.client, workflowId)).toEqual(['pause']);

    const invalidLimits = await call(control, 'SetLimits', { campaignId, maxBatchesInFlight: 5000 }, auth(admin.token));
    expect(invalidLimits.error).toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringMatching(/^max_batches_in_flight: must be an integer between 1 and 1000/) });
    expect((await call(control, 'SetLimits', { campaignId }, auth(admin.token))).error?.code).toBe(status.INVALID_ARGUMENT);
    expect((await call(control, 'SetLimits', { campaignId, maxBatchesInFlight: 4 }, auth(admin.token))).response).toEqual({ campaignId, workflowId });
    expect((await call(control, 'ResumeCampaign', { campaignId }, auth(submitter.token))).response).toEqual({ campaignId, workflowId });
    expect(await signals(f.client, workflowId)).toEqual(['pause', 'setLimits', 'resume']);

    // Retrying while it runs is refused; the read token sees the campaign.
    expect((await call(control, 'RetryFailed', { campaignId }, auth(submitter.token))).error?.code).toBe(status.FAILED_PRECONDITION);
    expect(await getCampaign(api.client, reader.token, campaignId)).toMatchObject({ campaignId });

    const worker = await f.newWorker();
    await worker.runUntil(async () => {
      expect(await f.client.workflow.getHandle(workflowId).result()).toBe('COMPLETED');
    });
    expect(await f.servers.prisma.simulation.count({ where: { campaignId } })).toBe(40);
    expect((await campaignRow(campaignId))?.state).toBe('COMPLETED');
    // A finished campaign has no workflow to signal; cancelling it is a no-op, as from the CLI.
    expect((await call(control, 'CancelCampaign', { campaignId }, auth(submitter.token))).response).toEqual({ campaignId, workflowId });
    expect((await campaignRow(campaignId))?.state).toBe('COMPLETED');
    for (const method of ['PauseCampaign', 'ResumeCampaign'] as const) {
      expect({ method, code: (await call(control, method, { campaignId }, auth(submitter.token))).error?.code }).toEqual({ method, code: status.FAILED_PRECONDITION });
    }
    expect((await call(control, 'SetLimits', { campaignId, maxShardsInFlight: 2 }, auth(admin.token))).error?.code).toBe(status.FAILED_PRECONDITION);

    // Finished: no failures to retry, but the retry starts (once) and completes all the same.
    const retry = await call<unknown, { campaignId: string; workflowId: string }>(control, 'RetryFailed', { campaignId }, auth(submitter.token));
    expect(retry.error).toBeUndefined();
    expect(retry.response).toEqual({ campaignId, workflowId: expect.any(String) });
    expect((await call(control, 'RetryFailed', { campaignId }, auth(submitter.token))).error?.code).toBe(status.ALREADY_EXISTS);
    const retryWorker = await f.newWorker();
    await retryWorker.runUntil(() => f.client.workflow.getHandle(retry.response!.workflowId).result());
    expect(await f.servers.prisma.simulation.count({ where: { campaignId } })).toBe(40);
  });

  it('a submit token cancels its campaign: recorded CANCELLED', async () => {
    const campaignId = uniqueId('apicancel');
    const submitted = await call<unknown, Submitted>(control, 'SubmitCampaign', { specYaml: smallSpec('apicancel', 400), campaignId }, auth(submitter.token));
    expect(submitted.error).toBeUndefined();
    expect((await call(control, 'CancelCampaign', { campaignId }, auth(submitter.token))).response).toEqual({ campaignId, workflowId: submitted.response!.workflowId });
    const worker = await f.newWorker();
    await worker.runUntil(async () => {
      await expect(f.client.workflow.getHandle(submitted.response!.workflowId).result()).rejects.toMatchObject({ name: 'WorkflowFailedError' });
    });
    expect((await campaignRow(campaignId))?.state).toBe('CANCELLED');
  });

  it('without a Temporal server configured, control calls are FAILED_PRECONDITION (after the token check)', async () => {
    const noTemporal = await startSubscriptionFixture(f.servers, { SUBSCRIPTIONS_TOKENS: [reader.entry, submitter.entry].join(','), TEMPORAL_ADDRESS: '' });
    const client = createControlClient(noTemporal.server.address);
    try {
      const id = uniqueId('notemporal');
      expect((await call(client, 'SubmitCampaign', { specYaml: smallSpec('notemporal'), campaignId: id }, auth(reader.token))).error?.code).toBe(status.PERMISSION_DENIED);
      const { error } = await call(client, 'SubmitCampaign', { specYaml: smallSpec('notemporal'), campaignId: id }, auth(submitter.token));
      expect(error?.code).toBe(status.FAILED_PRECONDITION);
      expect(error?.details).toContain('TEMPORAL_ADDRESS');
      expect(await campaignRow(id)).toBeNull();
    } finally {
      client.close();
      await noTemporal.close();
    }
  });
});
