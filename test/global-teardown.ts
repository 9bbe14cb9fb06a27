import { stopEphemeralServers } from '../services/stack/ephemeral';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.SYNTHFLUX_TEST_STACK_DIR;
  const databaseUrl = process.env.TEST_DATABASE_URL;
  // SYNTHFLUX_KEEP_TEST_STACK=1 leaves servers, logs and database for a look after a failure.
  if (dir && databaseUrl && !process.env.SYNTHFLUX_KEEP_TEST_STACK) await stopEphemeralServers(dir, databaseUrl);
}
