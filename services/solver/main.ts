// Solver process entrypoint: wiring only.

import { startMetricsServer } from '../metrics/http';
import { createSolverMetrics } from '../metrics/solver-metrics';
import { parseSolverConfig } from './config';
import { startTracing, tracingServerInterceptor } from '../tracing';
import { SOLVER_SERVICE_NAME, startSolverServer } from './server';

async function main(): Promise<void> {
  const config = parseSolverConfig(process.env);
  const metrics = createSolverMetrics();
  const tracing = startTracing({ serviceName: 'synthflux-solver' });
  const traced = tracing.enabled ? [tracingServerInterceptor(tracing.tracer, { service: SOLVER_SERVICE_NAME, prefix: 'solver' })] : [];
  const solver = await startSolverServer({ ...config, interceptors: [metrics.interceptor, ...traced] });
  metrics.setActiveCalls(solver.activeCalls);
  const metricsServer = config.metricsPort >= 0 ? await startMetricsServer({ host: config.host, port: config.metricsPort, registry: metrics.registry }) : undefined;
  console.log(`solver listening on ${solver.address}${metricsServer ? `, metrics ${metricsServer.url}` : ''}`);

  const shutdown = (signal: NodeJS.Signals): void => {
    console.log(`solver: ${signal} received, shutting down`);
    Promise.all([solver.close(), metricsServer?.close()]).then(() => tracing.shutdown()).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
