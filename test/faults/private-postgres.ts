// A private PostgreSQL cluster for the fault suite. Killing the machine's server would disturb
// everyone else who uses it, so the suite runs its own cluster (Debian's initdb/postgres) in a
// temporary directory on a free port, and kills and restarts that one.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, poll, startDetached } from '../../services/stack/process';

export interface PrivatePostgres {
  port: number;
  dataDir: string;
  /** URL of a database on this cluster (created by prepareCatalog). */
  url(database: string): string;
  /** Starts (or restarts after a crash) the postmaster on the same data directory and port. */
  start(): Promise<void>;
}

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`no PostgreSQL server binaries under ${root} (install postgresql)`);
  return path.join(root, newest, 'bin');
}

/** initdb and postgres refuse to run as root; as root, they run as the `postgres` user instead. */
function asServerUser(command: string, args: string[]): { command: string; args: string[] } {
  if (process.getuid?.() !== 0) return { command, args };
  // setpriv execs in place (no extra parent process), so the recorded pid is the postmaster's.
  return { command: 'setpriv', args: ['--reuid', 'postgres', '--regid', 'postgres', '--init-groups', '--', command, ...args] };
}

export async function createPrivatePostgres(runDir: string): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'synthflux-faults-pg-'));
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dataDir]);
  const init = asServerUser(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  execFileSync(init.command, init.args, { stdio: 'ignore' });
  const port = await freePort();
  const url = (database: string): string => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  const start = async (): Promise<void> => {
    // Loopback TCP only; the socket directory is the data directory, so nothing else is touched.
    const run = asServerUser(path.join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', dataDir, '-c', 'fsync=on', '-c', 'max_connections=200']);
    startDetached({ name: 'postgres', command: run.command, args: run.args, runDir });
    await poll({
      label: `private PostgreSQL on ${port}`,
      timeoutMs: 60_000,
      check: async () => {
        const client = new Client({ connectionString: url('postgres') });
        await client.connect();
        await client.end();
        return true;
      },
    });
  };
  return { port, dataDir, url, start };
}

export function removePrivatePostgres(pg: PrivatePostgres): void {
  fs.rmSync(pg.dataDir, { recursive: true, force: true });
}
