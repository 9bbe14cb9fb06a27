// Original file: proto/synthflux/solver/v1/solver.proto


export interface SolverLimits {
  'maxBatchSize'?: (number);
  'maxConcurrentRequests'?: (number);
  'maxSensorPoints'?: (number);
}

export interface SolverLimits__Output {
  'maxBatchSize': (number);
  'maxConcurrentRequests': (number);
  'maxSensorPoints': (number);
}
