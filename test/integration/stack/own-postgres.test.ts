// The embedded stack on a machine where no PostgreSQL is running: `stack up` initialises a cluster
// of its own in the stack folder, a campaign runs through it, `stack down` stops it and the next
// `stack up` finds its data. The machine's server is hidden by pointing the probe at a port where
// nothing listens; the stack's servers and services are real processes on free loopback ports.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createPrismaClient } from '../../../services/catalog/client';
import { parseEnvFile } from '../../../services/stack/credentials';
import { repoRoot } from '../../../services/stack/paths';
import { freePort, runningPid, tcpReachable } from '../../../services/stack/process';
import { downStack, upStack, type StackOptions, type StackPorts } from '../../../services/stack/stack';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'synthflux');

/** Distinct free loopback ports, one per stack port. */
async function freeStackPorts(): Promise<StackPorts> {
  const names: (keyof StackPorts)[] = ['temporal', 'temporalUi', 's3', 's3Console', 'solverBase', 'subscriptions', 'dashboard', 'apiMetrics', 'workerMetrics', 'temporalSdkMetrics', 'solverMetricsBase'];
  const ports = new Set<number>();
  while (ports.size < names.length) ports.add(await freePort());
  const list = [...ports];
  return Object.fromEntries(names.map((name, i) => [name, list[i]])) as unknown as StackPorts;
}

/** The environment of a user's shell: nothing that would point a command away from the stack directory. */
function userEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const key of Object.keys(env)) if (/^(DATABASE_URL|TEMPORAL_|S3_|SOLVER_ADDRESSES|SYNTHFLUX_TOKEN|SUBSCRIPTIONS_)/.test(key)) delete env[key];
  return env;
}

/** A stack directory the `postgres` user can reach (PostgreSQL runs as that user when the tests run as root). */
function makeStackDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `synthflux-${label}-`));
  fs.chmodSync(dir, 0o711);
  return dir;
}

describe('the embedded stack without a PostgreSQL server', () => {
  const dirs: string[] = [];
  let deadProbe: string;

  beforeAll(async () => {
    // A port that was free a moment ago: nothing answers there.
    deadProbe = `127.0.0.1:${await freePort()}`;
  });

  afterAll(async () => {
    for (const dir of dirs) {
      await downStack(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says what to install, or to set DATABASE_URL, when neither a server nor the PostgreSQL binaries exist', async () => {
    const dir = makeStackDir('no-postgres');
    const emptyBin = fs.mkdtempSync(path.join(os.tmpdir(), 'synthflux-empty-bin-'));
    dirs.push(dir, emptyBin);
    const up = run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'services', 'stack', 'main.ts'), 'up'], {
      cwd: repoRoot,
      env: userEnv({ SYNTHFLUX_STACK_DIR: dir, SYNTHFLUX_POSTGRES_PROBE: deadProbe, SYNTHFLUX_POSTGRES_BIN_DIR: emptyBin }),
    });
    const failure = (await up.then(
      () => undefined,
      (err: unknown) => err,
    )) as { code?: number; stderr?: string } | undefined;
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(`DATABASE_URL is not set and no PostgreSQL server answers on ${deadProbe}`);
    expect(failure?.stderr).toContain(`no PostgreSQL server binaries (initdb, postgres) in ${emptyBin}`);
    expect(failure?.stderr).toContain('apt-get install postgresql');
    expect(failure?.stderr).toContain('or set DATABASE_URL');
    // It stopped before starting anything.
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.pid'))).toEqual([]);
  });

  it('runs its own PostgreSQL in the stack folder, serves a campaign from it, stops it with stack down and finds the data after a restart', async () => {
    const dir = makeStackDir('own-postgres');
    dirs.push(dir);
    const opts: StackOptions = { dir, ports: await freeStackPorts(), postgresProbe: deadProbe, solverCount: 1, solverThreads: 1, withWorker: true, bucket: 'synthflux' };

    const info = await upStack(opts);
    const dataDir = path.join(dir, 'postgres');
    expect(info.STACK_POSTGRES_DATA).toBe(dataDir);
    expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    const url = new URL(info.DATABASE_URL);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/synthflux');
    expect([String(5432), deadProbe.split(':')[1]]).not.toContain(url.port);
    expect(parseEnvFile(fs.readFileSync(path.join(dir, 'stack.env'), 'utf8'))).toMatchObject({ DATABASE_URL: info.DATABASE_URL, STACK_POSTGRES_DATA: dataDir });

    // A campaign through the stack, the way a user runs one: the CLI finds everything in stack.env.
    const spec = path.join(dir, 'tiny.yaml');
    fs.writeFileSync(
      spec,
      `name: own-postgres
count: 12
seed: 3
sampler: sobol
solver: { model: dipole, sensorGrid: { axialCount: 16, circumferentialCount: 8 } }
batchSize: 4
shardSize: 2
`,
    );
    const env = userEnv({ SYNTHFLUX_STACK_DIR: dir });
    await run(cli, ['campaign', 'submit', spec, '--id', 'own-pg', '--wait'], { cwd: repoRoot, env, timeout: 240_000 });
    const verified = JSON.parse((await run(cli, ['campaign', 'verify', 'own-pg', '--json'], { cwd: repoRoot, env })).stdout) as Record<string, unknown>;
    expect(verified).toMatchObject({ catalogRows: 12, distinctIndexes: 12, succeededRows: 12, mapsInStore: 12, checksumMatches: 12, mismatches: [] });

    const stopped = await downStack(dir);
    expect(stopped).toContain('postgres');
    expect(stopped.indexOf('postgres')).toBe(stopped.length - 1);
    expect(await tcpReachable('127.0.0.1', Number(url.port))).toBe(false);
    // A clean shutdown: the postmaster removed its pid file.
    expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);

    // Up again (no worker needed to read the catalog): same cluster, same port, the campaign is there.
    const again = await upStack({ ...opts, withWorker: false });
    expect(again.DATABASE_URL).toBe(info.DATABASE_URL);
    expect(runningPid(dir, 'postgres')).toBeDefined();
    const prisma = createPrismaClient(again.DATABASE_URL);
    try {
      const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id: 'own-pg' } });
      expect(campaign.state).toBe('COMPLETED');
      expect(await prisma.simulation.count({ where: { campaignId: 'own-pg', status: 'SUCCEEDED' } })).toBe(12);
    } finally {
      await prisma.$disconnect();
    }
  }, 600_000);
});
