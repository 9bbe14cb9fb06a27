import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { prepareCatalog } from '../catalog/migrate';
import { createS3Client, ensureBucket } from '../store/s3';
import { loadOrCreateCredentials, type StackCredentials } from './credentials';
import { serverBinaries } from './paths';
import { freePort } from './process';
import { startS3Server, startTemporal } from './servers';
import { downStack } from './stack';

export interface EphemeralServers {
  dir: string;
  temporalAddress: string;
  s3Endpoint: string;
  bucket: string;
  credentials: StackCredentials;
  databaseUrl: string;
  /** Stops the servers, drops the database and removes the directory. */
  stop(): Promise<void>;
}

/**
 * A throw-away set of real servers for tests and benchmarks: Temporal dev server and S3 server on
 * free loopback ports in a temporary directory, and a fresh database on DATABASE_URL's server.
 */
export async function startEphemeralServers(opts: { label: string; bucket: string; baseDatabaseUrl?: string; dir?: string }): Promise<EphemeralServers> {
  const dir = opts.dir ?? makeRunDir(opts.label);
  const binaries = serverBinaries();
  const credentials = loadOrCreateCredentials(dir);
  const url = new URL(opts.baseDatabaseUrl ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/synthflux_${opts.label}_${process.pid}_${Date.now().toString(36)}`;
  const databaseUrl = url.toString();
  const [temporalPort, uiPort, s3Port, consolePort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const [temporal, s3] = await Promise.all([
    startTemporal({ runDir: dir, binary: binaries.temporal, port: temporalPort, uiPort }),
    startS3Server({ runDir: dir, binary: binaries.minio, port: s3Port, consolePort, credentials }),
    prepareCatalog(databaseUrl),
  ]);
  await ensureBucket(createS3Client({ S3_ENDPOINT: s3.endpoint, S3_BUCKET: opts.bucket, S3_REGION: 'us-east-1', ...credentials }), opts.bucket);
  return {
    dir,
    temporalAddress: temporal.address,
    s3Endpoint: s3.endpoint,
    bucket: opts.bucket,
    credentials,
    databaseUrl,
    stop: () => stopEphemeralServers(dir, databaseUrl),
  };
}

export const makeRunDir = (label: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `synthflux-${label}-`));

export async function stopEphemeralServers(dir: string, databaseUrl: string): Promise<void> {
  await downStack(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  await dropDatabase(databaseUrl);
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const dbName = new URL(databaseUrl).pathname.slice(1);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
