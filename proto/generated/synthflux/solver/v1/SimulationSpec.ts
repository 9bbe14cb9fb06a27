// Original file: proto/synthflux/solver/v1/solver.proto

import type { DefectSide as _synthflux_solver_v1_DefectSide, DefectSide__Output as _synthflux_solver_v1_DefectSide__Output } from '../../../synthflux/solver/v1/DefectSide';
import type { DefectProfile as _synthflux_solver_v1_DefectProfile, DefectProfile__Output as _synthflux_solver_v1_DefectProfile__Output } from '../../../synthflux/solver/v1/DefectProfile';
import type { DepthMap as _synthflux_solver_v1_DepthMap, DepthMap__Output as _synthflux_solver_v1_DepthMap__Output } from '../../../synthflux/solver/v1/DepthMap';
import type { Long } from '@grpc/proto-loader';

export interface SimulationSpec {
  'index'?: (number | string | Long);
  'contentHash'?: (string);
  'backgroundFieldKaPerM'?: (number | string);
  'wallThicknessMm'?: (number | string);
  'defectLengthMm'?: (number | string);
  'defectWidthMm'?: (number | string);
  'defectDepthPercent'?: (number | string);
  'defectSide'?: (_synthflux_solver_v1_DefectSide);
  'defectProfile'?: (_synthflux_solver_v1_DefectProfile);
  'depthMap'?: (_synthflux_solver_v1_DepthMap | null);
}

export interface SimulationSpec__Output {
  'index': (string);
  'contentHash': (string);
  'backgroundFieldKaPerM': (number);
  'wallThicknessMm': (number);
  'defectLengthMm': (number);
  'defectWidthMm': (number);
  'defectDepthPercent': (number);
  'defectSide': (_synthflux_solver_v1_DefectSide__Output);
  'defectProfile': (_synthflux_solver_v1_DefectProfile__Output);
  'depthMap': (_synthflux_solver_v1_DepthMap__Output | null);
}
