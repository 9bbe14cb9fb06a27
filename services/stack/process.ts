import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface ManagedProcess {
  name: string;
  pid: number;
  logFile: string;
}

/** Starts a long-running server detached from this process, output to its log file, pid recorded. */
export function startDetached(opts: {
  name: string;
  command: string;
  args: string[];
  runDir: string;
  env?: NodeJS.ProcessEnv;
  /** false: the process sees `env` only, not this process's environment (a container's view). */
  inheritEnv?: boolean;
  cwd?: string;
}): ManagedProcess {
  fs.mkdirSync(path.join(opts.runDir, 'logs'), { recursive: true });
  const logFile = path.join(opts.runDir, 'logs', `${opts.name}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env: opts.inheritEnv === false ? { ...opts.env } : { ...process.env, ...opts.env },
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  if (child.pid === undefined) throw new Error(`${opts.name}: failed to start ${opts.command}`);
  child.unref();
  fs.writeFileSync(pidFile(opts.runDir, opts.name), String(child.pid));
  return { name: opts.name, pid: child.pid, logFile };
}

const pidFile = (runDir: string, name: string): string => path.join(runDir, `${name}.pid`);

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function runningPid(runDir: string, name: string): number | undefined {
  const file = pidFile(runDir, name);
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, 'utf8'));
  return Number.isInteger(pid) && isAlive(pid) ? pid : undefined;
}

/** `signal` (SIGTERM by default) to the process group, then SIGKILL whatever is left after the grace period. */
export async function stopProcess(runDir: string, name: string, graceMs = 10_000, stopSignal: NodeJS.Signals = 'SIGTERM'): Promise<boolean> {
  const pid = runningPid(runDir, name);
  fs.rmSync(pidFile(runDir, name), { force: true });
  if (pid === undefined) return false;
  const signal = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  signal(stopSignal);
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) signal('SIGKILL');
  return true;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` resolves true; fails with the label and the last error after the timeout. */
export async function poll(opts: {
  label: string;
  timeoutMs: number;
  check: () => Promise<boolean>;
  intervalMs?: number;
  /** Errors that end the wait at once instead of being retried. */
  stopOn?: (err: unknown) => boolean;
}): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await opts.check()) return;
    } catch (err) {
      if (opts.stopOn?.(err)) throw err;
      lastError = err;
    }
    await sleep(opts.intervalMs ?? 200);
  }
  throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${opts.label}`, { cause: lastError });
}

export function tcpReachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
