import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { loadCampaignSpec } from '../../../services/campaign';
import type { PrismaClient } from '../../../services/catalog/client';
import { submitCampaign } from '../../../services/control/submit';
import { repoRoot } from '../../../services/stack/paths';
import { stopProcess, tcpReachable } from '../../../services/stack/process';
import { startNodeService } from '../../../services/stack/servers';
import type { EphemeralServers } from '../../../services/stack/ephemeral';

export interface CampaignRun {
  label: string;
  simulations: number;
  seconds: number;
  simsPerSecond: number;
  workerPeakRssMb: number;
  /** Worker resident set (MiB) when the catalog first held at least each of `rssAt` simulations. */
  rssAtMb: Record<number, number>;
  campaignId: string;
}

/** Resident set of a process (VmRSS, or VmHWM for the peak so far), in MiB. */
function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
}

function pidOf(dir: string, name: string): number {
  return Number(fs.readFileSync(path.join(dir, `${name}.pid`), 'utf8'));
}

export function serverEnv(servers: EphemeralServers): NodeJS.ProcessEnv {
  return {
    TEMPORAL_ADDRESS: servers.temporalAddress,
    DATABASE_URL: servers.databaseUrl,
    S3_ENDPOINT: servers.s3Endpoint,
    S3_BUCKET: servers.bucket,
    ...servers.credentials,
  };
}

export async function startSolverProcess(servers: EphemeralServers, port: number, threads: number): Promise<string> {
  await startNodeService({
    name: `solver-${port}`,
    entry: path.join(repoRoot, 'services', 'solver', 'main.ts'),
    runDir: servers.dir,
    cwd: repoRoot,
    // No metrics endpoint: its fixed default port would clash with a stack running beside the bench.
    env: { SOLVER_HOST: '127.0.0.1', SOLVER_PORT: String(port), SOLVER_THREADS: String(threads), SOLVER_METRICS_PORT: '-1' },
    ready: () => tcpReachable('127.0.0.1', port),
  });
  return `127.0.0.1:${port}`;
}

/**
 * Runs one campaign on a fresh worker process (so its memory is the campaign's alone) and times
 * it from submission to the workflow's result.
 */
export async function runCampaign(opts: {
  label: string;
  yaml: string;
  servers: EphemeralServers;
  temporal: Client;
  prisma: PrismaClient;
  solverAddresses: string;
  workerSlots: number;
  /** Simulation counts at which to sample the worker's resident set. */
  rssAt?: number[];
}): Promise<CampaignRun> {
  const name = `worker-${opts.label}`;
  await startNodeService({
    name,
    entry: path.join(repoRoot, 'services', 'worker', 'main.ts'),
    runDir: opts.servers.dir,
    cwd: repoRoot,
    env: {
      ...serverEnv(opts.servers),
      SOLVER_ADDRESSES: opts.solverAddresses,
      WORKER_MAX_CONCURRENT_ACTIVITIES: String(opts.workerSlots),
      WORKER_METRICS_PORT: '-1',
      TEMPORAL_METRICS_PORT: '-1',
    },
    ready: async () => fs.readFileSync(path.join(opts.servers.dir, 'logs', `${name}.log`), 'utf8').includes('worker ready'),
    timeoutMs: 180_000,
  });
  const pid = pidOf(opts.servers.dir, name);
  try {
    const spec = loadCampaignSpec(`name: ${opts.label}\n${opts.yaml}`);
    const started = performance.now();
    const submitted = await submitCampaign({ prisma: opts.prisma, temporal: opts.temporal, bucket: opts.servers.bucket }, spec);
    const rssAtMb: Record<number, number> = {};
    let sampling = true;
    const sampler = (async () => {
      const pending = [...(opts.rssAt ?? [])].sort((a, b) => a - b);
      while (sampling && pending.length > 0) {
        const done = await opts.prisma.simulation.count({ where: { campaignId: submitted.campaignId } });
        while (pending.length > 0 && done >= pending[0]!) rssAtMb[pending.shift()!] = rssMb(pid, 'VmRSS');
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const outcome = await opts.temporal.workflow.getHandle(submitted.workflowId).result();
    const seconds = (performance.now() - started) / 1000;
    sampling = false;
    await sampler;
    for (const at of opts.rssAt ?? []) rssAtMb[at] ??= rssMb(pid, 'VmRSS');
    if (outcome !== 'COMPLETED') throw new Error(`${opts.label}: campaign ended ${outcome}`);
    const rows = await opts.prisma.simulation.count({ where: { campaignId: submitted.campaignId } });
    if (rows !== submitted.total) throw new Error(`${opts.label}: ${rows} catalog rows for ${submitted.total} simulations`);
    return {
      label: opts.label,
      simulations: submitted.total,
      seconds,
      simsPerSecond: submitted.total / seconds,
      workerPeakRssMb: rssMb(pid, 'VmHWM'),
      rssAtMb,
      campaignId: submitted.campaignId,
    };
  } finally {
    await stopProcess(opts.servers.dir, name);
  }
}
