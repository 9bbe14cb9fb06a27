import { NativeConnection, Worker } from '@temporalio/worker';
import { createPrismaClient } from '../catalog/client';
import { startKubernetesSolvers } from '../discovery/kubernetes';
import { createS3Client } from '../store/s3';
import { CAMPAIGN_TASK_QUEUE } from '../../workflows/types';
import { createActivities } from './activities';
import { workerConfigSchema } from './config';
import { SolverPool } from './solver-pool';

async function main(): Promise<void> {
  const config = workerConfigSchema.parse(process.env);
  const prisma = createPrismaClient(config.DATABASE_URL);
  const kubernetes = config.SOLVER_DISCOVERY === 'kubernetes';
  const solverPool = new SolverPool({ addresses: kubernetes ? [] : config.SOLVER_ADDRESSES, callTimeoutMs: config.SOLVER_CALL_TIMEOUT_MS });
  const k8s = kubernetes ? await startKubernetesSolvers({ config, pool: solverPool, prisma }) : undefined;
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: CAMPAIGN_TASK_QUEUE,
      workflowsPath: require.resolve('../../workflows'),
      activities: { ...createActivities({ prisma, s3: createS3Client(config), bucket: config.S3_BUCKET, solverPool }), ...k8s?.activities },
      maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    });
    console.log(`worker ready: task queue ${CAMPAIGN_TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}, solvers ${kubernetes ? `from ${config.SOLVER_NAMESPACE}/${config.SOLVER_SERVICE} endpoint slices` : config.SOLVER_ADDRESSES.join(',')}`);
    await worker.run();
  } finally {
    await connection.close();
    await k8s?.stop();
    solverPool.close();
    await prisma.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
