// The real servers the Python client's tests talk to, started the way the jest integration tests
// start them: a Temporal dev server, an S3 server and a fresh PostgreSQL database
// (services/stack/ephemeral.ts), an in-process solver and campaign worker
// (test/integration/campaign/fixtures.ts), and the API service (Subscriptions + Control) with one
// throw-away token holding the read and submit scopes.
//
//   node --import tsx test/python/serve.ts
//
// Prints one JSON line with the addresses, the S3 credentials and the token on stdout (a pipe the
// pytest conftest reads; nothing is written to a log), then runs until stdin closes or SIGTERM,
// and stops everything it started.

import { startEphemeralServers, type EphemeralServers } from '../../services/stack/ephemeral';
import { newToken } from '../../services/subscriptions/auth';
import { parseSubscriptionsConfig } from '../../services/subscriptions/config';
import { startSubscriptionServer } from '../../services/subscriptions/server';
import { createCampaignFixture } from '../integration/campaign/fixtures';

async function main(): Promise<void> {
  let servers: EphemeralServers | undefined;
  const stops: Array<() => Promise<unknown>> = [];
  try {
    servers = await startEphemeralServers({ label: 'pytest', bucket: 'synthflux-pytest' });
    // The campaign fixture connects to the servers named by these, as under test/global-setup.ts.
    Object.assign(process.env, {
      TEST_TEMPORAL_ADDRESS: servers.temporalAddress,
      TEST_DATABASE_URL: servers.databaseUrl,
      TEST_S3_ENDPOINT: servers.s3Endpoint,
      TEST_S3_BUCKET: servers.bucket,
      TEST_S3_ACCESS_KEY: servers.credentials.S3_ACCESS_KEY,
      TEST_S3_SECRET_KEY: servers.credentials.S3_SECRET_KEY,
    });
    const f = await createCampaignFixture();
    stops.push(() => f.close());
    const worker = await f.newWorker();
    const running = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await running;
    });
    const { token, entry } = newToken('pytest', ['read', 'submit']);
    const config = parseSubscriptionsConfig({
      DATABASE_URL: servers.databaseUrl,
      S3_ENDPOINT: servers.s3Endpoint,
      S3_ACCESS_KEY: servers.credentials.S3_ACCESS_KEY,
      S3_SECRET_KEY: servers.credentials.S3_SECRET_KEY,
      S3_BUCKET: servers.bucket,
      SUBSCRIPTIONS_PORT: '0',
      SUBSCRIPTIONS_TOKENS: entry,
      SUBSCRIPTIONS_DB_POOL: '4',
      TEMPORAL_ADDRESS: servers.temporalAddress,
    });
    const api = await startSubscriptionServer({ config, prisma: f.servers.prisma, s3: f.servers.s3, temporal: f.client, log: (m) => console.error(`api: ${m}`) });
    stops.push(() => api.close());
    process.stdout.write(
      `${JSON.stringify({
        subscriptionsAddress: api.address,
        token,
        s3Endpoint: servers.s3Endpoint,
        s3AccessKey: servers.credentials.S3_ACCESS_KEY,
        s3SecretKey: servers.credentials.S3_SECRET_KEY,
        bucket: servers.bucket,
      })}\n`,
    );
    await new Promise<void>((resolve) => {
      process.stdin.on('end', resolve).on('close', resolve).resume();
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
  } finally {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error(err));
    await servers?.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
