// The servers and processes of the fault suite, each one killable with SIGKILL and restartable in
// place: same ports, same data directories (Temporal's SQLite file, MinIO's data dir, the private
// PostgreSQL cluster), so a restart looks to the rest of the system like a crashed host coming back.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareCatalog } from '../../services/catalog/migrate';
import { loadOrCreateCredentials, type StackCredentials } from '../../services/stack/credentials';
import { repoRoot, serverBinaries } from '../../services/stack/paths';
import { localPostgres } from '../../services/stack/postgres';
import { freePort, isAlive, poll, runningPid, tcpReachable } from '../../services/stack/process';
import { startNodeService, startS3Server, startTemporal } from '../../services/stack/servers';
import { createS3Client, ensureBucket } from '../../services/store/s3';
import { issueScopedCredentials } from '../../services/store/scoped-credentials';
import { newToken } from '../../services/subscriptions/auth';

export type Component = 'worker' | 'solver' | 'temporal' | 'postgres' | 's3' | 'subscriptions';

export interface FaultCluster {
  dir: string;
  bucket: string;
  temporalAddress: string;
  s3Endpoint: string;
  databaseUrl: string;
  credentials: StackCredentials;
  subscriptionsAddress: string;
  /** The consumer's read token; held in memory only, never logged. */
  readToken: string;
  /** Every secret the run handed out, by name: the log scan looks for each. */
  secrets: Record<string, string>;
  solverAddresses: string[];
  /** SIGKILL the component's whole process group (the process and anything it spawned). */
  kill(component: Component): number;
  restart(component: Component): Promise<void>;
  /** SIGKILLs everything the suite started and removes the private PostgreSQL cluster. */
  stopAll(): void;
}

const HOST = '127.0.0.1';

