// Runs GetDP reference solves as child processes, at most `slots` at a time, with the interface the
// solver's gRPC handlers expect of a pool (run(task, signal) -> SolveOutcome). Unlike the worker
// threads, a running solve is cancellable: the abort kills its process group.

import { isSolveError } from '../solver/models/types';
import { PoolClosedError, TaskCancelledError } from '../solver/pool';
import type { SolveOutcome, SolveTask } from '../solver/solve-task';
import { INTERNAL_REASON } from '../solver/solve-task';
import { encodeFloat32LE } from '../solver/signal-map';
import { solveWithGetdp } from './getdp-model';

export interface GetdpRunnerOptions {
  /** Solves at once (each takes one core). */
  slots: number;
  python?: string;
}

export class GetdpRunner {
  private readonly waiting: Array<() => void> = [];
  private running = 0;
  private closed = false;
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly opts: GetdpRunnerOptions) {
    if (!Number.isInteger(opts.slots) || opts.slots < 1) throw new RangeError(`slots must be >= 1 (got ${opts.slots})`);
  }

  async run(task: SolveTask, signal?: AbortSignal): Promise<SolveOutcome> {
    if (this.closed) throw new PoolClosedError('reference solver is shut down');
    if (signal?.aborted) throw new TaskCancelledError('cancelled before it started');
    await this.acquire(signal);
    const own = new AbortController();
    const forward = (): void => own.abort();
    signal?.addEventListener('abort', forward, { once: true });
    this.inFlight.add(own);
    const started = performance.now();
    try {
      const { data, stats } = await solveWithGetdp(task.defect, task.grid, task.settings, own.signal, this.opts.python);
      const bad = data.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) return { kind: 'error', reason: 'NON_FINITE', message: `map value ${bad} is ${data[bad]}`, wallTimeMs: performance.now() - started };
      return { kind: 'map', packed: encodeFloat32LE(data), stats, wallTimeMs: performance.now() - started };
    } catch (err: unknown) {
      if (this.closed) throw new PoolClosedError('reference solver is shut down');
      if (own.signal.aborted) throw new TaskCancelledError('cancelled while solving');
      const wallTimeMs = performance.now() - started;
      if (isSolveError(err)) return { kind: 'error', reason: err.reason, message: err.message, wallTimeMs };
      return { kind: 'error', reason: INTERNAL_REASON, message: err instanceof Error ? err.message : String(err), wallTimeMs };
    } finally {
      signal?.removeEventListener('abort', forward);
      this.inFlight.delete(own);
      this.release();
    }
  }

  /** Refuses new solves and kills the running ones. */
  terminate(): void {
    this.closed = true;
    for (const c of this.inFlight) c.abort();
    for (const wake of this.waiting.splice(0)) wake();
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (this.running < this.opts.slots) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const wake = (): void => {
        signal?.removeEventListener('abort', onAbort);
        if (this.closed) reject(new PoolClosedError('reference solver is shut down'));
        else {
          this.running++;
          resolve();
        }
      };
      const onAbort = (): void => {
        const at = this.waiting.indexOf(wake);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new TaskCancelledError('cancelled before it started'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(wake);
    });
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.();
  }
}
