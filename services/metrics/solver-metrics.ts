// The solver's metrics: requests by method and status code, latency, and calls in progress. A gRPC
// server interceptor records them, so the handlers stay free of metrics code.

import * as grpc from '@grpc/grpc-js';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface SolverMetrics {
  registry: Registry;
  interceptor: grpc.ServerInterceptor;
  /** Reports calls in progress from the server once it exists. */
  setActiveCalls(source: () => number): void;
}

export function createSolverMetrics(opts: { defaultMetrics?: boolean } = {}): SolverMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  let active: () => number = () => 0;
  new Gauge({ name: 'synthflux_solver_active_calls', help: 'SolveBatch calls in progress', registers: [registry], collect() { this.set(active()); } });
  const requests = new Counter({ name: 'synthflux_solver_requests_total', help: 'gRPC requests by method and status', labelNames: ['method', 'code'], registers: [registry] });
  const seconds = new Histogram({
    name: 'synthflux_solver_request_seconds',
    help: 'gRPC request latency by method',
    labelNames: ['method'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const interceptor: grpc.ServerInterceptor = (method, call) => {
    const started = performance.now();
    const name = method.path.split('/').pop() ?? method.path;
    return new grpc.ServerInterceptingCall(call, {
      sendStatus(status, next) {
        requests.inc({ method: name, code: grpc.status[status.code] ?? String(status.code) });
        seconds.observe({ method: name }, (performance.now() - started) / 1000);
        next(status);
      },
    });
  };
  return { registry, interceptor, setActiveCalls: (source) => (active = source) };
}
