// Original file: proto/synthflux/solver/v1/solver.proto

import type { Long } from '@grpc/proto-loader';

export interface SolverStats {
  'dofs'?: (number | string | Long);
  'iterations'?: (number);
  'residual'?: (number | string);
  'wallTimeMs'?: (number | string);
}

export interface SolverStats__Output {
  'dofs': (string);
  'iterations': (number);
  'residual': (number);
  'wallTimeMs': (number);
}
