// Reaching a Temporal cluster that demands client certificates: the real dev server behind a
// TLS-terminating proxy (./tls-proxy.ts) with certificates openssl makes for this test. The worker
// (services/worker/main.ts, as a process) and the CLI (bin/synthflux) connect with TEMPORAL_TLS_*
// and run a campaign through it; without a client certificate, or with one from another CA, both
// stop with an error that says where and how they tried.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeRunDir } from '../../../services/stack/ephemeral';
import { startDetached, stopProcess, type ManagedProcess } from '../../../services/stack/process';
import { startSolverServer, type RunningSolverServer } from '../../../services/solver/server';
import { createTestPki, type TestPki } from '../tls/certs';
import { connectTestServers, poll, type TestServers } from '../harness';
import { startTlsProxy, type TlsProxy } from './tls-proxy';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(repoRoot, 'bin', 'synthflux');
const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function synthflux(args: string[], env: Record<string, string>): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(cli, args, { env: { PATH: process.env.PATH!, HOME: process.env.HOME!, SYNTHFLUX_STACK_DIR: '/nonexistent', ...env }, cwd: repoRoot, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('Temporal behind mTLS', () => {
  let servers: TestServers;
  let pki: TestPki;
  let proxy: TlsProxy;
  let solver: RunningSolverServer;
  let runDir: string;
  const workers: ManagedProcess[] = [];
  let address: string;
  let mtls: Record<string, string>;
  let common: Record<string, string>;

  const startWorker = (name: string, temporal: Record<string, string>): ManagedProcess => {
    const worker = startDetached({
      name,
      command: process.execPath,
      args: ['--import', 'tsx', 'services/worker/main.ts'],
      runDir,
      cwd: repoRoot,
      inheritEnv: false,
      env: {
        PATH: process.env.PATH!,
        HOME: process.env.HOME!,
        ...common,
        ...temporal,
        S3_ENDPOINT: servers.s3Config.endpoint,
        S3_ACCESS_KEY: servers.s3Config.accessKey,
        S3_SECRET_KEY: servers.s3Config.secretKey,
        WORKER_METRICS_PORT: '-1',
      },
    });
    workers.push(worker);
    return worker;
  };
  const logOf = (p: ManagedProcess): string => fs.readFileSync(p.logFile, 'utf8');

  beforeAll(async () => {
    servers = connectTestServers();
    pki = createTestPki();
    runDir = makeRunDir('temporal-mtls');
    proxy = await startTlsProxy({ target: servers.temporalAddress, cert: pki.serverCert, key: pki.serverKey, ca: pki.ca });
    solver = await startSolverServer({ host: '127.0.0.1', port: 0, threads: 1 });
    // The server certificate names localhost and 127.0.0.1.
    address = `localhost:${proxy.port}`;
    mtls = { TEMPORAL_ADDRESS: address, TEMPORAL_TLS_CA: pki.ca, TEMPORAL_TLS_CERT: pki.clientCert, TEMPORAL_TLS_KEY: pki.clientKey };
    common = { DATABASE_URL: servers.databaseUrl, S3_BUCKET: servers.bucket, SOLVER_ADDRESSES: solver.address };
  });

  afterAll(async () => {
    for (const w of workers) await stopProcess(runDir, w.name, 10_000);
    await solver?.close();
    await proxy?.close();
    pki?.remove();
    await servers?.prisma.$disconnect();
  });

  it('the worker and the CLI connect with the client certificate and run a campaign through the proxy', async () => {
    const worker = startWorker('worker-mtls', mtls);
    await poll({ label: `worker ready through the mTLS proxy (log: ${worker.logFile})`, timeoutMs: 180_000, shouldStop: async () => /worker ready/.test(logOf(worker)) });
    expect(logOf(worker)).toContain(`on ${address} (namespace default, mTLS)`);

    const specFile = path.join(runDir, 'mtls.yaml');
    const id = `mtls-${Date.now()}`;
    fs.writeFileSync(specFile, 'name: mtls\ncount: 20\nsampler: sobol\nseed: 5\nsolver: { model: dipole, sensorGrid: { axialCount: 12, circumferentialCount: 6 } }\nbatchSize: 10\nshardSize: 20\n');
    const submitted = await synthflux(['campaign', 'submit', specFile, '--id', id, '--wait'], { ...common, ...mtls });
    expect(submitted).toMatchObject({ code: 0, stdout: expect.stringContaining(`submitted campaign ${id}: 20 simulations in 2 batches`) });
    const status = await synthflux(['campaign', 'status', id, '--json'], { ...common, ...mtls });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ state: 'COMPLETED', workflowStatus: 'COMPLETED', succeeded: 20 });
    expect(await servers.prisma.simulation.count({ where: { campaignId: id, status: 'SUCCEEDED' } })).toBe(20);
    // Every connection that got through presented the test client certificate.
    expect(new Set(proxy.accepted)).toEqual(new Set(['client']));
  }, 420_000);

  it('without the client certificate, or with one from another CA, the CLI and the worker stop with a clear error', async () => {
    const refusedBefore = proxy.refused;
    const caOnly = { TEMPORAL_ADDRESS: address, TEMPORAL_TLS_CA: pki.ca };
    const noCert = await synthflux(['campaign', 'list'], { ...common, ...caOnly });
    expect(noCert.code).not.toBe(0);
    expect(noCert.stderr).toContain(`cannot connect to Temporal at ${address} (namespace default, TLS): `);
    expect(noCert.stderr).toContain('set TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY');

    const rogue = await synthflux(['campaign', 'list'], { ...common, ...caOnly, TEMPORAL_TLS_CERT: pki.rogueCert, TEMPORAL_TLS_KEY: pki.rogueKey });
    expect(rogue.code).not.toBe(0);
    expect(rogue.stderr).toContain(`cannot connect to Temporal at ${address} (namespace default, mTLS): `);

    const worker = startWorker('worker-no-cert', caOnly);
    await poll({ label: `the worker without a client certificate to exit (log: ${worker.logFile})`, timeoutMs: 120_000, shouldStop: async () => /cannot connect to Temporal/.test(logOf(worker)) });
    expect(logOf(worker)).toContain(`cannot connect to Temporal at ${address} (namespace default, TLS): `);
    expect(logOf(worker)).not.toMatch(/worker ready/);
    expect(proxy.refused).toBeGreaterThan(refusedBefore);
  }, 300_000);
});
