import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createLogger } from '../logging/logger';
import { startMetricsServer } from '../metrics/http';
import { instrumentActivities } from '../metrics/instrument-activities';
import { createWorkerMetrics } from '../metrics/worker-metrics';
import { createPrismaClient } from '../catalog/client';
import { startKubernetesSolvers } from '../discovery/kubernetes';
import { ensureSolverScaling } from '../scaler/schedule';
import { startTracing, workerTracingOptions } from '../tracing';
import { createS3Client } from '../store/s3';
import { CAMPAIGN_TASK_QUEUE } from '../../workflows/types';
import { createActivities } from './activities';
import { parseWorkerConfig } from './config';
import { SolverPool } from './solver-pool';
import { solverClientFactory } from './solver-tls';

async function main(): Promise<void> {
  const config = parseWorkerConfig(process.env);
  const logger = createLogger('worker');
  if (config.TEMPORAL_METRICS_PORT >= 0) {
    // Must precede the first connection: the Runtime owns the SDK's telemetry.
    Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: `${config.METRICS_HOST}:${config.TEMPORAL_METRICS_PORT}` } } } });
  }
  const tracing = startTracing({ serviceName: 'synthflux-worker' });
  const prisma = createPrismaClient(config.DATABASE_URL);
  const kubernetes = config.SOLVER_DISCOVERY === 'kubernetes';
  const solverPool = new SolverPool({ addresses: kubernetes ? [] : config.SOLVER_ADDRESSES, callTimeoutMs: config.SOLVER_CALL_TIMEOUT_MS, createClient: solverClientFactory(config) });
  const k8s = kubernetes ? await startKubernetesSolvers({ config, pool: solverPool, prisma }) : undefined;
  const metrics = createWorkerMetrics(solverPool);
  const metricsServer = config.WORKER_METRICS_PORT >= 0 ? await startMetricsServer({ host: config.METRICS_HOST, port: config.WORKER_METRICS_PORT, registry: metrics.registry }) : undefined;
  if (metricsServer) logger.info({ url: metricsServer.url }, 'metrics endpoint');
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: CAMPAIGN_TASK_QUEUE,
      workflowsPath: require.resolve('../../workflows'),
      activities: {
        ...instrumentActivities(createActivities({ prisma, s3: createS3Client(config), bucket: config.S3_BUCKET, solverPool, ml: config.ml }), { metrics, logger, prisma }),
        ...k8s?.activities,
      },
      maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      ...workerTracingOptions(tracing),
    });
    if (kubernetes) {
      // One scaling workflow per namespace, started by whichever Kubernetes-mode worker comes first.
      const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
      await ensureSolverScaling(new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE }), config.SOLVER_SCALE_INTERVAL_SECONDS).finally(() => clientConnection.close());
    }
    console.log(
      `worker ready: task queue ${CAMPAIGN_TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}, solvers ${kubernetes ? `from ${config.SOLVER_NAMESPACE}/${config.SOLVER_SERVICE} endpoint slices` : config.SOLVER_ADDRESSES.join(',')}, ` +
        `ML training ${config.ml.ML_TRAINING_RUNNER}, gap checks ${config.ml.ML_GAP_CHECK_RUNNER}`,
    );
    await worker.run();
  } finally {
    await connection.close();
    await metricsServer?.close();
    await k8s?.stop();
    solverPool.close();
    await prisma.$disconnect();
    await tracing.shutdown();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
