// Fault-injection suite: `npm run test:faults`.
//
// Real servers (Temporal dev server on a SQLite file, MinIO, a private PostgreSQL cluster) and real
// worker, solver and subscription-service processes. For each fault, one campaign runs; when a
// third of it is cataloged (mid-shard) the component is killed with SIGKILL, stays down for FAULTS_DOWN_MS,
// and is restarted in place (same port, same data). Then the campaign must complete with exactly
// N catalog rows, N maps whose sha256 matches the catalog, no duplicate rows, no orphaned chunk
// objects or multipart uploads, and a subscriber that saw every batch exactly once.
//
// Default: 20,000 simulations in batches of 100 per fault (about 2.5 minutes for all six here,
// so CI runs the full size). A quicker run: FAULTS_SIMULATIONS=3000 FAULTS_BATCH_SIZE=50.
// One fault only: FAULTS=postgres npm run test:faults

import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { loadCampaignSpec } from '../../services/campaign';
import { createPrismaClient } from '../../services/catalog/client';
import { submitCampaign } from '../../services/control/submit';
import { makeRunDir } from '../../services/stack/ephemeral';
import { downStack } from '../../services/stack/stack';
import { poll, sleep } from '../../services/stack/process';
import { createS3Client } from '../../services/store/s3';
import { checkCampaign, type CampaignCheck } from './checks';
import { startFaultCluster, type Component, type FaultCluster } from './cluster';
import { findSecretsInLogs } from './secrets';
import { startSubscriber, type Subscriber } from './subscriber';

const SIMULATIONS = Number(process.env.FAULTS_SIMULATIONS ?? 20_000);
const BATCH_SIZE = Number(process.env.FAULTS_BATCH_SIZE ?? 100);
const DOWN_MS = Number(process.env.FAULTS_DOWN_MS ?? 3000);
const SHARD_SIZE = 10;
// About a third of the way in, and in the middle of a shard: at a shard boundary nothing may be in
// flight (the next shard's batches not scheduled yet) and the fault would hit nothing.
const KILL_AT_ROWS = Math.round((0.3 * SIMULATIONS) / (BATCH_SIZE * SHARD_SIZE)) * BATCH_SIZE * SHARD_SIZE + (SHARD_SIZE / 2) * BATCH_SIZE;
const ALL: Component[] = ['worker', 'solver', 'temporal', 'postgres', 's3', 'subscriptions'];
const FAULTS = (process.env.FAULTS ? process.env.FAULTS.split(',') : ALL) as Component[];
// Generous: a killed worker's batches are retried only after their 2-minute heartbeat timeout.
const COMPLETE_TIMEOUT_MS = 15 * 60_000;

interface FaultResult {
  fault: Component;
  campaignId: string;
  killedAt: number;
  seconds: number;
  recoverySeconds: number;
  check?: CampaignCheck;
  error?: string;
}

const spec = (fault: string, seed: number): string =>
  `name: faults-${fault}\ncount: ${SIMULATIONS}\nseed: ${seed}\nsampler: sobol\n` +
  `solver: { model: instant, sensorGrid: { axialCount: 8, circumferentialCount: 8 } }\n` +
  `batchSize: ${BATCH_SIZE}\nshardSize: ${SHARD_SIZE}\nlimits: { maxShardsInFlight: 2, maxBatchesInFlight: 4 }\n`;

