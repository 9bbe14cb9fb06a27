// Mounts the dashboard and the API's /metrics beside the subscription gRPC server; called by the
// API service's main() so the gRPC server code stays unaware of HTTP.

import { Client, Connection } from '@temporalio/client';
import { createApiMetrics } from '../metrics/api-metrics';
import { startMetricsServer } from '../metrics/http';
import { createPrismaClient } from '../catalog/client';
import { createS3Client } from '../store/s3';
import { temporalConnectionOptions } from '../temporal/connection';
import type { SubscriptionsConfig } from '../subscriptions/config';
import { startDashboard } from './server';

export async function mountOpsEndpoints(config: SubscriptionsConfig, log: (message: string) => void): Promise<{ urls: string[]; close(): Promise<void> }> {
  const prisma = createPrismaClient(config.databaseUrl);
  // Lazy: the dashboard starts and serves catalog pages while Temporal is down; workflow state
  // comes back once it answers.
  const connection = config.temporal.connection ? Connection.lazy(temporalConnectionOptions(config.temporal.connection)) : undefined;
  const temporal = connection ? new Client({ connection, namespace: config.temporal.namespace }) : undefined;
  const closers: (() => Promise<void>)[] = [];
  const urls: string[] = [];
  if (config.dashboardPort >= 0) {
    const dashboard = await startDashboard({
      host: config.host,
      port: config.dashboardPort,
      prisma,
      s3: createS3Client(config.s3),
      bucket: config.s3.S3_BUCKET,
      tokens: config.tokens,
      temporal,
      temporalUiUrl: config.temporal.uiUrl,
      namespace: config.temporal.namespace,
      workerMetricsUrls: config.workerMetricsUrls,
      sessionKey: config.dashboardSessionKey,
      publicUrl: config.dashboardPublicUrl,
      log,
    });
    urls.push(`dashboard ${dashboard.url}`);
    closers.push(dashboard.close);
  }
  if (config.metricsPort >= 0) {
    const metrics = await startMetricsServer({ host: config.host, port: config.metricsPort, registry: createApiMetrics(prisma) });
    urls.push(`metrics ${metrics.url}`);
    closers.push(metrics.close);
  }
  return {
    urls,
    async close() {
      for (const close of closers) await close();
      await connection?.close();
      await prisma.$disconnect();
    },
  };
}
