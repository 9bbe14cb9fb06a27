import { spawn } from 'node:child_process';
import { traceparentEnv } from '../tracing/propagation';

/** Exit code the Python jobs use for inputs no retry can fix (synthflux_ml/io.py EXIT_BAD_INPUT). */
export const EXIT_BAD_INPUT = 2;
const STDERR_TAIL_CHARS = 4000;

export interface PythonJobOptions {
  python: string;
  script: string;
  args: readonly string[];
  cwd: string;
  /** Called at least every heartbeatMs while the process runs, with its latest progress line. */
  heartbeat: (detail: { lastLine?: string }) => void;
  heartbeatMs?: number;
  signal?: AbortSignal;
  threads?: number;
}

export class PythonJobError extends Error {
  override readonly name = 'PythonJobError';
  constructor(
    readonly script: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
    options?: { cause?: unknown },
  ) {
    super(`${script} exited with ${exitCode === null ? 'a signal' : `code ${exitCode}`}: ${lastLines(stderrTail, 12)}${missingPackageHint(stderrTail)}`, options);
  }
  /** The job rejected its inputs: retrying cannot help. */
  get badInput(): boolean {
    return this.exitCode === EXIT_BAD_INPUT;
  }
}

export function isPythonJobError(err: unknown): err is PythonJobError {
  return err instanceof PythonJobError;
}

/**
 * What a job inherits from the worker: the process basics only. The worker's credentials
 * (TEMPORAL_API_KEY, S3 keys, DATABASE_URL) never reach a job; jobs get their inputs as files.
 */
const INHERITED = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'TZ', 'PYTHONPATH', 'CUDA_VISIBLE_DEVICES'] as const;
export function inheritedEnv(from: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(INHERITED.filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));
}

/** A job whose Python packages are not installed says which setup step installs them. */
function missingPackageHint(stderrTail: string): string {
  const missing = /ModuleNotFoundError: No module named '([^']+)'/.exec(stderrTail);
  return missing ? `\nPython package "${missing[1]}" is missing: run \`bash scripts/setup.sh ml\` (Debian packages of scripts/setup-python.sh)` : '';
}

function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join('\n');
}

/**
 * Runs one Python job as a child process: exit code checked, stderr kept for the error, a
 * heartbeat while it runs, and the caller's TRACEPARENT passed through so the job's spans join the trace.
 */
export function runPythonJob(opts: PythonJobOptions): Promise<{ stderrTail: string; wallMs: number }> {
  const started = performance.now();
  const threads = String(opts.threads ?? 2);
  const env: NodeJS.ProcessEnv = {
    ...inheritedEnv(process.env),
    // The active span (the activity's) when tracing is on; otherwise whatever TRACEPARENT this process got.
    ...traceparentEnv(),
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    // BLAS and torch would otherwise take every core of a machine shared with the workers.
    OMP_NUM_THREADS: threads,
    MKL_NUM_THREADS: threads,
    OPENBLAS_NUM_THREADS: threads,
    MPLBACKEND: 'Agg',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(opts.python, [opts.script, ...opts.args], { cwd: opts.cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let lastLine: string | undefined;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_TAIL_CHARS);
      const lines = text.trim().split('\n');
      lastLine = lines[lines.length - 1] ?? lastLine;
    });
    const beat = setInterval(() => opts.heartbeat({ lastLine }), opts.heartbeatMs ?? 5000);
    opts.heartbeat({});
    const onAbort = (): void => {
      child.kill('SIGTERM');
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      clearInterval(beat);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (err) => {
      done();
      reject(new PythonJobError(opts.script, null, `could not start ${opts.python}: ${err.message}`, { cause: err }));
    });
    child.on('close', (code) => {
      done();
      if (code === 0) resolve({ stderrTail: stderr, wallMs: performance.now() - started });
      else reject(new PythonJobError(opts.script, code, stderr));
    });
  });
}
