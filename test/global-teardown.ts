import fs from 'node:fs';
import { Client } from 'pg';
import { downStack } from '../services/stack/stack';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.SYNTHFLUX_TEST_STACK_DIR;
  if (dir) {
    await downStack(dir);
    if (!process.env.SYNTHFLUX_KEEP_TEST_STACK) fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (url && !process.env.SYNTHFLUX_KEEP_TEST_STACK) {
    const dbName = new URL(url).pathname.slice(1);
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await client.end();
  }
}
