import fs from 'node:fs';
import path from 'node:path';
import { prepareCatalog } from '../catalog/migrate';
import { createS3Client, ensureBucket } from '../store/s3';
import { componentCredentials } from './component-credentials';
import { formatEnvFile, loadOrCreateCredentials } from './credentials';
import { serverBinaries, repoRoot } from './paths';
import { DEFAULT_POSTGRES_PROBE, POSTGRES_PROCESS, resolveStackCatalog } from './postgres';
import { runningPid, stopProcess, tcpReachable } from './process';
import { startNodeService, startS3Server, startTemporal } from './servers';
import { loadOrCreateStackToken } from './stack-token';

export interface StackPorts {
  temporal: number;
  temporalUi: number;
  s3: number;
  s3Console: number;
  /** First solver port; solver k listens on solverBase + k. */
  solverBase: number;
  subscriptions: number;
  dashboard: number;
  /** Prometheus endpoints: API, worker, worker's Temporal SDK; solver k on solverMetricsBase + k. */
  apiMetrics: number;
  workerMetrics: number;
  temporalSdkMetrics: number;
  solverMetricsBase: number;
}

export const DEFAULT_PORTS: StackPorts = { temporal: 7233, temporalUi: 8233, s3: 9000, s3Console: 9001, solverBase: 50051, subscriptions: 50070, dashboard: 8090, apiMetrics: 9464, workerMetrics: 9465, temporalSdkMetrics: 9467, solverMetricsBase: 9470 };

export interface StackOptions {
  dir: string;
  ports: StackPorts;
  /** The catalog's database; absent: the stack finds a server on `postgresProbe` or runs its own. */
  databaseUrl?: string;
  /** host:port where a running PostgreSQL is looked for when databaseUrl is absent (default 127.0.0.1:5432). */
  postgresProbe?: string;
  solverCount: number;
  /** Threads per solver process. */
  solverThreads: number;
  withWorker: boolean;
  bucket: string;
}

export interface StackInfo {
  TEMPORAL_ADDRESS: string;
  TEMPORAL_UI_URL: string;
  S3_ENDPOINT: string;
  S3_CONSOLE_URL: string;
  S3_BUCKET: string;
  DATABASE_URL: string;
  /** The stack's own PostgreSQL data directory, when it runs one (empty when DATABASE_URL's server is someone else's). */
  STACK_POSTGRES_DATA: string;
  SOLVER_ADDRESSES: string;
  SUBSCRIPTIONS_ADDRESS: string;
  DASHBOARD_URL: string;
  METRICS_URLS: string;
}

// Stopped in this order: clients before the servers they use, PostgreSQL last.
const SERVICES = ['subscriptions', 'worker', 'solver-*', 'minio', 'temporal', POSTGRES_PROCESS];

