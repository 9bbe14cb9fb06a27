// The scaler patches the solver Deployment's replicas (scale subresource, as the worker's
// service account) as the backlog changes; the backlog comes from the real catalog.

import { AppsV1Api } from '@kubernetes/client-node';
import { MockActivityEnvironment } from '@temporalio/testing';
import { CatalogBacklog, type BacklogSource } from '../../../services/scaler/backlog';
import { createScalerActivities } from '../../../services/scaler/activities';
import { DeploymentScale } from '../../../services/scaler/scale-target';
import type { PoolDemand } from '../../../services/scaler/sizing';
import { applyDevOverlay, DEV_NAMESPACE, type DevCluster } from '../../kube/fixture';
import { connectTestServers } from '../harness';

class FakeBacklog implements BacklogSource {
  current: PoolDemand = { pendingBatches: 0, inFlightBatches: 0, maxParallelBatches: 0 };
  demand = async (): Promise<PoolDemand> => this.current;
}

describe('solver scaler against the API server', () => {
  let cluster: DevCluster;
  beforeAll(async () => {
    cluster = await applyDevOverlay();
  });

  const replicas = async (): Promise<number | undefined> =>
    (await cluster.admin.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'synthflux-solver', namespace: DEV_NAMESPACE })).spec?.replicas;

  it('follows the backlog between its bounds and never below in-flight work', async () => {
    const backlog = new FakeBacklog();
    const logs: string[] = [];
    const { sizeSolverPool } = createScalerActivities({
      target: new DeploymentScale({ kubeConfig: cluster.worker, namespace: DEV_NAMESPACE, name: 'synthflux-solver' }),
      backlog,
      bounds: { minReplicas: 1, maxReplicas: 3 },
      podCapacity: 2,
      log: (m) => logs.push(m),
    });
    const env = new MockActivityEnvironment();
    const step = async (demand: PoolDemand): Promise<number | undefined> => {
      backlog.current = demand;
      await env.run(sizeSolverPool);
      return replicas();
    };

    expect(await step({ pendingBatches: 0, inFlightBatches: 0, maxParallelBatches: 0 })).toBe(1); // idle: the minimum
    expect(await step({ pendingBatches: 4, inFlightBatches: 4, maxParallelBatches: 8 })).toBe(2);
    expect(await step({ pendingBatches: 500, inFlightBatches: 32, maxParallelBatches: 32 })).toBe(3); // capped at max
    // The backlog shrinks to 3 batches but 5 are still running (a cancel in progress): keep 3.
    expect(await step({ pendingBatches: 3, inFlightBatches: 5, maxParallelBatches: 32 })).toBe(3);
    expect(await step({ pendingBatches: 1, inFlightBatches: 1, maxParallelBatches: 32 })).toBe(1);
    const result = await env.run(sizeSolverPool);
    expect(result).toMatchObject({ replicas: 1, changed: false });
    expect(logs.some((l) => l.includes('-> 3 (max'))).toBe(true);
  });
});

describe('catalog backlog', () => {
  const servers = connectTestServers();
  afterAll(() => servers.prisma.$disconnect());

  it('counts the pending batches and parallelism of running campaigns', async () => {
    const backlog = new CatalogBacklog({ prisma: servers.prisma });
    const before = await backlog.demand();
    const id = `scaler-${Date.now().toString(36)}`;
    await servers.prisma.campaign.create({
      data: {
        id, name: 'scaler', spec: { limits: { maxShardsInFlight: 2, maxBatchesInFlight: 3 } }, specHash: 'x', total: 1000,
        batchSize: 100, batchCount: 10, workflowId: `campaign-${id}`, storeUrl: 's3://test/x',
      },
    });
    await servers.prisma.batch.createMany({
      data: [0, 1, 2].map((batchIndex) => ({
        campaignId: id, batchIndex, startIndex: batchIndex * 100, count: 100, succeeded: 100, failed: 0, checksum: 'c', locations: {}, solveMs: 1,
      })),
    });
    const after = await backlog.demand();
    expect(after.pendingBatches - before.pendingBatches).toBe(7);
    expect(after.maxParallelBatches - before.maxParallelBatches).toBe(6);
    expect(after.inFlightBatches - before.inFlightBatches).toBe(6);
    await servers.prisma.campaign.update({ where: { id }, data: { state: 'COMPLETED' } });
    expect(await backlog.demand()).toEqual(before);
  });
});
