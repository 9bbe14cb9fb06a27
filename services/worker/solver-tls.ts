// How the worker's solver pool reaches the solvers: plaintext by default (loopback, or inside a
// mesh), TLS or mTLS when WORKER_SOLVER_TLS_* name PEM files.

import { createSolverClient, type SolverClient } from '../solver/client';
import { channelCredentials } from '../tls/grpc-tls';
import type { WorkerConfig } from './config';

export function solverClientFactory(config: Pick<WorkerConfig, 'WORKER_SOLVER_TLS_CA' | 'WORKER_SOLVER_TLS_CERT' | 'WORKER_SOLVER_TLS_KEY'>): (address: string) => SolverClient {
  const credentials = channelCredentials({ ca: config.WORKER_SOLVER_TLS_CA, cert: config.WORKER_SOLVER_TLS_CERT, key: config.WORKER_SOLVER_TLS_KEY });
  return (address) => createSolverClient(address, { credentials });
}