/** Starts every part of the embedded stack that is not already running and waits for health. */
export async function upStack(opts: StackOptions): Promise<StackInfo> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const binaries = serverBinaries();
  const credentials = loadOrCreateCredentials(opts.dir);
  const host = '127.0.0.1';

  const catalog = opts.databaseUrl
    ? { databaseUrl: opts.databaseUrl, moved: false, ownedDataDir: undefined }
    : await resolveStackCatalog({ dir: opts.dir, probe: opts.postgresProbe ?? DEFAULT_POSTGRES_PROBE, database: 'synthflux' });
  const databaseUrl = catalog.databaseUrl;
  // Components started against the stack's PostgreSQL on its previous port reconnect to the new one.
  if (catalog.moved) for (const name of ['subscriptions', 'worker']) await stopProcess(opts.dir, name);
  await prepareCatalog(databaseUrl);

  const temporal = runningPid(opts.dir, 'temporal')
    ? { address: `${host}:${opts.ports.temporal}`, uiUrl: `http://${host}:${opts.ports.temporalUi}` }
    : await startTemporal({ runDir: opts.dir, binary: binaries.temporal, port: opts.ports.temporal, uiPort: opts.ports.temporalUi });

  const s3 = runningPid(opts.dir, 'minio')
    ? { endpoint: `http://${host}:${opts.ports.s3}`, consoleUrl: `http://${host}:${opts.ports.s3Console}` }
    : await startS3Server({ runDir: opts.dir, binary: binaries.minio, port: opts.ports.s3, consolePort: opts.ports.s3Console, credentials });
  await ensureBucket(createS3Client({ S3_ENDPOINT: s3.endpoint, S3_BUCKET: opts.bucket, S3_REGION: 'us-east-1', ...credentials }), opts.bucket);
  // The worker and the API service get keys limited to their role; the root key stays here.
  const scoped = await componentCredentials({ dir: opts.dir, s3Endpoint: s3.endpoint, root: credentials, bucket: opts.bucket });
  if (scoped.reissued) {
    // Components holding keys that are about to expire restart with the new ones.
    for (const name of ['subscriptions', 'worker']) await stopProcess(opts.dir, name);
  }

  const solverAddresses: string[] = [];
  for (let k = 0; k < opts.solverCount; k++) {
    const port = opts.ports.solverBase + k;
    solverAddresses.push(`${host}:${port}`);
    if (runningPid(opts.dir, `solver-${k}`)) continue;
    await startNodeService({
      name: `solver-${k}`,
      entry: path.join(repoRoot, 'services', 'solver', 'main.ts'),
      runDir: opts.dir,
      cwd: repoRoot,
      env: { SOLVER_HOST: host, SOLVER_PORT: String(port), SOLVER_THREADS: String(opts.solverThreads), SOLVER_METRICS_PORT: String(opts.ports.solverMetricsBase + k) },
      ready: () => tcpReachable(host, port),
    });
  }

  // The API service (batch subscriptions, control, dashboard); its token is in <dir>/subscriptions.env (owner-only).
  if (!runningPid(opts.dir, 'subscriptions')) {
    await startNodeService({
      name: 'subscriptions',
      entry: path.join(repoRoot, 'services', 'subscriptions', 'main.ts'),
      runDir: opts.dir,
      cwd: repoRoot,
      env: { DATABASE_URL: databaseUrl, S3_ENDPOINT: s3.endpoint, S3_BUCKET: opts.bucket, ...scoped.credentials.consumer, SUBSCRIPTIONS_HOST: host, SUBSCRIPTIONS_PORT: String(opts.ports.subscriptions), SUBSCRIPTIONS_TOKENS: loadOrCreateStackToken(opts.dir).entry,
        DASHBOARD_PORT: String(opts.ports.dashboard), API_METRICS_PORT: String(opts.ports.apiMetrics), TEMPORAL_ADDRESS: temporal.address, TEMPORAL_UI_URL: temporal.uiUrl,
        WORKER_METRICS_URLS: `http://${host}:${opts.ports.workerMetrics}/metrics`, SOLVER_ADDRESSES: solverAddresses.join(',') },
      ready: () => tcpReachable(host, opts.ports.subscriptions),
    });
  }

  const info: StackInfo = {
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_UI_URL: temporal.uiUrl,
    S3_ENDPOINT: s3.endpoint,
    S3_CONSOLE_URL: s3.consoleUrl,
    S3_BUCKET: opts.bucket,
    DATABASE_URL: databaseUrl,
    STACK_POSTGRES_DATA: catalog.ownedDataDir ?? '',
    SOLVER_ADDRESSES: solverAddresses.join(','),
    SUBSCRIPTIONS_ADDRESS: `${host}:${opts.ports.subscriptions}`,
    DASHBOARD_URL: `http://${host}:${opts.ports.dashboard}/`,
    METRICS_URLS: [opts.ports.apiMetrics, opts.ports.workerMetrics, opts.ports.temporalSdkMetrics, ...solverAddresses.map((_, k) => opts.ports.solverMetricsBase + k)].map((p) => `http://${host}:${p}/metrics`).join(','),
  };
  fs.writeFileSync(path.join(opts.dir, 'stack.env'), formatEnvFile({ ...info }));

  if (opts.withWorker && !runningPid(opts.dir, 'worker')) {
    const logFile = path.join(opts.dir, 'logs', 'worker.log');
    const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    await startNodeService({
      name: 'worker',
      entry: path.join(repoRoot, 'services', 'worker', 'main.ts'),
      runDir: opts.dir,
      cwd: repoRoot,
      env: { ...info, ...scoped.credentials.worker, WORKER_METRICS_PORT: String(opts.ports.workerMetrics), TEMPORAL_METRICS_PORT: String(opts.ports.temporalSdkMetrics) },
      // The worker logs this line once its workflow bundle is built and it polls the task queue.
      ready: async () => fs.readFileSync(logFile, 'utf8').slice(logStart).includes('worker ready'),
      timeoutMs: 180_000,
    });
  }
  return info;
}

/** Stops every stack process this directory started (worker first, servers last). */
export async function downStack(dir: string): Promise<string[]> {
  const stopped: string[] = [];
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.pid')).map((f) => f.slice(0, -4)) : [];
  const order = (name: string): number => SERVICES.findIndex((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
  for (const name of names.sort((a, b) => order(a) - order(b))) {
    // PostgreSQL: a fast shutdown (SIGINT; SIGTERM would wait for every client to leave), time for its checkpoint.
    const stop = name === POSTGRES_PROCESS ? stopProcess(dir, name, 60_000, 'SIGINT') : stopProcess(dir, name);
    if (await stop) stopped.push(name);
  }
  return stopped;
}
