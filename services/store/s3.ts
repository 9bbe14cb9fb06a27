import * as Minio from 'minio';
import { z } from 'zod';

/** Connection settings of the S3 server; one schema, parsed where a service starts. */
export const s3ConfigSchema = z.object({
  S3_ENDPOINT: z.string().url().default('http://127.0.0.1:9000'),
  S3_ACCESS_KEY: z.string().min(3, 'S3_ACCESS_KEY is required'),
  S3_SECRET_KEY: z.string().min(8, 'S3_SECRET_KEY is required'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'S3_BUCKET must be a valid bucket name')
    .default('synthflux'),
  S3_REGION: z.string().default('us-east-1'),
  // Set with temporary, policy-scoped credentials (services/store/scoped-credentials.ts).
  S3_SESSION_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
});
export type S3Config = z.infer<typeof s3ConfigSchema>;

export function createS3Client(config: S3Config): Minio.Client {
  const url = new URL(config.S3_ENDPOINT);
  return new Minio.Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80,
    useSSL: url.protocol === 'https:',
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
    ...(config.S3_SESSION_TOKEN ? { sessionToken: config.S3_SESSION_TOKEN } : {}),
    region: config.S3_REGION,
  });
}

export async function ensureBucket(client: Minio.Client, bucket: string, region = 'us-east-1'): Promise<void> {
  if (await client.bucketExists(bucket)) return;
  await client.makeBucket(bucket, region).catch((err: { code?: string }) => {
    if (err.code !== 'BucketAlreadyOwnedByYou' && err.code !== 'BucketAlreadyExists') throw err;
  });
}

export function isNotFound(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'NoSuchKey' || code === 'NotFound' || code === 'NoSuchBucket';
}

export async function readObject(client: Minio.Client, bucket: string, key: string): Promise<Buffer | undefined> {
  try {
    const stream = await client.getObject(bucket, key);
    const parts: Buffer[] = [];
    for await (const part of stream) parts.push(part as Buffer);
    return Buffer.concat(parts);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
