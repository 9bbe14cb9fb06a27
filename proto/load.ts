import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as SolverProto } from './generated/solver';
import type { ProtoGrpcType as SubscriptionsProto } from './generated/subscriptions';
import type { ProtoGrpcType as ControlProto } from './generated/control';

// Must match the flags of `npm run generate:proto`, so the generated types describe what loads.
export const protoLoaderOptions: protoLoader.Options = {
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  keepCase: false,
};

export const protoRoot = __dirname;

export const SOLVER_PROTO = 'synthflux/solver/v1/solver.proto';
export const SUBSCRIPTIONS_PROTO = 'synthflux/subscriptions/v1/subscriptions.proto';
export const CONTROL_PROTO = 'synthflux/control/v1/control.proto';

/** Loads one contract under proto/ with the same flags the generated types were made with. */
function loadProto<T>(file: string): T {
  const definition = protoLoader.loadSync(path.join(protoRoot, file), { ...protoLoaderOptions, includeDirs: [protoRoot] });
  return grpc.loadPackageDefinition(definition) as unknown as T;
}

export const loadSolverProto = (): SolverProto => loadProto<SolverProto>(SOLVER_PROTO);

/** The subscription contract. */
export const loadSubscriptionsProto = (): SubscriptionsProto => loadProto<SubscriptionsProto>(SUBSCRIPTIONS_PROTO);

/** The control contract (submit and steer campaigns), served beside Subscriptions. */
export const loadControlProto = (): ControlProto => loadProto<ControlProto>(CONTROL_PROTO);
