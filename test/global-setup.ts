import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareCatalog } from '../services/catalog/migrate';
import { loadOrCreateCredentials } from '../services/stack/credentials';
import { serverBinaries } from '../services/stack/paths';
import { freePort } from '../services/stack/process';
import { startS3Server, startTemporal } from '../services/stack/servers';
import { createS3Client, ensureBucket } from '../services/store/s3';

/**
 * Integration tests get servers of their own: a Temporal dev server and an S3 server on free
 * loopback ports in a temporary directory, and a fresh PostgreSQL database. Nothing is mocked.
 */
export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synthflux-test-'));
  const binaries = serverBinaries();
  const credentials = loadOrCreateCredentials(dir);
  const baseUrl = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  baseUrl.pathname = `/synthflux_test_${process.pid}_${Date.now().toString(36)}`;
  const databaseUrl = baseUrl.toString();

  const [temporalPort, uiPort, s3Port, consolePort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const [temporal, s3] = await Promise.all([
    startTemporal({ runDir: dir, binary: binaries.temporal, port: temporalPort, uiPort }),
    startS3Server({ runDir: dir, binary: binaries.minio, port: s3Port, consolePort, credentials }),
    prepareCatalog(databaseUrl),
  ]);
  const bucket = 'synthflux-test';
  await ensureBucket(createS3Client({ S3_ENDPOINT: s3.endpoint, S3_BUCKET: bucket, S3_REGION: 'us-east-1', ...credentials }), bucket);

  Object.assign(process.env, {
    SYNTHFLUX_TEST_STACK_DIR: dir,
    TEST_TEMPORAL_ADDRESS: temporal.address,
    TEST_DATABASE_URL: databaseUrl,
    TEST_S3_ENDPOINT: s3.endpoint,
    TEST_S3_BUCKET: bucket,
    TEST_S3_ACCESS_KEY: credentials.S3_ACCESS_KEY,
    TEST_S3_SECRET_KEY: credentials.S3_SECRET_KEY,
  });
}
