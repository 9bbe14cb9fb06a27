// Builds and starts the solver gRPC server: the Solver service plus standard grpc.health.v1.

import * as grpc from '@grpc/grpc-js';
import { serverCredentials } from '../tls/grpc-tls';
import { HealthImplementation } from 'grpc-health-check';
import { loadSolverProto } from '../../proto/load';
import { MAX_REQUEST_BYTES, solverConfigSchema } from './config';
import type { SolverConfig } from './config';
import { createSolverService } from './handlers';
import type { SolverServiceDeps } from './handlers';
import { createModelRegistry, loadModelModules } from './models/registry';
import { SolveThreadPool } from './pool';

/** The health-checked service name; '' is the server as a whole. */
export const SOLVER_SERVICE_NAME = 'synthflux.solver.v1.Solver';
/** How long close() lets in-flight calls finish before cutting them off. */
const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export interface SolverServerOptions extends Partial<SolverConfig> {
  /** Extra model modules (absolute paths exporting `models`), loaded by the server and every worker. */
  modelModules?: readonly string[];
  shutdownGraceMs?: number;
  /** gRPC server interceptors (metrics). */
  interceptors?: grpc.ServerInterceptor[];
}

export interface RunningSolverServer {
  host: string;
  /** The bound port (the real one when 0 was asked for). */
  port: number;
  /** host:port for clients. */
  address: string;
  server: grpc.Server;
  health: HealthImplementation;
  activeCalls: () => number;
  /** Stops taking calls, lets in-flight ones finish (up to the grace period), then stops the workers. */
  close(): Promise<void>;
}

/** A grpc.Server with the Solver service and health registered; it is not bound yet. */
export function createSolverServer(deps: SolverServiceDeps, interceptors: grpc.ServerInterceptor[] = []): { server: grpc.Server; health: HealthImplementation; activeCalls: () => number } {
  const proto = loadSolverProto();
  const server = new grpc.Server({ interceptors, 'grpc.max_receive_message_length': MAX_REQUEST_BYTES });
  const service = createSolverService(deps);
  server.addService(proto.synthflux.solver.v1.Solver.service, service.handlers);
  const health = new HealthImplementation({ '': 'NOT_SERVING', [SOLVER_SERVICE_NAME]: 'NOT_SERVING' });
  health.addToServer(server);
  return { server, health, activeCalls: service.activeCalls };
}

export function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function bind(server: grpc.Server, host: string, port: number, credentials: grpc.ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(formatAddress(host, port), credentials, (err, boundPort) => {
      if (err) reject(err);
      else resolve(boundPort);
    });
  });
}

export function tryShutdown(server: grpc.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.forceShutdown(), graceMs);
    server.tryShutdown(() => {
      clearTimeout(force);
      resolve();
    });
  });
}

/** Starts the worker pool and the server; resolves once it is bound and SERVING. */
export async function startSolverServer(options: SolverServerOptions = {}): Promise<RunningSolverServer> {
  const { modelModules = [], shutdownGraceMs = DEFAULT_SHUTDOWN_GRACE_MS, interceptors, ...overrides } = options;
  // Defaults from the schema; an option passed as undefined keeps its default.
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const config: SolverConfig = { ...solverConfigSchema.parse({}), ...given };
  const registry = createModelRegistry(loadModelModules(modelModules));
  const pool = await SolveThreadPool.start({ threads: config.threads, modelModules });
  const { server, health, activeCalls } = createSolverServer({ pool, registry, limits: config, maxConcurrentCalls: config.threads }, interceptors);
  let port: number;
  try {
    port = await bind(server, config.host, config.port, serverCredentials(config.tls));
  } catch (err: unknown) {
    server.forceShutdown();
    await pool.terminate();
    throw err;
  }
  health.setStatus('', 'SERVING');
  health.setStatus(SOLVER_SERVICE_NAME, 'SERVING');
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      health.setStatus('', 'NOT_SERVING');
      health.setStatus(SOLVER_SERVICE_NAME, 'NOT_SERVING');
      await tryShutdown(server, shutdownGraceMs);
      await pool.terminate();
    })();
    return closing;
  };
  return { host: config.host, port, address: formatAddress(config.host, port), server, health, activeCalls, close };
}
