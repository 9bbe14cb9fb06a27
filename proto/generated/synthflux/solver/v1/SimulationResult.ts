// Original file: proto/synthflux/solver/v1/solver.proto

import type { SignalMap as _synthflux_solver_v1_SignalMap, SignalMap__Output as _synthflux_solver_v1_SignalMap__Output } from '../../../synthflux/solver/v1/SignalMap';
import type { SimulationError as _synthflux_solver_v1_SimulationError, SimulationError__Output as _synthflux_solver_v1_SimulationError__Output } from '../../../synthflux/solver/v1/SimulationError';
import type { SolverStats as _synthflux_solver_v1_SolverStats, SolverStats__Output as _synthflux_solver_v1_SolverStats__Output } from '../../../synthflux/solver/v1/SolverStats';
import type { Long } from '@grpc/proto-loader';

export interface SimulationResult {
  'index'?: (number | string | Long);
  'contentHash'?: (string);
  'signalMap'?: (_synthflux_solver_v1_SignalMap | null);
  'error'?: (_synthflux_solver_v1_SimulationError | null);
  'stats'?: (_synthflux_solver_v1_SolverStats | null);
  'outcome'?: "signalMap"|"error";
}

export interface SimulationResult__Output {
  'index': (string);
  'contentHash': (string);
  'signalMap'?: (_synthflux_solver_v1_SignalMap__Output | null);
  'error'?: (_synthflux_solver_v1_SimulationError__Output | null);
  'stats': (_synthflux_solver_v1_SolverStats__Output | null);
  'outcome'?: "signalMap"|"error";
}
