import { submitCampaign } from '../../../services/control/submit';
import { pauseCampaign, resumeCampaign, retryFailed, setCampaignLimits } from '../../../services/control/control';
import { verifyDataset } from '../../../services/control/verify';
import { campaignStatus } from '../../../services/control/status';
import type { SolverPool } from '../../../services/worker/solver-pool';
import { pauseSignal } from '../../../workflows/control';
import type { CampaignProgress } from '../../../workflows/types';
import { poll } from '../harness';
import { createCampaignFixture, testSpec, type CampaignFixture } from './fixtures';

const grid = 'sensorGrid: { axialCount: 12, circumferentialCount: 6 }';

describe('controlling campaigns on the real servers', () => {
  let f: CampaignFixture;
  beforeAll(async () => {
    f = await createCampaignFixture();
  });
  afterAll(() => f?.close());
  const control = () => ({ prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket });
  const batches = (campaignId: string) => f.servers.prisma.batch.count({ where: { campaignId } });
  /** The real solver pool, counting the calls that reach it. */
  const countingSolverPool = () => {
    let calls = 0;
    const pool: Pick<SolverPool, 'solve' | 'identity'> = {
      identity: (signal) => f.solverPool.identity(signal),
      solve: (...args) => {
        calls++;
        return f.solverPool.solve(...args);
      },
    };
    return { pool, calls: () => calls };
  };

  it('pauses (running batches finish, none start), changes limits and resumes to completion', async () => {
    const spec = testSpec('pause', `count: 600\nsampler: sobol\nsolver: { model: dipole, ${grid} }\nbatchSize: 10\nshardSize: 20\nlimits: { maxShardsInFlight: 1, maxBatchesInFlight: 1 }\n`);
    const worker = await f.newWorker();
    const { campaignId, workflowId } = await submitCampaign(control(), spec);
    const handle = f.client.workflow.getHandle(workflowId);
    await worker.runUntil(async () => {
      await poll({ label: 'some batches', timeoutMs: 60_000, shouldStop: async () => (await batches(campaignId)) >= 2 });
      // Rate and ETA come from the catalog's batch times, before any shard has finished.
      const running = await campaignStatus(control(), campaignId);
      expect(running.progress!.ratePerSecond).toBeGreaterThan(0);
      expect(running.progress!.etaSeconds).toBeGreaterThan(0);
      await pauseCampaign(control(), campaignId);
      await poll({ label: 'paused', timeoutMs: 30_000, shouldStop: async () => (await handle.query<CampaignProgress>('progress')).paused });
      // The campaign passes the pause on to its shard by signal. Once the shard has it and has no
      // activity pending, nothing may start while paused (before the signal lands, the shard may
      // be between one batch and the next, with nothing pending for a moment).
      const shard = f.client.workflow.getHandle(`${workflowId}-shard-${Math.floor((await batches(campaignId)) / 20)}`);
      const shardPaused = async () => ((await shard.fetchHistory()).events ?? []).some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === pauseSignal.name);
      await poll({ label: 'the shard to get the pause', timeoutMs: 30_000, shouldStop: shardPaused });
      await poll({ label: 'running batches to finish', timeoutMs: 30_000, shouldStop: async () => ((await shard.describe()).raw.pendingActivities ?? []).length === 0 });
      const whilePaused = await batches(campaignId);
      const observed: number[] = [];
      for (let k = 0; k < 10; k++) {
        await new Promise((r) => setTimeout(r, 150));
        observed.push(await batches(campaignId));
      }
      expect(observed.every((n) => n === whilePaused)).toBe(true);
      expect(whilePaused).toBeLessThan(60);

      await setCampaignLimits(control(), campaignId, { maxBatchesInFlight: 4 });
      await resumeCampaign(control(), campaignId);
      await poll({ label: 'new limits', timeoutMs: 30_000, shouldStop: async () => (await handle.query<CampaignProgress>('progress')).limits.maxBatchesInFlight === 4 });
      expect(await handle.result()).toBe('COMPLETED');
    });
    const progress = await f.servers.prisma.simulation.count({ where: { campaignId } });
    expect(progress).toBe(600);
    expect((await verifyDataset(f.deps, campaignId)).checksumMatches).toBe(600);
    await expect(setCampaignLimits(control(), campaignId, { maxBatchesInFlight: 0 })).rejects.toThrow('maxBatchesInFlight: must be an integer between 1 and 1000 (got 0)');
  });

  it('retries only the failed simulations, in place, once the cause is gone', async () => {
    const spec = testSpec('flaky', `count: 45\nsampler: uniform\nseed: 3\nsolver: { model: dipole, ${grid} }\nbatchSize: 10\n`);
    // The solver pool is real; every simulation with an odd index comes back as a solver error.
    const flakyPool: Pick<SolverPool, 'solve' | 'identity'> = {
      identity: (signal) => f.solverPool.identity(signal),
      async solve(request, signal, ticket) {
        const response = await f.solverPool.solve(request, signal, ticket);
        for (const r of response.results) {
          if (Number(r.index) % 2 === 1) Object.assign(r, { signalMap: undefined, error: { reason: 'NOT_CONVERGED', message: 'residual 3e-2 after 50 iterations' }, outcome: 'error' });
        }
        return response;
      },
    };
    const flakyWorker = await f.newWorker({ solverPool: flakyPool });
    const { campaignId, workflowId } = await submitCampaign(control(), spec);
    expect(await flakyWorker.runUntil(f.client.workflow.getHandle(workflowId).result())).toBe('COMPLETED');
    expect(await f.servers.prisma.simulation.count({ where: { campaignId, status: 'FAILED' } })).toBe(22);
    const failedRow = await f.servers.prisma.simulation.findFirstOrThrow({ where: { campaignId, status: 'FAILED' } });
    expect(failedRow.error).toBe('NOT_CONVERGED: residual 3e-2 after 50 iterations');
    expect((await verifyDataset(f.deps, campaignId)).mapsInStore).toBe(23);

    const worker = await f.newWorker();
    const { result } = await worker.runUntil(retryFailed(control(), campaignId, { wait: true }));
    expect(result).toEqual({ succeeded: 22, failed: 0 });
    const rows = await f.servers.prisma.simulation.findMany({ where: { campaignId }, orderBy: { index: 'asc' } });
    expect(rows).toHaveLength(45);
    expect(rows.every((r) => r.status === 'SUCCEEDED')).toBe(true);
    expect(rows.filter((r) => r.attempts === 2).map((r) => r.index % 2)).toEqual(Array(22).fill(1));
    const batchRows = await f.servers.prisma.batch.findMany({ where: { campaignId } });
    expect(batchRows.reduce((n, b) => n + b.failed, 0)).toBe(0);
    expect(await verifyDataset(f.deps, campaignId)).toMatchObject({ mapsInStore: 45, checksumMatches: 45, mismatches: [] });
  });

  it('reuses cataloged simulations by content hash: a rerun costs no solver call', async () => {
    const yaml = `count: 80\nsampler: latin-hypercube\nseed: 11\nsolver: { model: dipole, ${grid} }\nbatchSize: 20\n`;
    const counting = countingSolverPool();
    const countingPool = counting.pool;
    const first = await submitCampaign(control(), testSpec('cache-a', yaml));
    await (await f.newWorker({ solverPool: countingPool })).runUntil(f.client.workflow.getHandle(first.workflowId).result());
    expect(counting.calls()).toBe(4);
    const second = await submitCampaign(control(), testSpec('cache-b', yaml));
    await (await f.newWorker({ solverPool: countingPool })).runUntil(f.client.workflow.getHandle(second.workflowId).result());
    expect(counting.calls()).toBe(4);
    const b = await f.servers.prisma.batch.findMany({ where: { campaignId: second.campaignId } });
    expect(b.reduce((n, x) => n + x.cached, 0)).toBe(80);
    expect(b.reduce((n, x) => n + x.coreSeconds, 0)).toBe(0);
    const a = await f.servers.prisma.simulation.findMany({ where: { campaignId: first.campaignId }, orderBy: { index: 'asc' } });
    const c = await f.servers.prisma.simulation.findMany({ where: { campaignId: second.campaignId }, orderBy: { index: 'asc' } });
    expect(c.map((r) => r.checksum)).toEqual(a.map((r) => r.checksum));
    expect(a.every((r) => r.coreSeconds > 0)).toBe(true);
    expect(await verifyDataset(f.deps, second.campaignId)).toMatchObject({ mapsInStore: 80, checksumMatches: 80 });
  });

  it('solves again what the catalog knows but whose dataset is gone, instead of failing', async () => {
    const yaml = `count: 40\nsampler: sobol\nseed: 12\nsolver: { model: dipole, ${grid} }\nbatchSize: 20\n`;
    const counting = countingSolverPool();
    const countingPool = counting.pool;
    const first = await submitCampaign(control(), testSpec('gone-a', yaml));
    await (await f.newWorker({ solverPool: countingPool })).runUntil(f.client.workflow.getHandle(first.workflowId).result());
    expect(counting.calls()).toBe(2);
    // The first campaign's arrays disappear (a deleted dataset, or a catalog shared with another store).
    const keys: string[] = [];
    for await (const o of f.servers.s3.listObjectsV2(f.servers.bucket, `campaigns/${first.campaignId}/`, true)) keys.push((o as { name: string }).name);
    await f.servers.s3.removeObjects(f.servers.bucket, keys);
    const second = await submitCampaign(control(), testSpec('gone-b', yaml));
    expect(await (await f.newWorker({ solverPool: countingPool })).runUntil(f.client.workflow.getHandle(second.workflowId).result())).toBe('COMPLETED');
    expect(counting.calls()).toBe(4);
    expect(await verifyDataset(f.deps, second.campaignId)).toMatchObject({ mapsInStore: 40, checksumMatches: 40, mismatches: [] });
  });
});
