import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as SolverProto } from './generated/solver';

// Must match the flags of `npm run generate:proto`, so the generated types describe what loads.
export const protoLoaderOptions: protoLoader.Options = {
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  keepCase: false,
};

export const protoRoot = __dirname;

export function loadSolverProto(): SolverProto {
  const definition = protoLoader.loadSync(path.join(protoRoot, 'synthflux/solver/v1/solver.proto'), {
    ...protoLoaderOptions,
    includeDirs: [protoRoot],
  });
  return grpc.loadPackageDefinition(definition) as unknown as SolverProto;
}
