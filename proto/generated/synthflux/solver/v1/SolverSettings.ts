// Original file: proto/synthflux/solver/v1/solver.proto


export interface SolverSettings {
  'model'?: (string);
  'mesh'?: (string);
  'material'?: (string);
}

export interface SolverSettings__Output {
  'model': (string);
  'mesh': (string);
  'material': (string);
}
