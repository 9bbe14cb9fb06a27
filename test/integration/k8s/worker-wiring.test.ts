// The worker's Kubernetes mode as main() wires it: config parsed from env, discovery feeding the
// pool, and the scaler activity sizing from the real catalog, all as the worker's service account.

import { AppsV1Api, DiscoveryV1Api } from '@kubernetes/client-node';
import { MockActivityEnvironment } from '@temporalio/testing';
import { startKubernetesSolvers } from '../../../services/discovery/kubernetes';
import type { ScaleResult, ScalerActivities } from '../../../services/scaler/activities';
import { workerConfigSchema } from '../../../services/worker/config';
import { SolverPool } from '../../../services/worker/solver-pool';
import { applyDevOverlay, DEV_NAMESPACE } from '../../kube/fixture';
import { connectTestServers, poll } from '../harness';

it('discovers solvers and sizes the Deployment with SOLVER_DISCOVERY=kubernetes', async () => {
  const cluster = await applyDevOverlay();
  const servers = connectTestServers();
  const config = workerConfigSchema.parse({
    S3_ACCESS_KEY: 'unused-access', S3_SECRET_KEY: 'unused-secret',
    SOLVER_DISCOVERY: 'kubernetes', SOLVER_NAMESPACE: DEV_NAMESPACE, SOLVER_MIN_REPLICAS: '2', SOLVER_MAX_REPLICAS: '3', SOLVER_POD_CAPACITY: '1',
  });
  const pool = new SolverPool({ addresses: [], callTimeoutMs: 5000 });
  const logs: string[] = [];
  const k8s = await startKubernetesSolvers({ config, pool, prisma: servers.prisma, kubeConfig: cluster.worker, log: (m) => logs.push(m) });
  const slices = cluster.admin.makeApiClient(DiscoveryV1Api);
  try {
    await slices.createNamespacedEndpointSlice({
      namespace: DEV_NAMESPACE,
      body: {
        metadata: { name: 'synthflux-solver-wiring', labels: { 'kubernetes.io/service-name': 'synthflux-solver', 'endpointslice.kubernetes.io/managed-by': 'synthflux-test' } },
        addressType: 'IPv4',
        ports: [{ name: 'grpc', port: 50051 }],
        endpoints: [{ addresses: ['10.3.0.1'], conditions: { ready: true } }],
      },
    });
    await poll({ label: 'the pool to see 10.3.0.1', timeoutMs: 15_000, shouldStop: async () => pool.size === 1 });

    // Whatever other test files left RUNNING in the catalog, the result stays within [2, 3].
    const result: ScaleResult = await new MockActivityEnvironment().run<[], ScaleResult, ScalerActivities['sizeSolverPool']>(k8s.activities.sizeSolverPool);
    expect(result.replicas).toBeGreaterThanOrEqual(2);
    expect(result.replicas).toBeLessThanOrEqual(3);
    const deployment = await cluster.admin.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'synthflux-solver', namespace: DEV_NAMESPACE });
    expect(deployment.spec?.replicas).toBe(result.replicas);
    expect(logs.some((l) => l.startsWith('discovery: 1 solver endpoints ready'))).toBe(true);
  } finally {
    await k8s.stop();
    pool.close();
    await slices.deleteNamespacedEndpointSlice({ name: 'synthflux-solver-wiring', namespace: DEV_NAMESPACE });
    await servers.prisma.$disconnect();
  }
});
