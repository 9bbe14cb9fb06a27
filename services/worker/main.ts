import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createLogger } from '../logging/logger';
import { startMetricsServer } from '../metrics/http';
import { instrumentActivities } from './instrument-activities';
import { createWorkerMetrics } from '../metrics/worker-metrics';
import { createPrismaClient } from '../catalog/client';
import { startKubernetesSolvers } from '../discovery/kubernetes';
import { ensureSolverScaling } from '../scaler/schedule';
import { connectTemporal, describeTemporal } from '../temporal/connection';
import { startTracing, workerTracingOptions } from '../tracing';
import { createS3Client } from '../store/s3';
import { CAMPAIGN_TASK_QUEUE, VERIFICATION_TASK_QUEUE } from '../../workflows/types';
import { createActivities } from './activities';
import { createVerificationActivities } from './activities/verification';
import { parseWorkerConfig } from './config';
import { SolverPool } from './solver-pool';
import { workflowCode } from './workflow-code';
import { solverClientFactory } from './solver-tls';
import { createVerificationPools } from './verification-pools';

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
  const verificationPools = createVerificationPools(config.VERIFICATION_SOLVER_POOLS, { callTimeoutMs: config.VERIFICATION_CALL_TIMEOUT_MS, createClient: solverClientFactory(config) });
  const k8s = kubernetes ? await startKubernetesSolvers({ config, pool: solverPool, prisma }) : undefined;
  const metrics = createWorkerMetrics(solverPool);
  const metricsServer = config.WORKER_METRICS_PORT >= 0 ? await startMetricsServer({ host: config.METRICS_HOST, port: config.WORKER_METRICS_PORT, registry: metrics.registry }) : undefined;
  if (metricsServer) logger.info({ url: metricsServer.url }, 'metrics endpoint');
  const deps = { prisma, s3: createS3Client(config), bucket: config.S3_BUCKET, solverPool, ml: config.ml, verificationPools };
  const tracingOptions = workerTracingOptions(tracing);
  const workflowSource = workflowCode({ tracing: Boolean(tracingOptions.interceptors?.workflowModules?.length) });
  // A prebuilt bundle already holds the workflow interceptors (services/build/dist.ts).
  if ('workflowBundle' in workflowSource && tracingOptions.interceptors) delete tracingOptions.interceptors.workflowModules;
  const connection = await connectTemporal(config.temporal, (options) => NativeConnection.connect(options));
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: CAMPAIGN_TASK_QUEUE,
      ...workflowSource,
      activities: {
        ...instrumentActivities(createActivities(deps), { metrics, logger, prisma }),
        ...k8s?.activities,
      },
      maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      ...tracingOptions,
    });
    // Verification samples on their own queue and slots (workflows/verification.ts); a campaign
    // that names a pool this worker lacks gets its samples recorded as failed, never stuck.
    const verificationWorker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: VERIFICATION_TASK_QUEUE,
      activities: createVerificationActivities(deps),
      maxConcurrentActivityTaskExecutions: config.VERIFICATION_MAX_CONCURRENT_ACTIVITIES,
    });
    if (kubernetes) {
      // One scaling workflow per namespace, started by whichever Kubernetes-mode worker comes first.
      const clientConnection = await connectTemporal(config.temporal, (options) => Connection.connect(options));
      await ensureSolverScaling(new Client({ connection: clientConnection, namespace: config.temporal.namespace }), config.SOLVER_SCALE_INTERVAL_SECONDS).finally(() => clientConnection.close());
    }
    console.log(
      `worker ready: task queue ${CAMPAIGN_TASK_QUEUE} on ${describeTemporal(config.temporal)}, solvers ${kubernetes ? `from ${config.SOLVER_NAMESPACE}/${config.SOLVER_SERVICE} endpoint slices` : config.SOLVER_ADDRESSES.join(',')}, ` +
        `ML training ${config.ml.ML_TRAINING_RUNNER}, gap checks ${config.ml.ML_GAP_CHECK_RUNNER}, ` +
        `verification pools ${[...verificationPools.keys()].join(',') || 'none'} on ${VERIFICATION_TASK_QUEUE}`,
    );
    await Promise.all([worker.run(), verificationWorker.run()]);
  } finally {
    await connection.close();
    await metricsServer?.close();
    await k8s?.stop();
    solverPool.close();
    for (const pool of verificationPools.values()) pool.close();
    await prisma.$disconnect();
    await tracing.shutdown();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
