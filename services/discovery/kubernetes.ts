// Kubernetes mode for the worker: discovery of the solver pods plus the scaling activity.

import { KubeConfig } from '@kubernetes/client-node';
import type { PrismaClientOrTransaction } from '../catalog/client';
import { CatalogBacklog } from '../scaler/backlog';
import { createScalerActivities, type ScalerActivities } from '../scaler/activities';
import type { ScalerConfig } from '../scaler/config';
import { DeploymentScale } from '../scaler/scale-target';
import type { DiscoveryConfig } from './config';
import { EndpointSliceDiscovery, type EndpointSink } from './watcher';

export interface KubernetesSolvers {
  activities: ScalerActivities;
  stop(): Promise<void>;
}

/**
 * Starts the EndpointSlice watch that feeds `pool` and returns the scaler activity to register.
 * The kube config comes from the pod's service account in a cluster (or ~/.kube/config outside).
 */
export async function startKubernetesSolvers(opts: {
  config: DiscoveryConfig & ScalerConfig;
  /** The worker's SolverPool: discovery sets its endpoints; the scaler reads its calls in flight. */
  pool: EndpointSink & { snapshot(): readonly { inFlight: number }[] };
  prisma: PrismaClientOrTransaction;
  kubeConfig?: KubeConfig;
  log?: (message: string) => void;
}): Promise<KubernetesSolvers> {
  const { config, pool, log = console.log } = opts;
  const kubeConfig = opts.kubeConfig ?? loadDefaultKubeConfig();
  const discovery = new EndpointSliceDiscovery({
    kubeConfig,
    namespace: config.SOLVER_NAMESPACE,
    serviceName: config.SOLVER_SERVICE,
    portName: config.SOLVER_PORT_NAME,
    pool,
    log,
  });
  await discovery.start();
  const activities = createScalerActivities({
    target: new DeploymentScale({ kubeConfig, namespace: config.SOLVER_NAMESPACE, name: config.SOLVER_DEPLOYMENT }),
    backlog: new CatalogBacklog({ prisma: opts.prisma }),
    bounds: { minReplicas: config.SOLVER_MIN_REPLICAS, maxReplicas: config.SOLVER_MAX_REPLICAS },
    podCapacity: config.SOLVER_POD_CAPACITY,
    localInFlight: () => pool.snapshot().reduce((sum, e) => sum + e.inFlight, 0),
    log,
  });
  return { activities, stop: () => discovery.stop() };
}

function loadDefaultKubeConfig(): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromDefault();
  return kubeConfig;
}
