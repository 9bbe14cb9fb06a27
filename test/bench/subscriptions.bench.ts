// Measures the subscription service on this machine: commit-to-consumer latency of live events,
// and how fast one subscriber catches up over a large backlog. Run: npx tsx test/bench/subscriptions.bench.ts
// It uses a scratch database on DATABASE_URL's server (dropped afterwards) and needs no S3 server.

import { Client, Pool } from 'pg';
import { prepareCatalog } from '../../services/catalog/migrate';
import { authMetadata, createSubscriptionsClient } from '../../services/consumer/client';
import type { BatchEvent } from '../../services/consumer/watch';
import { newToken } from '../../services/subscriptions/auth';
import { parseSubscriptionsConfig } from '../../services/subscriptions/config';
import { startSubscriptionServer } from '../../services/subscriptions/server';

const LIVE_EVENTS = Number(process.env.BENCH_LIVE_EVENTS ?? 400);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 20_000);

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const url = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/synthflux_bench_${Date.now().toString(36)}`;
  const databaseUrl = url.toString();
  await prepareCatalog(databaseUrl);
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  const { token, entry } = newToken('bench');
  const server = await startSubscriptionServer({
    config: parseSubscriptionsConfig({ DATABASE_URL: databaseUrl, S3_ACCESS_KEY: 'unused', S3_SECRET_KEY: 'unused-secret', SUBSCRIPTIONS_PORT: '0', SUBSCRIPTIONS_TOKENS: entry }),
    log: () => undefined,
  });
  const client = createSubscriptionsClient(server.address);
  try {
    for (const id of ['latency', 'backlog']) {
      await pool.query(`INSERT INTO campaigns (id, name, spec, spec_hash, total, batch_size, batch_count, workflow_id, store_url, updated_at) VALUES ($1, $1, '{}', 'x', 1, 1, 1, $1, '', now())`, [id]);
    }
    const insert = `INSERT INTO batch_events (campaign_id, batch_index, start_index, count, succeeded, failed, checksum, locations)
      SELECT $1, g, g * 100, 100, 100, 0, md5(g::text), '["campaigns/x/dataset.zarr/signals/c/0/0/0/0","campaigns/x/dataset.zarr/params/c/0/0"]'::jsonb
      FROM generate_series($2::int, $3::int) g`;

    // Latency: one event per transaction, as catalogBatch commits them, a few ms apart.
    // Measured from the moment COMMIT is sent: the event can reach the consumer (same process)
    // before the writer has even processed the COMMIT reply, so this is the honest upper bound.
    const commitSent = new Map<number, number>();
    const arrived = new Map<number, number>();
    const live = client.WatchBatches({ filter: { campaignIds: ['latency'] } }, authMetadata(token));
    live.on('data', (e: BatchEvent) => arrived.set(e.batchIndex, performance.now()));
    live.on('error', () => undefined);
    await sleep(300);
    const writer = new Client({ connectionString: databaseUrl });
    await writer.connect();
    for (let i = 0; i < LIVE_EVENTS; i++) {
      await writer.query('BEGIN');
      await writer.query(insert, ['latency', i, i]);
      commitSent.set(i, performance.now());
      await writer.query('COMMIT');
      await sleep(5);
    }
    while (arrived.size < LIVE_EVENTS) await sleep(10);
    const latencies = [...arrived].map(([i, t]) => t - commitSent.get(i)!);
    live.cancel();
    await writer.end();
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`latency, commit to consumer (${LIVE_EVENTS} events, one per transaction): p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms`);

    // Throughput: a backlog written straight into the outbox, then one subscriber from the start.
    for (let i = 0; i < BACKLOG; i += 5000) await pool.query(insert, ['backlog', i, Math.min(BACKLOG, i + 5000) - 1]);
    const started = performance.now();
    let received = 0;
    await new Promise<void>((resolve, reject) => {
      const call = client.WatchBatches({ filter: { campaignIds: ['backlog'] } }, authMetadata(token));
      call.on('data', () => {
        if (++received === BACKLOG) {
          call.cancel();
          resolve();
        }
      });
      call.on('error', (err: Error & { code?: number }) => (received === BACKLOG ? resolve() : reject(err)));
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(`throughput, one subscriber catching up over ${BACKLOG} outbox rows: ${Math.round(BACKLOG / seconds)} events/s (${seconds.toFixed(2)} s)`);
  } finally {
    client.close();
    await server.close();
    await pool.end();
    const admin = new Client({ connectionString: new URL('/postgres', databaseUrl).toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
