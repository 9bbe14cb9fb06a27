// Original file: proto/synthflux/solver/v1/solver.proto

import type { ModelInfo as _synthflux_solver_v1_ModelInfo, ModelInfo__Output as _synthflux_solver_v1_ModelInfo__Output } from '../../../synthflux/solver/v1/ModelInfo';
import type { SolverLimits as _synthflux_solver_v1_SolverLimits, SolverLimits__Output as _synthflux_solver_v1_SolverLimits__Output } from '../../../synthflux/solver/v1/SolverLimits';

export interface InfoResponse {
  'name'?: (string);
  'version'?: (string);
  'models'?: (_synthflux_solver_v1_ModelInfo)[];
  'limits'?: (_synthflux_solver_v1_SolverLimits | null);
}

export interface InfoResponse__Output {
  'name': (string);
  'version': (string);
  'models': (_synthflux_solver_v1_ModelInfo__Output)[];
  'limits': (_synthflux_solver_v1_SolverLimits__Output | null);
}
