import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoLoaderOptions, protoRoot } from '../../proto/load';
import type { ProtoGrpcType } from '../../proto/generated/subscriptions';
import type { ProtoGrpcType as ControlProtoGrpcType } from '../../proto/generated/control';

export const SUBSCRIPTIONS_PROTO = 'synthflux/subscriptions/v1/subscriptions.proto';

/** The subscription contract, loaded with the same flags the generated types were made with. */
export function loadSubscriptionsProto(): ProtoGrpcType {
  const definition = protoLoader.loadSync(path.join(protoRoot, SUBSCRIPTIONS_PROTO), { ...protoLoaderOptions, includeDirs: [protoRoot] });
  return grpc.loadPackageDefinition(definition) as unknown as ProtoGrpcType;
}

export const CONTROL_PROTO = 'synthflux/control/v1/control.proto';

/** The control contract (submit and steer campaigns), served beside Subscriptions. */
export function loadControlProto(): ControlProtoGrpcType {
  const definition = protoLoader.loadSync(path.join(protoRoot, CONTROL_PROTO), { ...protoLoaderOptions, includeDirs: [protoRoot] });
  return grpc.loadPackageDefinition(definition) as unknown as ControlProtoGrpcType;
}
