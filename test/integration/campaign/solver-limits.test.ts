// A solver pool with a low batch limit (a real solver process on a free port, SOLVER_MAX_BATCH=5)
// against specs with larger batches: submit refuses them before anything starts (CLI path and
// Control API), and a campaign that got past the check anyway fails at once with the solver's
// reason instead of retrying forever.

import { status, type ServiceError } from '@grpc/grpc-js';
import { WorkflowFailedError } from '@temporalio/client';
import { CampaignSpecError } from '../../../services/campaign';
import { createControlClient, type ControlClient } from '../../../services/control/api-client';
import { solverLimitsFromAddresses } from '../../../services/control/solver-limits';
import { campaignStatus } from '../../../services/control/status';
import { submitCampaign } from '../../../services/control/submit';
import { startSolverServer, type RunningSolverServer } from '../../../services/solver/server';
import { newToken } from '../../../services/subscriptions/auth';
import { SolverPool } from '../../../services/worker/solver-pool';
import { auth, startSubscriptionFixture, uniqueId, type SubscriptionFixture } from '../subscriptions/helpers';
import { createCampaignFixture, testSpec, type CampaignFixture } from './fixtures';

const MAX_BATCH = 5;
const specYaml = (batchSize: number, seed = 9) =>
  `count: 30\nsampler: uniform\nseed: ${seed}\nsolver: { model: dipole, sensorGrid: { axialCount: 12, circumferentialCount: 6 } }\nbatchSize: ${batchSize}\nshardSize: 2\n`;

describe('a spec over the solver pool limits', () => {
  let f: CampaignFixture;
  let limited: RunningSolverServer;
  let limitedPool: SolverPool;
  let api: SubscriptionFixture;
  let control: ControlClient;
  const submitter = newToken('submitter', ['submit']);

  beforeAll(async () => {
    f = await createCampaignFixture();
    limited = await startSolverServer({ host: '127.0.0.1', port: 0, threads: 1, maxBatch: MAX_BATCH });
    limitedPool = new SolverPool({ addresses: [limited.address], callTimeoutMs: 60_000 });
    api = await startSubscriptionFixture(f.servers, {
      SUBSCRIPTIONS_TOKENS: submitter.entry,
      TEMPORAL_ADDRESS: f.servers.temporalAddress,
      SOLVER_ADDRESSES: limited.address,
    });
    control = createControlClient(api.server.address);
  });
  afterAll(async () => {
    control?.close();
    await api?.close();
    limitedPool?.close();
    await limited?.close();
    await f?.close();
  });

  const deps = () => ({ prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket, solverLimits: solverLimitsFromAddresses([limited.address]) });

  it('submit refuses it, naming batchSize and the pool maximum, and catalogs and starts nothing', async () => {
    const id = uniqueId('too-big');
    const err = await submitCampaign(deps(), testSpec('too-big', specYaml(20)), id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CampaignSpecError);
    expect((err as CampaignSpecError).issues).toEqual([{ path: 'batchSize', message: `at most ${MAX_BATCH} simulations per batch on the solver pool (${limited.address}) (got 20)` }]);
    expect(await f.servers.prisma.campaign.findUnique({ where: { id } })).toBeNull();
    await expect(f.client.workflow.getHandle(`campaign-${id}`).describe()).rejects.toMatchObject({ name: 'WorkflowNotFoundError' });

    // Within the limit, the same check lets it through.
    const ok = await submitCampaign(deps(), testSpec('fits', specYaml(MAX_BATCH)));
    expect(await (await f.newWorker({ solverPool: limitedPool })).runUntil(f.client.workflow.getHandle(ok.workflowId).result())).toBe('COMPLETED');
  });

  it('the Control API refuses it with INVALID_ARGUMENT naming batchSize', async () => {
    const id = uniqueId('api-too-big');
    const answer = await new Promise<{ error?: ServiceError }>((resolve) =>
      control.SubmitCampaign({ specYaml: `name: api-too-big\n${specYaml(20)}`, campaignId: id }, auth(submitter.token), (error) => resolve({ error: error ?? undefined })),
    );
    expect(answer.error?.code).toBe(status.INVALID_ARGUMENT);
    expect(answer.error?.details).toContain(`batchSize: at most ${MAX_BATCH} simulations per batch`);
    expect(await f.servers.prisma.campaign.findUnique({ where: { id } })).toBeNull();
  });

  it('a pool that does not answer is not checked (it may be scaled to zero)', async () => {
    await expect(solverLimitsFromAddresses(['127.0.0.1:1'], { timeoutMs: 500 })()).resolves.toBeUndefined();
  });

  it('a campaign that reached the solver anyway fails at once with the limit in its status, instead of retrying forever', async () => {
    // Submitted without the check (as when the pool did not answer at submit time); another seed,
    // so no simulation can be reused from the campaign above.
    const submitted = await submitCampaign({ prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket }, testSpec('unchecked', specYaml(10, 10)));
    let calls = 0;
    const counting = { identity: limitedPool.identity.bind(limitedPool), solve: (...args: Parameters<SolverPool['solve']>) => (calls++, limitedPool.solve(...args)) };
    const worker = await f.newWorker({ solverPool: counting });
    const err = await worker.runUntil(f.client.workflow.getHandle(submitted.workflowId).result().catch((e: unknown) => e));
    expect(err).toBeInstanceOf(WorkflowFailedError);
    // One call per batch that started (the first refusal stops new starts), none repeated.
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThanOrEqual(submitted.batches);
    const status_ = await campaignStatus({ prisma: f.servers.prisma, temporal: f.client }, submitted.campaignId);
    expect(status_.state).toBe('FAILED');
    expect(status_.workflowStatus).toBe('FAILED');
    expect(status_.failure?.type).toBe('SolverInvalidRequest');
    expect(status_.failure?.message).toContain(`simulations: at most ${MAX_BATCH} per batch (got 10)`);
    expect(status_.failure?.message).toContain("the spec's batchSize is 10");
    expect(await f.servers.prisma.batch.count({ where: { campaignId: submitted.campaignId } })).toBe(0);
  });
});
