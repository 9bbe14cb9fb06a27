// Original file: proto/synthflux/solver/v1/solver.proto

import type { SolverSettings as _synthflux_solver_v1_SolverSettings, SolverSettings__Output as _synthflux_solver_v1_SolverSettings__Output } from '../../../synthflux/solver/v1/SolverSettings';
import type { SensorGrid as _synthflux_solver_v1_SensorGrid, SensorGrid__Output as _synthflux_solver_v1_SensorGrid__Output } from '../../../synthflux/solver/v1/SensorGrid';
import type { SimulationSpec as _synthflux_solver_v1_SimulationSpec, SimulationSpec__Output as _synthflux_solver_v1_SimulationSpec__Output } from '../../../synthflux/solver/v1/SimulationSpec';

export interface SolveBatchRequest {
  'settings'?: (_synthflux_solver_v1_SolverSettings | null);
  'grid'?: (_synthflux_solver_v1_SensorGrid | null);
  'simulations'?: (_synthflux_solver_v1_SimulationSpec)[];
}

export interface SolveBatchRequest__Output {
  'settings': (_synthflux_solver_v1_SolverSettings__Output | null);
  'grid': (_synthflux_solver_v1_SensorGrid__Output | null);
  'simulations': (_synthflux_solver_v1_SimulationSpec__Output)[];
}
