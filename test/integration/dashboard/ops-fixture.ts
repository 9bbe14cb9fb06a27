// The ops side of a running campaign for the dashboard test: an instrumented solver and worker
// (with their /metrics endpoints) and the dashboard plus the API's /metrics, all on free ports.

import { NativeConnection, Worker } from '@temporalio/worker';
import pino from 'pino';
import { newToken } from '../../../services/subscriptions/auth';
import { parseTokenEntries } from '../../../services/subscriptions/auth';
import { startDashboard, type RunningDashboard } from '../../../services/dashboard/server';
import { createApiMetrics } from '../../../services/metrics/api-metrics';
import { startMetricsServer, type RunningMetricsServer } from '../../../services/metrics/http';
import { instrumentActivities } from '../../../services/worker/instrument-activities';
import { createSolverMetrics } from '../../../services/metrics/solver-metrics';
import { createWorkerMetrics } from '../../../services/metrics/worker-metrics';
import { startSolverServer, type RunningSolverServer } from '../../../services/solver/server';
import { createActivities } from '../../../services/worker/activities';
import { SolverPool } from '../../../services/worker/solver-pool';
import { CAMPAIGN_TASK_QUEUE } from '../../../workflows/types';
import type { CampaignFixture } from '../campaign/fixtures';

export interface OpsFixture {
  token: string;
  dashboard: RunningDashboard;
  metricsUrls: { worker: string; solver: string; api: string };
  worker: Worker;
  close(): Promise<void>;
}

export async function createOpsFixture(f: CampaignFixture, opts: { batchDelayMs: number; failEvery: number }): Promise<OpsFixture> {
  const solverMetrics = createSolverMetrics({ defaultMetrics: false });
  const solver: RunningSolverServer = await startSolverServer({ host: '127.0.0.1', port: 0, threads: 1, interceptors: [solverMetrics.interceptor] });
  solverMetrics.setActiveCalls(solver.activeCalls);
  const pool = new SolverPool({ addresses: [solver.address], callTimeoutMs: 60_000 });
  const workerMetrics = createWorkerMetrics(pool, { defaultMetrics: false });
  const servers: RunningMetricsServer[] = [
    await startMetricsServer({ host: '127.0.0.1', port: 0, registry: solverMetrics.registry }),
    await startMetricsServer({ host: '127.0.0.1', port: 0, registry: workerMetrics.registry }),
    await startMetricsServer({ host: '127.0.0.1', port: 0, registry: createApiMetrics(f.servers.prisma, { defaultMetrics: false }) }),
  ];
  // A slow-ish pool with some non-converged solves, so progress and failures are visible.
  const slowPool: Pick<SolverPool, 'solve' | 'identity'> = {
    identity: (signal) => pool.identity(signal),
    async solve(request, signal, ticket) {
      await new Promise((r) => setTimeout(r, opts.batchDelayMs));
      const response = await pool.solve(request, signal, ticket);
      for (const r of response.results) {
        if (Number(r.index) % opts.failEvery === 3) Object.assign(r, { signalMap: undefined, error: { reason: 'NOT_CONVERGED', message: 'residual 3e-2 after 50 iterations' }, outcome: 'error' });
      }
      return response;
    },
  };
  const logger = pino({ level: 'error' });
  const connection = await NativeConnection.connect({ address: f.servers.temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue: CAMPAIGN_TASK_QUEUE,
    workflowBundle: f.workflowBundle,
    activities: instrumentActivities(createActivities({ ...f.deps, solverPool: slowPool }), { metrics: workerMetrics, logger, prisma: f.servers.prisma }),
  });
  const { token, entry } = newToken('ops-test');
  const tokens = (parseTokenEntries(entry) as { ok: true; entries: ReturnType<typeof parseTokenEntries> extends { entries: infer E } ? E : never }).entries;
  const dashboard = await startDashboard({
    host: '127.0.0.1',
    port: 0,
    prisma: f.servers.prisma,
    s3: f.servers.s3,
    bucket: f.servers.bucket,
    tokens,
    temporal: f.client,
    temporalUiUrl: 'http://127.0.0.1:8233',
    namespace: 'default',
    workerMetricsUrls: [servers[1]!.url],
    log: (m) => console.error(m),
  });
  return {
    token,
    dashboard,
    metricsUrls: { solver: servers[0]!.url, worker: servers[1]!.url, api: servers[2]!.url },
    worker,
    async close() {
      await dashboard.close();
      for (const s of servers) await s.close();
      await connection.close();
      pool.close();
      await solver.close();
    },
  };
}
