import type * as Minio from 'minio';
import { createPrismaClient, type PrismaClient } from '../../services/catalog/client';
import { createS3Client } from '../../services/store/s3';

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

/** Polls until `shouldStop` is true; fails with the label after the timeout. */
export async function poll(opts: { label: string; timeoutMs: number; shouldStop: () => Promise<boolean> }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  while (Date.now() < deadline) {
    if (await opts.shouldStop()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${opts.label}`);
}
