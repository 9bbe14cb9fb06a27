// A fixed set of worker threads that solve simulations, so one solver process uses every core it
// is given. Jobs queue FIFO across all calls; a job whose AbortSignal fires before a worker picks
// it up is dropped (a job already running finishes, since a solve cannot be interrupted).

import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { INTERNAL_REASON } from './solve-task';
import type { SolveOutcome, SolveTask, TaskMessage, WorkerInit, WorkerMessage } from './solve-task';

export class PoolClosedError extends Error {
  override readonly name = 'PoolClosedError';
}

export class TaskCancelledError extends Error {
  override readonly name = 'TaskCancelledError';
}

export function isTaskCancelledError(err: unknown): err is TaskCancelledError {
  return err instanceof TaskCancelledError;
}

export interface ThreadPoolOptions {
  threads: number;
  /** Extra model modules (absolute paths) every worker loads, e.g. test models. */
  modelModules?: readonly string[];
}

interface Job {
  id: number;
  task: SolveTask;
  resolve: (outcome: SolveOutcome) => void;
  reject: (err: Error) => void;
  detach: () => void;
}

/**
 * The worker entry next to this file, in this file's own language. Worker threads start without
 * the parent's loaders (jest's transform never reaches them, and tsx's only via inherited
 * execArgv), so a .ts worker always gets tsx's CommonJS hook, by absolute path so the working
 * directory does not matter. (`--import tsx` in a worker's execArgv does not load .ts on Node 20.)
 */
function workerEntry(): { file: string; execArgv: string[] } {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `worker${ext}`);
  const execArgv = ext === '.ts' ? ['--require', require.resolve('tsx/cjs')] : [];
  return { file, execArgv };
}

export class SolveThreadPool {
  readonly threads: number;
  private readonly modelModules: readonly string[];
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private readonly workers = new Set<Worker>();
  private nextId = 1;
  private closed = false;

  private constructor(opts: ThreadPoolOptions) {
    this.threads = opts.threads;
    this.modelModules = opts.modelModules ?? [];
  }

  /** Starts `threads` workers and resolves once every one has loaded its models. */
  static async start(opts: ThreadPoolOptions): Promise<SolveThreadPool> {
    if (!Number.isInteger(opts.threads) || opts.threads < 1) throw new RangeError(`threads must be >= 1 (got ${opts.threads})`);
    const pool = new SolveThreadPool(opts);
    const started = await Promise.allSettled(Array.from({ length: opts.threads }, () => pool.spawn()));
    const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) {
      await pool.terminate();
      throw failure.reason;
    }
    return pool;
  }

  /** Jobs waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  /** Solves one simulation on the next free worker. Rejects with TaskCancelledError if `signal` fires first. */
  run(task: SolveTask, signal?: AbortSignal): Promise<SolveOutcome> {
    if (this.closed) return Promise.reject(new PoolClosedError('solver pool is shut down'));
    if (signal?.aborted) return Promise.reject(new TaskCancelledError('cancelled before it started'));
    return new Promise<SolveOutcome>((resolve, reject) => {
      const onAbort = (): void => {
        const at = this.queue.indexOf(job);
        if (at < 0) return; // already running: let it finish
        this.queue.splice(at, 1);
        reject(new TaskCancelledError('cancelled before it started'));
      };
      const detach = (): void => signal?.removeEventListener('abort', onAbort);
      const job: Job = { id: this.nextId++, task, resolve, reject, detach };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Drops queued jobs and stops every worker. */
  async terminate(): Promise<void> {
    this.closed = true;
    const stopped = new PoolClosedError('solver pool is shut down');
    for (const job of [...this.queue.splice(0), ...this.busy.values()]) {
      job.detach();
      job.reject(stopped);
    }
    this.busy.clear();
    this.idle.length = 0;
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const job = this.queue.shift() as Job;
      this.busy.set(worker, job);
      const message: TaskMessage = { id: job.id, task: job.task };
      worker.postMessage(message);
    }
  }

  private finish(worker: Worker, id: number, outcome: SolveOutcome): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    this.idle.push(worker);
    if (job && job.id === id) {
      job.detach();
      job.resolve(outcome);
    }
    this.dispatch();
  }

  private spawn(): Promise<void> {
    const { file, execArgv } = workerEntry();
    const workerData: WorkerInit = { modelModules: this.modelModules };
    const worker = new Worker(file, { execArgv, workerData });
    this.workers.add(worker);
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      let lastError: unknown;
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          ready = true;
          this.idle.push(worker);
          resolve();
          this.dispatch();
        } else if (message.type === 'failed') {
          reject(new Error(`solver worker failed to start: ${message.message}`));
          void worker.terminate();
        } else {
          this.finish(worker, message.id, message.outcome);
        }
      });
      worker.on('error', (err) => {
        lastError = err;
      });
      worker.on('exit', (code) => {
        this.workers.delete(worker);
        if (!ready) {
          reject(lastError instanceof Error ? lastError : new Error(`solver worker exited with code ${code} before it was ready`));
          return;
        }
        this.lost(worker, lastError ?? new Error(`exited with code ${code}`));
      });
    });
  }

  /** A worker died: its job fails (not the whole call), and a replacement takes its place. */
  private lost(worker: Worker, cause: unknown): void {
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    if (this.closed) return;
    const reason = cause instanceof Error ? cause.message : String(cause);
    if (job) {
      job.detach();
      job.resolve({ kind: 'error', reason: INTERNAL_REASON, message: `solver worker stopped: ${reason}`, wallTimeMs: 0 });
    }
    this.spawn().catch((err: unknown) => {
      console.error('solver pool: could not replace a stopped worker', err);
      if (this.workers.size > 0) return;
      for (const queued of this.queue.splice(0)) {
        queued.detach();
        queued.reject(new Error('solver pool has no workers left'));
      }
    });
  }
}
