// Original file: proto/synthflux/solver/v1/solver.proto

import type { BHCurve as _synthflux_solver_v1_BHCurve, BHCurve__Output as _synthflux_solver_v1_BHCurve__Output } from '../../../synthflux/solver/v1/BHCurve';

export interface SolverSettings {
  'model'?: (string);
  'mesh'?: (string);
  'material'?: (string);
  'bhCurve'?: (_synthflux_solver_v1_BHCurve | null);
}

export interface SolverSettings__Output {
  'model': (string);
  'mesh': (string);
  'material': (string);
  'bhCurve': (_synthflux_solver_v1_BHCurve__Output | null);
}
