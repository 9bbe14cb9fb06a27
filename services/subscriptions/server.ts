// Builds and starts the API gRPC server: Subscriptions (read), Control (submit, admin) and the
// standard grpc.health.v1.

import * as grpc from '@grpc/grpc-js';
import { serverCredentials } from '../tls/grpc-tls';
import { HealthImplementation } from 'grpc-health-check';
import { Client as TemporalClient, Connection as TemporalConnection } from '@temporalio/client';
import type * as Minio from 'minio';
import { Pool } from 'pg';
import { createPrismaClient, type PrismaClient } from '../catalog/client';
import { createS3Client } from '../store/s3';
import { temporalConnectionOptions } from '../temporal/connection';
import type { SubscriptionsConfig } from './config';
import { createControlService } from './control-handlers';
import { solverLimitsFromAddresses } from '../control/solver-limits';
import { createSubscriptionsService } from './handlers';
import { BatchEventHub } from './hub';
import { NotifyListener } from './listener';
import { createOutboxReader } from './outbox';
import { loadControlProto, loadSubscriptionsProto } from '../../proto/load';
import type { WatchService } from './watch';

export const SUBSCRIPTIONS_SERVICE_NAME = 'synthflux.subscriptions.v1.Subscriptions';
export const CONTROL_SERVICE_NAME = 'synthflux.control.v1.Control';

export interface RunningSubscriptionServer {
  port: number;
  /** host:port for clients. */
  address: string;
  hub: BatchEventHub;
  watch: WatchService;
  close(): Promise<void>;
}

export interface SubscriptionServerOptions {
  config: SubscriptionsConfig;
  /** Injected clients are the caller's to close; the ones built here are closed by close(). */
  prisma?: PrismaClient;
  s3?: Minio.Client;
  /** The Control service's Temporal client; without one it connects to config.temporal.connection, if set. */
  temporal?: TemporalClient;
  log?: (message: string) => void;
}

function bind(server: grpc.Server, address: string, credentials: grpc.ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, credentials, (err, port) => (err ? reject(err) : resolve(port)));
  });
}

export async function startSubscriptionServer(opts: SubscriptionServerOptions): Promise<RunningSubscriptionServer> {
  const { config } = opts;
  const log = opts.log ?? ((message: string) => console.error(`subscriptions: ${message}`));
  const pool = new Pool({ connectionString: config.databaseUrl, max: config.dbPoolSize });
  // An idle pooled connection that drops must not crash the process; the next query reconnects.
  pool.on('error', (err) => log(`database pool: ${err.message}`));
  const prisma = opts.prisma ?? createPrismaClient(config.databaseUrl);
  const s3 = opts.s3 ?? createS3Client(config.s3);
  const reader = createOutboxReader(pool, config.s3.S3_BUCKET);
  const hub = new BatchEventHub({ reader, pageSize: config.pageSize, pollMs: config.pollMs, onError: (err) => log(`outbox read failed: ${String(err)}`) });
  const listener = new NotifyListener({ databaseUrl: config.databaseUrl, onWake: () => hub.wake(), onError: (err) => log(`listener: ${String(err)}`) });
  // Lazy: the API starts (and serves reads) while Temporal is down; control calls are UNAVAILABLE then.
  const temporalConnection = !opts.temporal && config.temporal.connection ? TemporalConnection.lazy(temporalConnectionOptions(config.temporal.connection)) : undefined;
  const temporal = opts.temporal ?? (temporalConnection ? new TemporalClient({ connection: temporalConnection, namespace: config.temporal.namespace }) : undefined);
  const server = new grpc.Server({ 'grpc.keepalive_time_ms': 30_000, 'grpc.keepalive_timeout_ms': 10_000 });
  const cleanup = async (): Promise<void> => {
    await listener.close();
    await hub.close();
    await pool.end().catch(() => undefined);
    await temporalConnection?.close().catch(() => undefined);
    if (!opts.prisma) await prisma.$disconnect();
  };

  let port: number;
  let watch: WatchService;
  try {
    // Head first, then LISTEN: the listener's first wake reads whatever committed in between.
    await hub.start();
    await listener.start();
    const service = createSubscriptionsService({
      prisma,
      s3,
      bucket: config.s3.S3_BUCKET,
      hub,
      reader,
      tokens: config.tokens,
      pageSize: config.pageSize,
      maxBuffered: config.maxBuffered,
      maxStreams: config.maxStreams,
      log,
    });
    watch = service.watch;
    server.addService(loadSubscriptionsProto().synthflux.subscriptions.v1.Subscriptions.service, service.handlers);
    server.addService(
      loadControlProto().synthflux.control.v1.Control.service,
      createControlService({
        prisma,
        temporal,
        s3,
        bucket: config.s3.S3_BUCKET,
        tokens: config.tokens,
        log,
        solverLimits: config.solverAddresses.length > 0 ? solverLimitsFromAddresses(config.solverAddresses) : undefined,
      }),
    );
    const health = new HealthImplementation({ '': 'SERVING', [SUBSCRIPTIONS_SERVICE_NAME]: 'SERVING', [CONTROL_SERVICE_NAME]: 'SERVING' });
    health.addToServer(server);
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    port = await bind(server, `${host}:${config.port}`, serverCredentials(config.tls));
  } catch (err) {
    server.forceShutdown();
    await cleanup();
    throw err;
  }

  let closing: Promise<void> | undefined;
  return {
    port,
    address: `${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    hub,
    watch,
    close() {
      closing ??= (async () => {
        watch.closeAll();
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => server.forceShutdown(), 5000);
          server.tryShutdown(() => {
            clearTimeout(force);
            resolve();
          });
        });
        await cleanup();
      })();
      return closing;
    },
  };
}
