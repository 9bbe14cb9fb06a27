// Original file: proto/synthflux/solver/v1/solver.proto


export interface SimulationError {
  'reason'?: (string);
  'message'?: (string);
}

export interface SimulationError__Output {
  'reason': (string);
  'message': (string);
}