/** Rows cataloged so far, on a fresh connection each time: PostgreSQL itself may be the one down. */
async function catalogedRows(databaseUrl: string, campaignId: string): Promise<number> {
  const client = new PgClient({ connectionString: databaseUrl, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>('SELECT count(*) AS n FROM simulations WHERE campaign_id = $1', [campaignId]);
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

async function workflowStatus(temporal: Client, workflowId: string): Promise<string | undefined> {
  try {
    return (await temporal.workflow.getHandle(workflowId).describe()).status.name;
  } catch {
    return undefined; // Temporal is down or restarting
  }
}

async function runFault(cluster: FaultCluster, temporal: Client, subscriber: Subscriber, fault: Component, seed: number): Promise<FaultResult> {
  const started = performance.now();
  let prisma = createPrismaClient(cluster.databaseUrl);
  const submitted = await submitCampaign({ prisma, temporal, bucket: cluster.bucket }, loadCampaignSpec(spec(fault, seed))).finally(() => prisma.$disconnect());
  const result: FaultResult = { fault, campaignId: submitted.campaignId, killedAt: 0, seconds: 0, recoverySeconds: 0 };
  await poll({
    label: `${fault}: ${KILL_AT_ROWS} rows cataloged`,
    timeoutMs: COMPLETE_TIMEOUT_MS,
    intervalMs: 100,
    check: async () => {
      result.killedAt = await catalogedRows(cluster.databaseUrl, submitted.campaignId);
      return result.killedAt >= KILL_AT_ROWS;
    },
  });
  cluster.kill(fault);
  const killedAt = performance.now();
  await sleep(DOWN_MS);
  await cluster.restart(fault);
  let state: string | undefined;
  await poll({
    label: `${fault}: campaign ${submitted.campaignId} to complete`,
    timeoutMs: COMPLETE_TIMEOUT_MS,
    intervalMs: 500,
    check: async () => {
      state = await workflowStatus(temporal, submitted.workflowId);
      return state !== undefined && state !== 'RUNNING';
    },
  });
  result.recoverySeconds = (performance.now() - killedAt) / 1000;
  result.seconds = (performance.now() - started) / 1000;
  if (state !== 'COMPLETED') throw new Error(`${fault}: workflow ended ${state}`);
  // The event of the last batch reaches the subscriber shortly after the commit.
  await poll({
    label: `${fault}: subscriber to see all ${submitted.batches} batches`,
    timeoutMs: 60_000,
    check: async () => (subscriber.seen.get(submitted.campaignId)?.size ?? 0) >= submitted.batches,
  }).catch(() => undefined);
  prisma = createPrismaClient(cluster.databaseUrl);
  try {
    const s3 = createS3Client({ S3_ENDPOINT: cluster.s3Endpoint, S3_BUCKET: cluster.bucket, S3_REGION: 'us-east-1', ...cluster.credentials });
    result.check = await checkCampaign({ prisma, s3, bucket: cluster.bucket, subscriber }, submitted.campaignId, { simulations: submitted.total, batches: submitted.batches });
  } finally {
    await prisma.$disconnect();
  }
  return result;
}

function printTable(results: FaultResult[]): void {
  console.log(`\nfault suite: ${SIMULATIONS} simulations per campaign (instant model, 8x8 grid, batch ${BATCH_SIZE}), down ${DOWN_MS} ms`);
  console.log(`${'kill -9'.padEnd(14)}${'at row'.padEnd(9)}${'recovery'.padEnd(10)}${'rows'.padEnd(8)}${'maps ok'.padEnd(9)}${'dups'.padEnd(6)}${'orphans'.padEnd(9)}${'sub batches'.padEnd(13)}${'repeats'.padEnd(9)}${'retried'.padEnd(9)}outcome`);
  for (const r of results) {
    const c = r.check;
    const outcome = r.error ?? (c && c.problems.length > 0 ? `FAIL: ${c.problems.join('; ')}` : 'PASS');
    console.log(
      `${r.fault.padEnd(14)}${String(r.killedAt).padEnd(9)}${`${r.recoverySeconds.toFixed(1)} s`.padEnd(10)}${String(c?.rows ?? '-').padEnd(8)}${String(c?.mapsMatching ?? '-').padEnd(9)}` +
        `${String(c?.duplicates ?? '-').padEnd(6)}${String(c ? c.orphanObjects.length + c.incompleteUploads : '-').padEnd(9)}${String(c ? `${c.subscriberBatches}/${c.batchesCataloged}` : '-').padEnd(13)}${String(c?.subscriberRepeats ?? '-').padEnd(9)}${String(c?.retriedRows ?? '-').padEnd(9)}${outcome}`,
    );
  }
}

async function main(): Promise<void> {
  const suiteStart = performance.now();
  const dir = makeRunDir('faults');
  // A start that fails half-way leaves detached servers behind: stop whatever has a pid file.
  const cluster = await startFaultCluster(dir, 'synthflux-faults').catch(async (err: unknown) => {
    await downStack(dir);
    throw err;
  });
  const connection = await Connection.connect({ address: cluster.temporalAddress });
  const temporal = new Client({ connection });
  const subscriber = startSubscriber(cluster.subscriptionsAddress, cluster.readToken);
  const results: FaultResult[] = [];
  let leaked = true;
  try {
    for (const [i, fault] of FAULTS.entries()) {
      console.error(`[faults] kill -9 ${fault} during a ${SIMULATIONS}-simulation campaign...`);
      try {
        results.push(await runFault(cluster, temporal, subscriber, fault, i + 1));
      } catch (err) {
        results.push({ fault, campaignId: '', killedAt: 0, seconds: 0, recoverySeconds: 0, error: `ERROR: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
  } finally {
    await subscriber.stop();
    await connection.close();
    printTable(results);
    console.log(`subscriber reconnects: ${subscriber.reconnects}${subscriber.error ? `, stopped on ${subscriber.error instanceof Error ? subscriber.error.message : JSON.stringify(subscriber.error)}` : ''}`);
    const scan = findSecretsInLogs(path.join(dir, 'logs'), cluster.secrets);
    leaked = scan.leaks.length > 0;
    console.log(`secrets in logs: ${leaked ? `FOUND ${scan.leaks.map((l) => `${l.secret} in ${l.file}`).join(', ')}` : `none (${scan.files} log files, ${(scan.bytes / 1024).toFixed(0)} KiB scanned)`}`);
    cluster.stopAll();
  }
  const failed = leaked || results.some((r) => r.error || (r.check?.problems.length ?? 1) > 0);
  // Logs stay behind only when they are needed to find out why.
  console.log(`suite wall time ${((performance.now() - suiteStart) / 1000).toFixed(0)} s${failed ? `; logs in ${dir}/logs` : ''}`);
  if (failed) throw new Error('fault suite failed');
  fs.rmSync(dir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
