// The worker's metrics: simulation outcomes by failure reason, batch and solve latencies, and the
// solver pool as the worker sees it (size, capacity, calls in flight).

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface PoolSnapshotSource {
  snapshot(): { capacity: number; inFlight: number; draining: boolean }[];
}

export interface WorkerMetrics {
  registry: Registry;
  simulations: Counter<'outcome' | 'reason'>;
  batchSeconds: Histogram<'outcome'>;
  solveSeconds: Histogram;
}

// Batches take seconds to minutes; single solves milliseconds to minutes.
const BATCH_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
const SOLVE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export function createWorkerMetrics(pool: PoolSnapshotSource, opts: { defaultMetrics?: boolean } = {}): WorkerMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const live = (): ReturnType<PoolSnapshotSource['snapshot']> => pool.snapshot().filter((e) => !e.draining);
  new Gauge({ name: 'synthflux_solver_pool_size', help: 'Solver endpoints taking new calls', registers: [registry], collect() { this.set(live().length); } });
  new Gauge({ name: 'synthflux_solver_pool_capacity', help: 'Concurrent solver calls the pool serves', registers: [registry], collect() { this.set(live().reduce((s, e) => s + e.capacity, 0)); } });
  new Gauge({ name: 'synthflux_solver_pool_in_flight', help: 'Solver calls in flight', registers: [registry], collect() { this.set(pool.snapshot().reduce((s, e) => s + e.inFlight, 0)); } });
  return {
    registry,
    simulations: new Counter({ name: 'synthflux_simulations_total', help: 'Simulations cataloged, by outcome and failure reason', labelNames: ['outcome', 'reason'], registers: [registry] }),
    batchSeconds: new Histogram({ name: 'synthflux_batch_duration_seconds', help: 'solveBatch activity duration', labelNames: ['outcome'], buckets: BATCH_BUCKETS, registers: [registry] }),
    solveSeconds: new Histogram({ name: 'synthflux_simulation_solve_seconds', help: 'Solver wall time per simulation', buckets: SOLVE_BUCKETS, registers: [registry] }),
  };
}

/** `REASON: message` (how simulation errors are written) to a bounded label value. */
export function failureReason(error: string | null | undefined): string {
  const match = /^([A-Z][A-Z0-9_]{1,40}):/.exec(error ?? '');
  return match ? match[1]! : 'OTHER';
}
