// Orchestration benchmark: `npm run bench:orchestration`.
//
// Real servers (Temporal dev server, S3 server, PostgreSQL), real worker and solver processes; the
// solver model is `instant` (zero maps, no physics) so the figures are the orchestration's own:
// scheduling, gRPC, Zarr chunk writes and catalog transactions. Sensor grid 8 x 8.
//   (a) a 50,000-simulation campaign, simulations per second end to end, against a naive baseline
//       (batchSize 1: one activity per simulation) on a smaller count, as a ratio;
//   (b) the largest history event count of any workflow run;
//   (c) worker resident set when 10,000 and when 50,000 simulations of that campaign are done;
//   (d) scale-out: 256 simulated solver endpoints of fixed latency, throughput vs. the ideal.
// Sizes can be reduced for a quick run: BENCH_SCALE=0.2 npm run bench:orchestration

import { Client, Connection } from '@temporalio/client';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { createPrismaClient } from '../../services/catalog/client';
import { startEphemeralServers } from '../../services/stack/ephemeral';
import { freePort } from '../../services/stack/process';
import { largestHistory } from './orchestration/histories';
import { runCampaign, startSolverProcess } from './orchestration/run-campaign';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const GRID = 'sensorGrid: { axialCount: 8, circumferentialCount: 8 }';
const LARGE = Math.round(50_000 * SCALE);
const MEDIUM = Math.round(10_000 * SCALE);
const NAIVE = Math.round(1_000 * SCALE);
// Each endpoint answers a batch after LATENCY_MS, one batch at a time. The ideal throughput
// (ENDPOINTS x SCALE_OUT_BATCH / latency) is kept well below what the orchestration itself
// sustains on this machine, so the figure measures how well the pool keeps 256 endpoints busy.
const ENDPOINTS = 256;
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 30_000);
const SCALE_OUT_BATCH = 100;
const SCALE_OUT_ROUNDS = 3;

function spec(count: number, seed: number, batchSize: number, shardSize: number, shards: number, batches: number): string {
  return `count: ${count}\nseed: ${seed}\nsampler: sobol\nsolver: { model: instant, ${GRID} }\nbatchSize: ${batchSize}\nshardSize: ${shardSize}\nlimits: { maxShardsInFlight: ${shards}, maxBatchesInFlight: ${batches} }\n`;
}

async function startFixedLatencySolvers(): Promise<string> {
  const script = path.join(__dirname, 'orchestration', 'fixed-latency-solvers.ts');
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--import', 'tsx', script, String(ENDPOINTS), String(LATENCY_MS)], { maxBuffer: 1 << 20 });
    let out = '';
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`fixed-latency solvers exited with ${code}`)));
    process.once('exit', () => child.kill());
  });
}

async function main(): Promise<void> {
  const servers = await startEphemeralServers({ label: 'bench', bucket: 'synthflux-bench' });
  const connection = await Connection.connect({ address: servers.temporalAddress });
  const temporal = new Client({ connection });
  const prisma = createPrismaClient(servers.databaseUrl);
  try {
    const solver = await startSolverProcess(servers, await freePort(), 2);
    const common = { servers, temporal, prisma, solverAddresses: solver, workerSlots: 64 };
    console.error('[bench] naive baseline (one activity per simulation)...');
    const naive = await runCampaign({ ...common, label: 'naive', yaml: spec(NAIVE, 1, 1, 100, 4, 8) });
    console.error('[bench] 50k campaign...');
    // The worker's resident set is sampled when 10k and when all 50k simulations are cataloged:
    // memory must not grow as the campaign goes on.
    const large = await runCampaign({ ...common, label: 'large', yaml: spec(LARGE, 3, 1000, 5, 4, 4), rssAt: [MEDIUM, LARGE] });

    console.error(`[bench] scale-out: ${ENDPOINTS} endpoints, ${LATENCY_MS} ms per batch...`);
    const endpoints = await startFixedLatencySolvers();
    const scaleOutCount = ENDPOINTS * SCALE_OUT_BATCH * SCALE_OUT_ROUNDS;
    const scaleOut = await runCampaign({
      ...common,
      label: 'scaleout',
      solverAddresses: endpoints,
      workerSlots: ENDPOINTS + 16,
      yaml: spec(scaleOutCount, 4, SCALE_OUT_BATCH, SCALE_OUT_ROUNDS * 16, 16, 16),
    });
    const ideal = (ENDPOINTS * SCALE_OUT_BATCH) / (LATENCY_MS / 1000);
    const history = await largestHistory(temporal);

    const rssAt10k = large.rssAtMb[MEDIUM]!;
    const rssAt50k = large.rssAtMb[LARGE]!;
    const rssGrowth = (rssAt50k - rssAt10k) / rssAt10k;
    const rows: [string, string, string][] = [
      ['(a) throughput, 50k campaign', `${large.simsPerSecond.toFixed(0)} sim/s (${large.simulations} in ${large.seconds.toFixed(1)} s)`, 'target >= 2000 sim/s'],
      ['(a) naive baseline (batchSize 1)', `${naive.simsPerSecond.toFixed(1)} sim/s (${naive.simulations} in ${naive.seconds.toFixed(1)} s)`, ''],
      ['(a) ratio to naive', `${(large.simsPerSecond / naive.simsPerSecond).toFixed(1)}x`, 'target >= 20x'],
      ['(b) largest history', `${history.maxEvents} events (${history.workflowId}; ${history.runs} runs)`, 'target <= 5000'],
      ['(c) worker RSS at 10k simulations', `${rssAt10k.toFixed(0)} MiB`, ''],
      ['(c) worker RSS at 50k simulations', `${rssAt50k.toFixed(0)} MiB (${(rssGrowth * 100).toFixed(1)}% vs 10k; peak ${large.workerPeakRssMb.toFixed(0)} MiB)`, 'target within 20%'],
      ['(d) scale-out throughput', `${scaleOut.simsPerSecond.toFixed(0)} sim/s of ideal ${ideal.toFixed(0)} (${scaleOut.simulations} sims, ${scaleOut.seconds.toFixed(1)} s)`, ''],
      ['(d) scale-out efficiency', `${((100 * scaleOut.simsPerSecond) / ideal).toFixed(1)}%`, 'target >= 90%'],
    ];
    console.log(`\norchestration benchmark (instant model, 8x8 grid, 2 cores; BENCH_SCALE=${SCALE})`);
    for (const [what, value, target] of rows) console.log(`${what.padEnd(34)} ${value.padEnd(60)} ${target}`);
  } finally {
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
