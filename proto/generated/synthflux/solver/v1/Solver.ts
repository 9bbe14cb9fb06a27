// Original file: proto/synthflux/solver/v1/solver.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { InfoRequest as _synthflux_solver_v1_InfoRequest, InfoRequest__Output as _synthflux_solver_v1_InfoRequest__Output } from '../../../synthflux/solver/v1/InfoRequest';
import type { InfoResponse as _synthflux_solver_v1_InfoResponse, InfoResponse__Output as _synthflux_solver_v1_InfoResponse__Output } from '../../../synthflux/solver/v1/InfoResponse';
import type { SolveBatchRequest as _synthflux_solver_v1_SolveBatchRequest, SolveBatchRequest__Output as _synthflux_solver_v1_SolveBatchRequest__Output } from '../../../synthflux/solver/v1/SolveBatchRequest';
import type { SolveBatchResponse as _synthflux_solver_v1_SolveBatchResponse, SolveBatchResponse__Output as _synthflux_solver_v1_SolveBatchResponse__Output } from '../../../synthflux/solver/v1/SolveBatchResponse';

export interface SolverClient extends grpc.Client {
  Info(argument: _synthflux_solver_v1_InfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_solver_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  Info(argument: _synthflux_solver_v1_InfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_solver_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  Info(argument: _synthflux_solver_v1_InfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_solver_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  Info(argument: _synthflux_solver_v1_InfoRequest, callback: grpc.requestCallback<_synthflux_solver_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  info(argument: _synthflux_solver_v1_InfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_solver_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  info(argument: _synthflux_solver_v1_InfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_solver_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  info(argument: _synthflux_solver_v1_InfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_solver_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  info(argument: _synthflux_solver_v1_InfoRequest, callback: grpc.requestCallback<_synthflux_solver_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  
  SolveBatch(argument: _synthflux_solver_v1_SolveBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_solver_v1_SolveBatchResponse__Output>): grpc.ClientUnaryCall;
  SolveBatch(argument: _synthflux_solver_v1_SolveBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_solver_v1_SolveBatchResponse__Output>): grpc.ClientUnaryCall;
  SolveBatch(argument: _synthflux_solver_v1_SolveBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_solver_v1_SolveBatchResponse__Output>): grpc.ClientUnaryCall;
  SolveBatch(argument: _synthflux_solver_v1_SolveBatchRequest, callback: grpc.requestCallback<_synthflux_solver_v1_SolveBatchResponse__Output>): grpc.ClientUnaryCall;
  solveBatch(argument: _synthflux_solver_v1_SolveBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_solver_v1_SolveBatchResponse__Output>): grpc.ClientUnaryCall;
  solveBatch(argument: _synthflux_solver_v1_SolveBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_solver_v1_SolveBatchResponse__Output>): grpc.ClientUnaryCall;
  solveBatch(argument: _synthflux_solver_v1_SolveBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_solver_v1_SolveBatchResponse__Output>): grpc.ClientUnaryCall;
  solveBatch(argument: _synthflux_solver_v1_SolveBatchRequest, callback: grpc.requestCallback<_synthflux_solver_v1_SolveBatchResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface SolverHandlers extends grpc.UntypedServiceImplementation {
  Info: grpc.handleUnaryCall<_synthflux_solver_v1_InfoRequest__Output, _synthflux_solver_v1_InfoResponse>;
  
  SolveBatch: grpc.handleUnaryCall<_synthflux_solver_v1_SolveBatchRequest__Output, _synthflux_solver_v1_SolveBatchResponse>;
  
}

export interface SolverDefinition extends grpc.ServiceDefinition {
  Info: MethodDefinition<_synthflux_solver_v1_InfoRequest, _synthflux_solver_v1_InfoResponse, _synthflux_solver_v1_InfoRequest__Output, _synthflux_solver_v1_InfoResponse__Output>
  SolveBatch: MethodDefinition<_synthflux_solver_v1_SolveBatchRequest, _synthflux_solver_v1_SolveBatchResponse, _synthflux_solver_v1_SolveBatchRequest__Output, _synthflux_solver_v1_SolveBatchResponse__Output>
}
