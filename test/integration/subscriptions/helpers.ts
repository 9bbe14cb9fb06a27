import { randomBytes } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import type { Client } from '@temporalio/client';
import type { ControlClient } from '../../../services/control/api-client';
import { Pool } from 'pg';
import { authMetadata, createSubscriptionsClient, type SubscriptionsClient } from '../../../services/consumer/client';
import type { BatchEvent } from '../../../services/consumer/watch';
import { newToken } from '../../../services/subscriptions/auth';
import { parseSubscriptionsConfig } from '../../../services/subscriptions/config';
import { startSubscriptionServer, type RunningSubscriptionServer } from '../../../services/subscriptions/server';
import type { TestServers } from '../harness';

export interface SubscriptionFixture {
  server: RunningSubscriptionServer;
  client: SubscriptionsClient;
  token: string;
  pool: Pool;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A subscription server on a free port over the test database and S3 server, with one read token. */
export async function startSubscriptionFixture(servers: TestServers, env: Record<string, string> = {}): Promise<SubscriptionFixture> {
  const { token, entry } = newToken('test');
  const config = (port: number) =>
    parseSubscriptionsConfig({
      DATABASE_URL: servers.databaseUrl,
      S3_ENDPOINT: servers.s3Config.endpoint,
      S3_ACCESS_KEY: servers.s3Config.accessKey,
      S3_SECRET_KEY: servers.s3Config.secretKey,
      S3_BUCKET: servers.bucket,
      SUBSCRIPTIONS_PORT: String(port),
      SUBSCRIPTIONS_TOKENS: `${entry},nobody:${'0'.repeat(64)}:read`,
      SUBSCRIPTIONS_DB_POOL: '4',
      ...env,
    });
  const quiet = (): void => undefined;
  let server = await startSubscriptionServer({ config: config(0), prisma: servers.prisma, s3: servers.s3, log: quiet });
  const client = createSubscriptionsClient(server.address);
  const fixture: SubscriptionFixture = {
    server,
    client,
    token,
    pool: new Pool({ connectionString: servers.databaseUrl, max: 4 }),
    // Same port, new process state: what a consumer sees when the service is redeployed.
    async restart() {
      const port = server.port;
      await server.close();
      server = await startSubscriptionServer({ config: config(port), prisma: servers.prisma, s3: servers.s3, log: quiet });
      fixture.server = server;
    },
    async close() {
      client.close();
      await server.close();
      await fixture.pool.end();
    },
  };
  return fixture;
}

export const uniqueId = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

/** A catalog row for a campaign whose events a test writes straight into the outbox. */
export async function createSyntheticCampaign(pool: Pool, id: string): Promise<void> {
  await pool.query(
    `INSERT INTO campaigns (id, name, spec, spec_hash, total, batch_size, batch_count, workflow_id, store_url, updated_at)
     VALUES ($1, 'synthetic', '{}', 'x', 1000000, 10, 100000, $1, $2, now())`,
    [id, `s3://none/campaigns/${id}/dataset.zarr`],
  );
}

/** Outbox rows for batches [from, from + n) of a synthetic campaign, in one statement. */
export async function insertSyntheticEvents(db: Pool | { query: Pool['query'] }, campaignId: string, from: number, n: number): Promise<void> {
  await db.query(
    `INSERT INTO batch_events (campaign_id, batch_index, start_index, count, succeeded, failed, checksum, locations)
     SELECT $1, g, g * 10, 10, 10, 0, md5(g::text), '[]'::jsonb FROM generate_series($2::int, $3::int) g`,
    [campaignId, from, from + n - 1],
  );
}

/** Opens a raw WatchBatches stream and collects what it receives until it ends or `count` arrive. */
export function collect(
  client: SubscriptionsClient,
  request: { filter?: { campaignIds: string[] }; afterCursor?: string },
  metadata: grpc.Metadata,
  count = Infinity,
): Promise<{ events: BatchEvent[]; error?: grpc.ServiceError }> {
  return new Promise((resolve) => {
    const events: BatchEvent[] = [];
    const call = client.WatchBatches(request, metadata);
    call.on('data', (event: BatchEvent) => {
      events.push(event);
      if (events.length >= count) {
        call.cancel();
        resolve({ events });
      }
    });
    call.on('error', (error: grpc.ServiceError) => resolve({ events, error }));
    call.on('end', () => resolve({ events }));
  });
}

export const auth = authMetadata;

export function expectStrictlyIncreasing(events: BatchEvent[]): void {
  for (let i = 1; i < events.length; i++) expect(BigInt(events[i]!.cursor)).toBeGreaterThan(BigInt(events[i - 1]!.cursor));
}

export type ControlMethod = 'SubmitCampaign' | 'PauseCampaign' | 'ResumeCampaign' | 'CancelCampaign' | 'RetryFailed' | 'SetLimits';

/** Calls a unary Control method; resolves with the response or the status error, never rejects. */
export function controlCall<Req, Res>(client: ControlClient, method: ControlMethod, request: Req, metadata: grpc.Metadata): Promise<{ response?: Res; error?: grpc.ServiceError }> {
  return new Promise((resolve) => {
    const fn = (client[method] as unknown as (r: Req, m: grpc.Metadata, cb: (err: grpc.ServiceError | null, res?: Res) => void) => void).bind(client);
    fn(request, metadata, (error, response) => resolve(error ? { error } : { response }));
  });
}

/** Names of the signals a workflow has received, from its history (no worker needed). */
export async function signals(temporal: Client, workflowId: string): Promise<string[]> {
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).flatMap((e) => (e.workflowExecutionSignaledEventAttributes ? [e.workflowExecutionSignaledEventAttributes.signalName ?? ''] : []));
}
