import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { isAlive, poll, startDetached, tcpReachable } from './process';
import type { StackCredentials } from './credentials';

const HOST = '127.0.0.1';

/** Temporal's dev server: SQLite file persistence, Web UI on. */
export async function startTemporal(opts: { runDir: string; binary: string; port: number; uiPort: number }): Promise<{ address: string; uiUrl: string }> {
  startDetached({
    name: 'temporal',
    command: opts.binary,
    args: [
      'server', 'start-dev',
      '--ip', HOST,
      '--port', String(opts.port),
      '--ui-port', String(opts.uiPort),
      '--db-filename', path.join(opts.runDir, 'temporal.sqlite'),
      '--log-level', 'warn',
    ],
    runDir: opts.runDir,
  });
  const address = `${HOST}:${opts.port}`;
  await poll({
    label: `Temporal at ${address}`,
    timeoutMs: 60_000,
    check: async () => {
      if (!(await tcpReachable(HOST, opts.port))) return false;
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return true;
      } finally {
        await connection.close();
      }
    },
  });
  return { address, uiUrl: `http://${HOST}:${opts.uiPort}` };
}

/** The S3 server (MinIO) on loopback with the stack's generated root credentials. */
export async function startS3Server(opts: {
  runDir: string;
  binary: string;
  port: number;
  consolePort: number;
  credentials: StackCredentials;
}): Promise<{ endpoint: string; consoleUrl: string }> {
  startDetached({
    name: 'minio',
    command: opts.binary,
    args: ['server', path.join(opts.runDir, 's3-data'), '--address', `${HOST}:${opts.port}`, '--console-address', `${HOST}:${opts.consolePort}`, '--quiet'],
    runDir: opts.runDir,
    env: { MINIO_ROOT_USER: opts.credentials.S3_ACCESS_KEY, MINIO_ROOT_PASSWORD: opts.credentials.S3_SECRET_KEY, MINIO_UPDATE: 'off' },
  });
  const endpoint = `http://${HOST}:${opts.port}`;
  await poll({
    label: `S3 server at ${endpoint}`,
    timeoutMs: 60_000,
    check: async () => (await fetch(`${endpoint}/minio/health/ready`)).ok,
  });
  return { endpoint, consoleUrl: `http://${HOST}:${opts.consolePort}` };
}

/** A TypeScript service of this repository (solver, worker) as a detached process. */
export async function startNodeService(opts: {
  name: string;
  entry: string;
  runDir: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  ready: () => Promise<boolean>;
  timeoutMs?: number;
}): Promise<void> {
  const started = startDetached({
    name: opts.name,
    command: process.execPath,
    args: ['--import', 'tsx', opts.entry],
    runDir: opts.runDir,
    cwd: opts.cwd,
    env: opts.env,
  });
  await poll({
    label: opts.name,
    timeoutMs: opts.timeoutMs ?? 60_000,
    check: async () => {
      if (!isAlive(started.pid)) throw new ServiceExitedError(opts.name, started.logFile);
      return opts.ready();
    },
    stopOn: (err) => err instanceof ServiceExitedError,
  }).catch((err: unknown) => {
    throw err instanceof ServiceExitedError ? err : new ServiceExitedError(opts.name, started.logFile, 'did not become ready');
  });
}

/** A service that died or never became ready; carries the end of its log. */
export class ServiceExitedError extends Error {
  override readonly name = 'ServiceExitedError';
  constructor(service: string, logFile: string, what = 'exited during start-up') {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n') : '(no log)';
    super(`${service} ${what}; the end of ${logFile}:\n${tail}`);
  }
}
