import type * as Minio from 'minio';
import { createPrismaClient, type PrismaClient } from '../../services/catalog/client';
import { createS3Client } from '../../services/store/s3';
import { poll as pollUntil } from '../../services/stack/process';

/** Connections to the servers test/global-setup.ts started. */
export interface TestServers {
  temporalAddress: string;
  databaseUrl: string;
  bucket: string;
  prisma: PrismaClient;
  s3: Minio.Client;
  s3Config: { endpoint: string; accessKey: string; secretKey: string };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: integration tests run under test/global-setup.ts`);
  return value;
}

export function connectTestServers(): TestServers {
  const databaseUrl = required('TEST_DATABASE_URL');
  const s3Config = { endpoint: required('TEST_S3_ENDPOINT'), accessKey: required('TEST_S3_ACCESS_KEY'), secretKey: required('TEST_S3_SECRET_KEY') };
  const bucket = required('TEST_S3_BUCKET');
  return {
    temporalAddress: required('TEST_TEMPORAL_ADDRESS'),
    databaseUrl,
    bucket,
    prisma: createPrismaClient(databaseUrl),
    s3: createS3Client({ S3_ENDPOINT: s3Config.endpoint, S3_ACCESS_KEY: s3Config.accessKey, S3_SECRET_KEY: s3Config.secretKey, S3_BUCKET: bucket, S3_REGION: 'us-east-1' }),
    s3Config,
  };
}

/** Polls until `shouldStop` is true; fails with the label after the timeout (the stack's poll). */
export function poll(opts: { label: string; timeoutMs: number; shouldStop: () => Promise<boolean> }): Promise<void> {
  // A failing check fails the test at once rather than being retried.
  return pollUntil({ label: opts.label, timeoutMs: opts.timeoutMs, check: opts.shouldStop, stopOn: () => true });
}
