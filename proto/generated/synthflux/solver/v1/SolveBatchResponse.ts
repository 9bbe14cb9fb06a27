// Original file: proto/synthflux/solver/v1/solver.proto

import type { SimulationResult as _synthflux_solver_v1_SimulationResult, SimulationResult__Output as _synthflux_solver_v1_SimulationResult__Output } from '../../../synthflux/solver/v1/SimulationResult';

export interface SolveBatchResponse {
  'solverName'?: (string);
  'solverVersion'?: (string);
  'results'?: (_synthflux_solver_v1_SimulationResult)[];
}

export interface SolveBatchResponse__Output {
  'solverName': (string);
  'solverVersion': (string);
  'results': (_synthflux_solver_v1_SimulationResult__Output)[];
}
