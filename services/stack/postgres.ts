// PostgreSQL clusters that synthflux runs itself: the embedded stack's catalog when no server is
// there to use, and the fault suite's private cluster (which it kills and restarts). Debian's
// initdb/postgres; loopback TCP only, the socket in the data directory, trust authentication.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, isAlive, poll, runningPid, startDetached, tcpReachable } from './process';
import { ServiceExitedError } from './servers';

const HOST = '127.0.0.1';
/** The pid file name (<runDir>/postgres.pid) and log name of a cluster synthflux started. */
export const POSTGRES_PROCESS = 'postgres';
/** Where the stack looks for a running server when DATABASE_URL is not set. */
export const DEFAULT_POSTGRES_PROBE = `${HOST}:5432`;
const DEBIAN_ROOT = '/usr/lib/postgresql';
const INSTALL_HINT = "install Debian's postgresql package (apt-get install postgresql)";

/** initdb and postgres are not where they are looked for; the message says where and what to do. */
export class PostgresBinariesMissingError extends Error {
  override readonly name = 'PostgresBinariesMissingError';
}

/**
 * The directory holding initdb and postgres: SYNTHFLUX_POSTGRES_BIN_DIR when set (and only there),
 * else the newest Debian version under /usr/lib/postgresql, else the directory of initdb on PATH.
 */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string {
  const hasBoth = (dir: string): boolean => ['initdb', 'postgres'].every((b) => isExecutable(path.join(dir, b)));
  const override = env.SYNTHFLUX_POSTGRES_BIN_DIR;
  if (override !== undefined) {
    if (hasBoth(override)) return override;
    throw new PostgresBinariesMissingError(`no PostgreSQL server binaries (initdb, postgres) in ${override} (SYNTHFLUX_POSTGRES_BIN_DIR): point it at a PostgreSQL bin directory, or ${INSTALL_HINT}`);
  }
  const versions = fs.existsSync(DEBIAN_ROOT) ? fs.readdirSync(DEBIAN_ROOT).filter((v) => hasBoth(path.join(DEBIAN_ROOT, v, 'bin'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest) return path.join(DEBIAN_ROOT, newest, 'bin');
  const onPath = (env.PATH ?? '').split(path.delimiter).filter(Boolean).find(hasBoth);
  if (onPath) return onPath;
  throw new PostgresBinariesMissingError(`no PostgreSQL server binaries (initdb, postgres) under ${DEBIAN_ROOT}/<version>/bin or on PATH: ${INSTALL_HINT}`);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** initdb and postgres refuse to run as root; as root, they run as the `postgres` user instead. */
function asServerUser(command: string, args: string[]): { command: string; args: string[] } {
  if (process.getuid?.() !== 0) return { command, args };
  // setpriv execs in place (no extra parent process), so the recorded pid is the postmaster's.
  return { command: 'setpriv', args: ['--reuid', 'postgres', '--regid', 'postgres', '--init-groups', '--', command, ...args] };
}

/** As root: the data directory belongs to the `postgres` user, who must be able to reach it. */
function handToServerUser(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  try {
    execFileSync('chown', ['postgres:postgres', dataDir], { stdio: 'pipe' });
  } catch (err) {
    throw new Error(`PostgreSQL refuses to run as root and runs as the postgres user here, but chown postgres ${dataDir} failed (is there a postgres user? ${INSTALL_HINT} creates it)`, { cause: err });
  }
  const probe = asServerUser('test', ['-w', dataDir]);
  try {
    execFileSync(probe.command, probe.args, { stdio: 'ignore' });
  } catch {
    throw new Error(`PostgreSQL runs as the postgres user here, which cannot reach ${dataDir}: give it search permission (chmod o+x) on the directories above it, or set DATABASE_URL to a database on a running server`);
  }
}

export interface LocalPostgres {
  port: number;
  dataDir: string;
  /** URL of a database on this cluster (created by prepareCatalog). */
  url(database: string): string;
  /** Starts (or restarts after a crash) the postmaster on the same data directory and port. */
  start(): Promise<void>;
}

/**
 * A cluster in `dataDir` (initialised there on first use, reused afterwards) served on `port`; its
 * process is recorded as <runDir>/postgres.pid with its log in <runDir>/logs/postgres.log.
 */
export function localPostgres(opts: { runDir: string; dataDir: string; port: number; binDir?: string }): LocalPostgres {
  const bin = opts.binDir ?? postgresBinDir();
  const url = (database: string): string => `postgresql://postgres@${HOST}:${opts.port}/${database}`;
  const start = async (): Promise<void> => {
    if (!fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
      fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
      handToServerUser(opts.dataDir);
      const init = asServerUser(path.join(bin, 'initdb'), ['-D', opts.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
      try {
        execFileSync(init.command, init.args, { stdio: 'pipe' });
      } catch (err) {
        const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
        throw new Error(`initdb into ${opts.dataDir} failed${stderr ? `: ${stderr}` : ''}`, { cause: err });
      }
    }
    // Loopback TCP only; the socket directory is the data directory, so nothing else is touched.
    const run = asServerUser(path.join(bin, 'postgres'), ['-D', opts.dataDir, '-p', String(opts.port), '-h', HOST, '-k', opts.dataDir, '-c', 'fsync=on', '-c', 'max_connections=200']);
    const started = startDetached({ name: POSTGRES_PROCESS, command: run.command, args: run.args, runDir: opts.runDir });
    await poll({
      label: `PostgreSQL on ${HOST}:${opts.port} (data in ${opts.dataDir})`,
      timeoutMs: 60_000,
      check: async () => {
        if (!isAlive(started.pid)) throw new ServiceExitedError(POSTGRES_PROCESS, started.logFile);
        const client = new Client({ connectionString: url('postgres') });
        await client.connect();
        await client.end();
        return true;
      },
      stopOn: (err) => err instanceof ServiceExitedError,
    });
  };
  return { port: opts.port, dataDir: opts.dataDir, url, start };
}

/** The cluster the embedded stack runs when it found no server: data in <stack dir>/postgres. */
export const stackPostgresDataDir = (stackDir: string): string => path.join(stackDir, 'postgres');
const portFile = (stackDir: string): string => path.join(stackDir, 'postgres.port');

export interface StackCatalog {
  databaseUrl: string;
  /** The data directory when the stack runs the server itself. */
  ownedDataDir?: string;
  /** The stack started its server on a port other than last time's (components must reconnect). */
  moved: boolean;
}

/**
 * Where the embedded stack's catalog lives when DATABASE_URL is not given: the stack's own cluster
 * once it has one (started if it is down, its data kept); else a server answering on `probe`
 * (host:port, 127.0.0.1:5432 by default); else a new cluster of its own initialised in the stack
 * directory on a free loopback port, which `stack down` stops.
 */
export async function resolveStackCatalog(opts: { dir: string; probe: string; database: string }): Promise<StackCatalog> {
  const dataDir = stackPostgresDataDir(opts.dir);
  const owned = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!owned) {
    const { host, port } = parseHostPort(opts.probe);
    if (await tcpReachable(host, port)) return { databaseUrl: `postgresql://postgres@${hostForUrl(host)}:${port}/${opts.database}`, moved: false };
  }
  let binDir: string;
  try {
    binDir = postgresBinDir();
  } catch (err) {
    if (!(err instanceof PostgresBinariesMissingError)) throw err;
    const why = owned ? `the stack's PostgreSQL data is in ${dataDir}` : `DATABASE_URL is not set and no PostgreSQL server answers on ${opts.probe}, so the stack would run its own`;
    throw new PostgresBinariesMissingError(`${why}, but ${err.message}; or set DATABASE_URL to a database on a running server (postgresql://user@host:5432/synthflux)`);
  }
  const text = fs.existsSync(portFile(opts.dir)) ? fs.readFileSync(portFile(opts.dir), 'utf8').trim() : '';
  const recorded = /^\d{1,5}$/.test(text) ? Number(text) : undefined;
  if (runningPid(opts.dir, POSTGRES_PROCESS) !== undefined) {
    if (recorded === undefined) throw new Error(`the stack's PostgreSQL is running but ${portFile(opts.dir)} does not say its port: stop the stack (npm run stack:down) and start it again`);
    return { databaseUrl: localPostgres({ runDir: opts.dir, dataDir, port: recorded, binDir }).url(opts.database), ownedDataDir: dataDir, moved: false };
  }
  // Last time's port keeps DATABASE_URL stable; another one if something else took it meanwhile.
  const port = recorded !== undefined && !(await tcpReachable(HOST, recorded)) ? recorded : await freePort();
  const pg = localPostgres({ runDir: opts.dir, dataDir, port, binDir });
  await pg.start();
  fs.writeFileSync(portFile(opts.dir), String(port));
  return { databaseUrl: pg.url(opts.database), ownedDataDir: dataDir, moved: recorded !== undefined && recorded !== port };
}

function parseHostPort(address: string): { host: string; port: number } {
  const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(address);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) throw new Error(`SYNTHFLUX_POSTGRES_PROBE must be host:port, e.g. ${DEFAULT_POSTGRES_PROBE} (got '${address}')`);
  return { host: m[1]!, port };
}

const hostForUrl = (host: string): string => (host.includes(':') ? `[${host}]` : host);
