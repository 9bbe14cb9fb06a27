// The GetDP reference behind the solver gRPC contract: the same Solver service and health checks
// as synthflux's solver (services/solver/handlers.ts), answering as "getdp-reference", with one
// model, `fem`, solved by GetDP in child processes (runner.ts).

import { serverCredentials } from '../tls/grpc-tls';
import type { SolverConfig } from '../solver/config';
import { solverConfigSchema } from '../solver/config';
import type { PhysicsModel } from '../solver/models/types';
import type { RunningSolverServer } from '../solver/server';
import { SOLVER_SERVICE_NAME, bind, createSolverServer, formatAddress, tryShutdown } from '../solver/server';
import { getdpFemModel } from './getdp-model';
import { GetdpRunner } from './runner';

export const REFERENCE_SOLVER_NAME = 'getdp-reference';
/** Part of every simulation's content hash: bump it whenever the reference's output changes. */
export const REFERENCE_SOLVER_VERSION = '0.2.0';
const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export interface ReferenceServerOptions extends Partial<SolverConfig> {
  shutdownGraceMs?: number;
  /** Python with the gmsh module (default /usr/bin/python3). */
  python?: string;
}

/** Starts the adapter; resolves once it is bound and SERVING. `threads` = GetDP solves at once. */
export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<RunningSolverServer> {
  const { shutdownGraceMs = DEFAULT_SHUTDOWN_GRACE_MS, python, ...overrides } = options;
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const config: SolverConfig = { ...solverConfigSchema.parse({}), ...given };
  const runner = new GetdpRunner({ slots: config.threads, python });
  const registry = new Map<string, PhysicsModel>([[getdpFemModel.name, getdpFemModel]]);
  const identity = { name: REFERENCE_SOLVER_NAME, version: REFERENCE_SOLVER_VERSION };
  const { server, health, activeCalls } = createSolverServer({ pool: runner, registry, limits: config, maxConcurrentCalls: config.threads, identity });
  let port: number;
  try {
    port = await bind(server, config.host, config.port, serverCredentials(config.tls));
  } catch (err: unknown) {
    server.forceShutdown();
    runner.terminate();
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
      runner.terminate();
    })();
    return closing;
  };
  return { host: config.host, port, address: formatAddress(config.host, port), server, health, activeCalls, close };
}
