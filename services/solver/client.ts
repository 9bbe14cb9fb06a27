// Typed client for the Solver service, and the signal-map packing helpers every caller needs.

import * as grpc from '@grpc/grpc-js';
import { loadSolverProto } from '../../proto/load';
import type { SolverClient } from '../../proto/generated/synthflux/solver/v1/Solver';
import type { SolveBatchRequest } from '../../proto/generated/synthflux/solver/v1/SolveBatchRequest';
import type { SolveBatchResponse__Output } from '../../proto/generated/synthflux/solver/v1/SolveBatchResponse';
import type { InfoResponse__Output } from '../../proto/generated/synthflux/solver/v1/InfoResponse';

export type { SolverClient };
export { decodeFloat32LE, encodeFloat32LE, packSignalMap, unpackSignalMap } from './signal-map';
export type { SignalMapArray } from './signal-map';

/**
 * A full batch of maps is far bigger than gRPC's 4 MiB default receive limit; this matches the
 * server's default SOLVER_MAX_RESPONSE_MB (512) plus room for the message framing.
 */
export const DEFAULT_MAX_RECEIVE_BYTES = 544 * 1024 * 1024;

export interface SolverClientOptions {
  credentials?: grpc.ChannelCredentials;
  channelOptions?: grpc.ChannelOptions;
}

/** A SolverClient for `address` (host:port); insecure by default, as inside the cluster. */
export function createSolverClient(address: string, options: SolverClientOptions = {}): SolverClient {
  const { Solver } = loadSolverProto().synthflux.solver.v1;
  return new Solver(address, options.credentials ?? grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': DEFAULT_MAX_RECEIVE_BYTES,
    ...options.channelOptions,
  });
}

/** SolveBatch as a promise; rejects with the grpc ServiceError (read its `code`). */
export function solveBatch(client: SolverClient, request: SolveBatchRequest, callOptions: grpc.CallOptions = {}): Promise<SolveBatchResponse__Output> {
  return new Promise((resolve, reject) => {
    client.SolveBatch(request, callOptions, (err, response) => {
      if (err) reject(err);
      else if (!response) reject(new Error('SolveBatch returned no response'));
      else resolve(response);
    });
  });
}

/** Info as a promise. */
export function getSolverInfo(client: SolverClient, callOptions: grpc.CallOptions = {}): Promise<InfoResponse__Output> {
  return new Promise((resolve, reject) => {
    client.Info({}, callOptions, (err, response) => {
      if (err) reject(err);
      else if (!response) reject(new Error('Info returned no response'));
      else resolve(response);
    });
  });
}
