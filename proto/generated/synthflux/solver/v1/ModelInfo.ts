// Original file: proto/synthflux/solver/v1/solver.proto

import type { DefectProfile as _synthflux_solver_v1_DefectProfile, DefectProfile__Output as _synthflux_solver_v1_DefectProfile__Output } from '../../../synthflux/solver/v1/DefectProfile';

export interface ModelInfo {
  'name'?: (string);
  'description'?: (string);
  'meshes'?: (string)[];
  'materials'?: (string)[];
  'defectProfiles'?: (_synthflux_solver_v1_DefectProfile)[];
}

export interface ModelInfo__Output {
  'name': (string);
  'description': (string);
  'meshes': (string)[];
  'materials': (string)[];
  'defectProfiles': (_synthflux_solver_v1_DefectProfile__Output)[];
}
