import { submitCampaign } from '../../../services/control/submit';
import { campaignStatus } from '../../../services/control/status';
import { refinementWorkflowId } from '../../../workflows/refinement-types';
import { createCampaignFixture, testSpec, type CampaignFixture } from './fixtures';

describe('what runs after a campaign completes', () => {
  let f: CampaignFixture;
  beforeAll(async () => {
    f = await createCampaignFixture();
  });
  afterAll(() => f?.close());

  it('starts the refinement workflow when the spec asks for a gap check, and shows it in status', async () => {
    const spec = testSpec('after', `count: 20\nsampler: uniform\nseed: 5\nsolver: { model: dipole, sensorGrid: { axialCount: 16, circumferentialCount: 8 } }\nbatchSize: 10\nafter: { gapCheck: true }\n`);
    const { campaignId, workflowId } = await submitCampaign({ prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket }, spec);
    const worker = await f.newWorker();
    await worker.runUntil(async () => {
      expect(await f.client.workflow.getHandle(workflowId).result()).toBe('COMPLETED');
      const refinement = f.client.workflow.getHandle(refinementWorkflowId(campaignId));
      const description = await refinement.describe();
      expect(description.type).toBe('refinementWorkflow');
      const status = await campaignStatus({ prisma: f.servers.prisma, temporal: f.client }, campaignId);
      expect(status.refinement).toMatchObject({ workflowId: refinementWorkflowId(campaignId) });
      expect(['RUNNING', 'COMPLETED']).toContain(status.refinement!.status);
      // The gap check itself is covered by test/integration/ml; stop it here.
      await refinement.terminate('test done').catch(() => undefined);
    });
  });

  it('starts nothing after a campaign that asks for nothing', async () => {
    const spec = testSpec('plain', `count: 10\nsampler: uniform\nseed: 6\nsolver: { model: dipole, sensorGrid: { axialCount: 8, circumferentialCount: 8 } }\nbatchSize: 10\n`);
    const { campaignId, workflowId } = await submitCampaign({ prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket }, spec);
    const worker = await f.newWorker();
    await worker.runUntil(f.client.workflow.getHandle(workflowId).result());
    await expect(f.client.workflow.getHandle(refinementWorkflowId(campaignId)).describe()).rejects.toThrow();
    expect((await campaignStatus({ prisma: f.servers.prisma, temporal: f.client }, campaignId)).refinement).toBeUndefined();
  });
});
