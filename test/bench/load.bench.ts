// Load benchmark: `npm run bench:load`. Two large campaigns at once on one worker, with 50
// subscribers following both, all on real servers (Temporal, S3, PostgreSQL; worker, solver and
// subscription service as their own processes; `instant` model, 8 x 8 grid). Prints throughput,
// commit-to-subscriber latency percentiles, exactly-once delivery, and the worker's and the
// subscription service's resident set over time (does anything grow without bound?).

import { setMaxListeners } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadCampaignSpec } from '../../services/campaign';
import { createPrismaClient } from '../../services/catalog/client';
import { createSubscriptionsClient, watchBatches } from '../../services/consumer';
import { submitCampaign } from '../../services/control/submit';
import { newToken } from '../../services/subscriptions/auth';
import { startEphemeralServers } from '../../services/stack/ephemeral';
import { repoRoot } from '../../services/stack/paths';
import { freePort, tcpReachable } from '../../services/stack/process';
import { startNodeService } from '../../services/stack/servers';
import { serverEnv, startSolverProcess } from './orchestration/run-campaign';

const PER_CAMPAIGN = Number(process.env.BENCH_LOAD_SIMULATIONS ?? 25_000);
const SUBSCRIBERS = 50;
const BATCH = 500;

const rss = (dir: string, name: string): number => {
  const pid = Number(fs.readFileSync(path.join(dir, `${name}.pid`), 'utf8'));
  return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
};
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  const servers = await startEphemeralServers({ label: 'load', bucket: 'synthflux-load' });
  const connection = await Connection.connect({ address: servers.temporalAddress });
  const temporal = new Client({ connection });
  const prisma = createPrismaClient(servers.databaseUrl);
  const abort = new AbortController();
  // All subscribers stop on this one signal.
  setMaxListeners(SUBSCRIBERS + 10, abort.signal);
  try {
    const solver = await startSolverProcess(servers, await freePort(), 2);
    const apiPort = await freePort();
    const { token, entry } = newToken('load-bench');
    const quiet = { DASHBOARD_PORT: '-1', API_METRICS_PORT: '-1', WORKER_METRICS_PORT: '-1', TEMPORAL_METRICS_PORT: '-1' };
    await startNodeService({
      name: 'subscriptions',
      entry: path.join(repoRoot, 'services', 'subscriptions', 'main.ts'),
      runDir: servers.dir,
      cwd: repoRoot,
      env: { ...serverEnv(servers), ...quiet, SUBSCRIPTIONS_PORT: String(apiPort), SUBSCRIPTIONS_TOKENS: entry },
      ready: () => tcpReachable('127.0.0.1', apiPort),
    });
    await startNodeService({
      name: 'worker',
      entry: path.join(repoRoot, 'services', 'worker', 'main.ts'),
      runDir: servers.dir,
      cwd: repoRoot,
      env: { ...serverEnv(servers), ...quiet, SOLVER_ADDRESSES: solver, WORKER_MAX_CONCURRENT_ACTIVITIES: '64' },
      ready: async () => fs.readFileSync(path.join(servers.dir, 'logs', 'worker.log'), 'utf8').includes('worker ready'),
      timeoutMs: 180_000,
    });

    const specs = [1, 2].map((k) =>
      loadCampaignSpec(`name: load-${k}\ncount: ${PER_CAMPAIGN}\nseed: ${100 + k}\nsampler: sobol\nsolver: { model: instant, sensorGrid: { axialCount: 8, circumferentialCount: 8 } }\nbatchSize: ${BATCH}\nshardSize: 5\nlimits: { maxShardsInFlight: 2, maxBatchesInFlight: 4 }\n`),
    );
    // Subscribers follow every campaign from the start of the outbox.
    const client = createSubscriptionsClient(`127.0.0.1:${apiPort}`);
    const latencies: number[] = [];
    const seen = Array.from({ length: SUBSCRIBERS }, () => new Map<string, number>());
    const expected = 2 * Math.ceil(PER_CAMPAIGN / BATCH);
    const subscribers = seen.map(async (mine) => {
      for await (const event of watchBatches({ client, token, signal: abort.signal })) {
        latencies.push(Date.now() - Date.parse(event.committedAt));
        const key = `${event.campaignId}/${event.batchIndex}`;
        mine.set(key, (mine.get(key) ?? 0) + 1);
        if (mine.size === expected) return;
      }
    });

    const samples: { t: number; worker: number; api: number }[] = [];
    const started = performance.now();
    const sampler = setInterval(() => samples.push({ t: (performance.now() - started) / 1000, worker: rss(servers.dir, 'worker'), api: rss(servers.dir, 'subscriptions') }), 1000);
    const submitted = await Promise.all(specs.map((spec) => submitCampaign({ prisma, temporal, bucket: servers.bucket }, spec)));
    await Promise.all(submitted.map((s) => temporal.workflow.getHandle(s.workflowId).result()));
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(subscribers);
    clearInterval(sampler);

    const sorted = [...latencies].sort((a, b) => a - b);
    const exactlyOnce = seen.every((m) => m.size === expected && [...m.values()].every((n) => n === 1));
    const third = Math.max(1, Math.floor(samples.length / 3));
    const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const early = samples.slice(0, third);
    const late = samples.slice(-third);
    console.log(`\nload benchmark: 2 campaigns x ${PER_CAMPAIGN} simulations (batches of ${BATCH}), ${SUBSCRIBERS} subscribers, 2 cores`);
    console.log(`throughput                      ${((2 * PER_CAMPAIGN) / seconds).toFixed(0)} sim/s (${2 * PER_CAMPAIGN} in ${seconds.toFixed(1)} s)`);
    console.log(`events delivered                ${latencies.length} (${SUBSCRIBERS} x ${expected}); exactly once each: ${exactlyOnce}`);
    console.log(`commit-to-subscriber latency    p50 ${pct(sorted, 50)} ms, p99 ${pct(sorted, 99)} ms, max ${sorted[sorted.length - 1]} ms`);
    console.log(`worker RSS                      first third ${avg(early.map((s) => s.worker)).toFixed(0)} MiB, last third ${avg(late.map((s) => s.worker)).toFixed(0)} MiB, max ${Math.max(...samples.map((s) => s.worker)).toFixed(0)} MiB`);
    console.log(`subscription service RSS        first third ${avg(early.map((s) => s.api)).toFixed(0)} MiB, last third ${avg(late.map((s) => s.api)).toFixed(0)} MiB, max ${Math.max(...samples.map((s) => s.api)).toFixed(0)} MiB`);
  } finally {
    abort.abort();
    await connection.close();
    await prisma.$disconnect();
    await servers.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