/** Every process below `pid`, read from /proc (PostgreSQL backends make themselves group leaders). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command name before it may hold spaces.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* exited meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const child of parents.get(p) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

/** A crash of the host the component runs on: the process, its group and all its descendants at once. */
function killGroup(dir: string, name: string): number {
  const pid = runningPid(dir, name);
  if (pid === undefined) throw new Error(`${name} is not running`);
  const children = descendants(pid);
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    process.kill(pid, 'SIGKILL');
  }
  for (const child of children) {
    try {
      process.kill(child, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  return pid;
}

async function waitDead(pid: number): Promise<void> {
  await poll({ label: `pid ${pid} to exit`, timeoutMs: 10_000, check: async () => !isAlive(pid), intervalMs: 50 });
}

export async function startFaultCluster(dir: string, bucket: string): Promise<FaultCluster> {
  const binaries = serverBinaries();
  const credentials = loadOrCreateCredentials(dir);
  // A private cluster: killing the machine's server would disturb everyone else who uses it.
  const pg = localPostgres({ runDir: dir, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'synthflux-faults-pg-')), port: await freePort() });
  await pg.start();
  const databaseUrl = pg.url('synthflux_faults');
  const [temporalPort, uiPort, s3Port, consolePort, subsPort, solverA, solverB] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
  const s3Endpoint = `http://${HOST}:${s3Port}`;
  const startT = (): Promise<unknown> => startTemporal({ runDir: dir, binary: binaries.temporal, port: temporalPort, uiPort });
  const startS3 = (): Promise<unknown> => startS3Server({ runDir: dir, binary: binaries.minio, port: s3Port, consolePort, credentials });
  await Promise.all([startT(), startS3(), prepareCatalog(databaseUrl)]);
  await ensureBucket(createS3Client({ S3_ENDPOINT: s3Endpoint, S3_BUCKET: bucket, S3_REGION: 'us-east-1', ...credentials }), bucket);

  const temporalAddress = `${HOST}:${temporalPort}`;
  const solverPorts = [solverA, solverB];
  const solverAddresses = solverPorts.map((p) => `${HOST}:${p}`);
  // Metrics and dashboard ports off: their fixed defaults would collide between two solvers and
  // with anything else on the machine; the suite does not scrape them.
  const noMetrics = { SOLVER_METRICS_PORT: '-1', WORKER_METRICS_PORT: '-1', TEMPORAL_METRICS_PORT: '-1', DASHBOARD_PORT: '-1', API_METRICS_PORT: '-1' };
  const common = { ...noMetrics, TEMPORAL_ADDRESS: temporalAddress, DATABASE_URL: databaseUrl, S3_ENDPOINT: s3Endpoint, S3_BUCKET: bucket };
  // Least privilege in the run itself: the worker gets write-scoped and the subscription service
  // read-scoped S3 credentials of their own; only the suite (the "operator") holds the root key.
  const scoped = (role: 'worker' | 'consumer') => issueScopedCredentials({ endpoint: s3Endpoint, accessKey: credentials.S3_ACCESS_KEY, secretKey: credentials.S3_SECRET_KEY, bucket, role });
  const [workerS3, consumerS3] = await Promise.all([scoped('worker'), scoped('consumer')]);
  const read = newToken('faults-consumer', ['read']);

  const startSolver = (i: number): Promise<void> =>
    startNodeService({
      name: `solver-${i}`,
      entry: path.join(repoRoot, 'services', 'solver', 'main.ts'),
      runDir: dir,
      cwd: repoRoot,
      env: { ...noMetrics, SOLVER_HOST: HOST, SOLVER_PORT: String(solverPorts[i]), SOLVER_THREADS: '1' },
      ready: () => tcpReachable(HOST, solverPorts[i]!),
    });
  // Each restart appends to the same log; readiness looks for one more ready line than before.
  const startLogged = async (name: string, entry: string, env: NodeJS.ProcessEnv, readyText: string): Promise<void> => {
    const logFile = path.join(dir, 'logs', `${name}.log`);
    const before = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split(readyText).length : 1;
    await startNodeService({
      name,
      entry: path.join(repoRoot, 'services', ...entry.split('/')),
      runDir: dir,
      cwd: repoRoot,
      env,
      ready: async () => fs.readFileSync(logFile, 'utf8').split(readyText).length > before,
      timeoutMs: 180_000,
    });
  };
  const startWorker = (): Promise<void> =>
    startLogged('worker', 'worker/main.ts', { ...common, ...workerS3, SOLVER_ADDRESSES: solverAddresses.join(','), WORKER_MAX_CONCURRENT_ACTIVITIES: '16' }, 'worker ready');
  const startSubscriptions = (): Promise<void> =>
    startLogged(
      'subscriptions',
      'subscriptions/main.ts',
      // A short poll interval: the safety net that catches NOTIFYs lost while PostgreSQL was down.
      { ...common, ...consumerS3, SUBSCRIPTIONS_HOST: HOST, SUBSCRIPTIONS_PORT: String(subsPort), SUBSCRIPTIONS_TOKENS: read.entry, SUBSCRIPTIONS_POLL_MS: '1000' },
      'subscriptions listening',
    );
  await Promise.all([startSolver(0), startSolver(1)]);
  await startWorker();
  await startSubscriptions();

  const names: Record<Component, string> = { worker: 'worker', solver: 'solver-0', temporal: 'temporal', postgres: 'postgres', s3: 'minio', subscriptions: 'subscriptions' };
  const starters: Record<Component, () => Promise<unknown>> = {
    worker: startWorker,
    solver: () => startSolver(0),
    temporal: startT,
    postgres: () => pg.start(),
    s3: startS3,
    subscriptions: startSubscriptions,
  };
  const killed = new Map<Component, number>();
  return {
    dir,
    bucket,
    temporalAddress,
    s3Endpoint,
    databaseUrl,
    credentials,
    subscriptionsAddress: `${HOST}:${subsPort}`,
    readToken: read.token,
    secrets: {
      S3_ROOT_ACCESS_KEY: credentials.S3_ACCESS_KEY,
      S3_ROOT_SECRET_KEY: credentials.S3_SECRET_KEY,
      worker_S3_SECRET_KEY: workerS3.S3_SECRET_KEY,
      worker_S3_SESSION_TOKEN: workerS3.S3_SESSION_TOKEN,
      consumer_S3_SECRET_KEY: consumerS3.S3_SECRET_KEY,
      consumer_S3_SESSION_TOKEN: consumerS3.S3_SESSION_TOKEN,
      consumer_bearer_token: read.token,
    },
    solverAddresses,
    kill(component) {
      const pid = killGroup(dir, names[component]);
      killed.set(component, pid);
      return pid;
    },
    async restart(component) {
      const pid = killed.get(component);
      if (pid !== undefined) await waitDead(pid);
      await starters[component]();
    },
    stopAll() {
      for (const name of [...Object.values(names), 'solver-1']) {
        try {
          killGroup(dir, name);
        } catch {
          /* not running */
        }
      }
      fs.rmSync(pg.dataDir, { recursive: true, force: true });
    },
  };
}
