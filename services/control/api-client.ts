// A typed client for the API service's Control contract (proto/synthflux/control/v1/control.proto).
// Calls carry the token in per-call metadata: authMetadata(token) from services/consumer/client.

import * as grpc from '@grpc/grpc-js';
import type { ControlClient } from '../../proto/generated/synthflux/control/v1/Control';
import { loadControlProto } from '../../proto/load';

export type { ControlClient };

export function createControlClient(address: string, options: { credentials?: grpc.ChannelCredentials; channelOptions?: grpc.ChannelOptions } = {}): ControlClient {
  const { Control } = loadControlProto().synthflux.control.v1;
  return new Control(address, options.credentials ?? grpc.credentials.createInsecure(), options.channelOptions ?? {});
}
