import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { loadCampaignSpec, type CampaignSpec } from '../../../services/campaign';
import { createActivities, type ActivityDeps } from '../../../services/worker/activities';
import { SolverPool } from '../../../services/worker/solver-pool';
import { startSolverServer, type RunningSolverServer } from '../../../services/solver/server';
import { CAMPAIGN_TASK_QUEUE } from '../../../workflows/types';
import { connectTestServers, type TestServers } from '../harness';

/** A real campaign stack for one test file: test servers, an in-process solver and worker. */
export interface CampaignFixture {
  servers: TestServers;
  solver: RunningSolverServer;
  solverPool: SolverPool;
  deps: ActivityDeps;
  client: Client;
  workflowBundle: WorkflowBundleWithSourceMap;
  /** A worker on the campaign task queue; `deps` overrides parts of the real dependencies (fault injection). */
  newWorker(deps?: Partial<ActivityDeps>): Promise<Worker>;
  close(): Promise<void>;
}

const quietLogger = new DefaultLogger('WARN');

export async function createCampaignFixture(): Promise<CampaignFixture> {
  try {
    Runtime.install({ logger: quietLogger });
  } catch {
    // Already installed by an earlier test file in this process.
  }
  const servers = connectTestServers();
  const solver = await startSolverServer({ host: '127.0.0.1', port: 0, threads: 2 });
  const solverPool = new SolverPool({ addresses: [solver.address], callTimeoutMs: 60_000 });
  const deps: ActivityDeps = { prisma: servers.prisma, s3: servers.s3, bucket: servers.bucket, solverPool };
  const connection = await Connection.connect({ address: servers.temporalAddress });
  const nativeConnection = await NativeConnection.connect({ address: servers.temporalAddress });
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../../workflows'), logger: quietLogger });
  return {
    servers,
    solver,
    solverPool,
    deps,
    client: new Client({ connection }),
    workflowBundle,
    newWorker: (overrides = {}) =>
      Worker.create({
        connection: nativeConnection,
        taskQueue: CAMPAIGN_TASK_QUEUE,
        workflowBundle,
        activities: createActivities({ ...deps, ...overrides }),
        maxConcurrentActivityTaskExecutions: 64,
      }),
    async close() {
      solverPool.close();
      await solver.close();
      await connection.close();
      await nativeConnection.close();
      await servers.prisma.$disconnect();
    },
  };
}

export function testSpec(name: string, yaml: string): CampaignSpec {
  return loadCampaignSpec(`name: ${name}\n${yaml}`);
}

/** The real solver pool, except that every simulation whose index `fails` picks comes back unconverged (fault injection). */
export function unconvergedPool(pool: Pick<SolverPool, 'solve' | 'identity'>, fails: (index: number) => boolean): Pick<SolverPool, 'solve' | 'identity'> {
  return {
    identity: (signal) => pool.identity(signal),
    async solve(request, signal, ticket) {
      const response = await pool.solve(request, signal, ticket);
      for (const r of response.results) {
        if (fails(Number(r.index))) Object.assign(r, { signalMap: undefined, error: { reason: 'NOT_CONVERGED', message: 'residual 3e-2 after 50 iterations' } });
      }
      return response;
    },
  };
}
