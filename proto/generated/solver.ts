import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { BHCurve as _synthflux_solver_v1_BHCurve, BHCurve__Output as _synthflux_solver_v1_BHCurve__Output } from './synthflux/solver/v1/BHCurve';
import type { DepthMap as _synthflux_solver_v1_DepthMap, DepthMap__Output as _synthflux_solver_v1_DepthMap__Output } from './synthflux/solver/v1/DepthMap';
import type { InfoRequest as _synthflux_solver_v1_InfoRequest, InfoRequest__Output as _synthflux_solver_v1_InfoRequest__Output } from './synthflux/solver/v1/InfoRequest';
import type { InfoResponse as _synthflux_solver_v1_InfoResponse, InfoResponse__Output as _synthflux_solver_v1_InfoResponse__Output } from './synthflux/solver/v1/InfoResponse';
import type { ModelInfo as _synthflux_solver_v1_ModelInfo, ModelInfo__Output as _synthflux_solver_v1_ModelInfo__Output } from './synthflux/solver/v1/ModelInfo';
import type { SensorGrid as _synthflux_solver_v1_SensorGrid, SensorGrid__Output as _synthflux_solver_v1_SensorGrid__Output } from './synthflux/solver/v1/SensorGrid';
import type { SignalMap as _synthflux_solver_v1_SignalMap, SignalMap__Output as _synthflux_solver_v1_SignalMap__Output } from './synthflux/solver/v1/SignalMap';
import type { SimulationError as _synthflux_solver_v1_SimulationError, SimulationError__Output as _synthflux_solver_v1_SimulationError__Output } from './synthflux/solver/v1/SimulationError';
import type { SimulationResult as _synthflux_solver_v1_SimulationResult, SimulationResult__Output as _synthflux_solver_v1_SimulationResult__Output } from './synthflux/solver/v1/SimulationResult';
import type { SimulationSpec as _synthflux_solver_v1_SimulationSpec, SimulationSpec__Output as _synthflux_solver_v1_SimulationSpec__Output } from './synthflux/solver/v1/SimulationSpec';
import type { SolveBatchRequest as _synthflux_solver_v1_SolveBatchRequest, SolveBatchRequest__Output as _synthflux_solver_v1_SolveBatchRequest__Output } from './synthflux/solver/v1/SolveBatchRequest';
import type { SolveBatchResponse as _synthflux_solver_v1_SolveBatchResponse, SolveBatchResponse__Output as _synthflux_solver_v1_SolveBatchResponse__Output } from './synthflux/solver/v1/SolveBatchResponse';
import type { SolverClient as _synthflux_solver_v1_SolverClient, SolverDefinition as _synthflux_solver_v1_SolverDefinition } from './synthflux/solver/v1/Solver';
import type { SolverLimits as _synthflux_solver_v1_SolverLimits, SolverLimits__Output as _synthflux_solver_v1_SolverLimits__Output } from './synthflux/solver/v1/SolverLimits';
import type { SolverSettings as _synthflux_solver_v1_SolverSettings, SolverSettings__Output as _synthflux_solver_v1_SolverSettings__Output } from './synthflux/solver/v1/SolverSettings';
import type { SolverStats as _synthflux_solver_v1_SolverStats, SolverStats__Output as _synthflux_solver_v1_SolverStats__Output } from './synthflux/solver/v1/SolverStats';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  synthflux: {
    solver: {
      v1: {
        BHCurve: MessageTypeDefinition<_synthflux_solver_v1_BHCurve, _synthflux_solver_v1_BHCurve__Output>
        DefectProfile: EnumTypeDefinition
        DefectSide: EnumTypeDefinition
        DepthMap: MessageTypeDefinition<_synthflux_solver_v1_DepthMap, _synthflux_solver_v1_DepthMap__Output>
        InfoRequest: MessageTypeDefinition<_synthflux_solver_v1_InfoRequest, _synthflux_solver_v1_InfoRequest__Output>
        InfoResponse: MessageTypeDefinition<_synthflux_solver_v1_InfoResponse, _synthflux_solver_v1_InfoResponse__Output>
        ModelInfo: MessageTypeDefinition<_synthflux_solver_v1_ModelInfo, _synthflux_solver_v1_ModelInfo__Output>
        SensorGrid: MessageTypeDefinition<_synthflux_solver_v1_SensorGrid, _synthflux_solver_v1_SensorGrid__Output>
        SignalMap: MessageTypeDefinition<_synthflux_solver_v1_SignalMap, _synthflux_solver_v1_SignalMap__Output>
        SimulationError: MessageTypeDefinition<_synthflux_solver_v1_SimulationError, _synthflux_solver_v1_SimulationError__Output>
        SimulationResult: MessageTypeDefinition<_synthflux_solver_v1_SimulationResult, _synthflux_solver_v1_SimulationResult__Output>
        SimulationSpec: MessageTypeDefinition<_synthflux_solver_v1_SimulationSpec, _synthflux_solver_v1_SimulationSpec__Output>
        SolveBatchRequest: MessageTypeDefinition<_synthflux_solver_v1_SolveBatchRequest, _synthflux_solver_v1_SolveBatchRequest__Output>
        SolveBatchResponse: MessageTypeDefinition<_synthflux_solver_v1_SolveBatchResponse, _synthflux_solver_v1_SolveBatchResponse__Output>
        Solver: SubtypeConstructor<typeof grpc.Client, _synthflux_solver_v1_SolverClient> & { service: _synthflux_solver_v1_SolverDefinition }
        SolverLimits: MessageTypeDefinition<_synthflux_solver_v1_SolverLimits, _synthflux_solver_v1_SolverLimits__Output>
        SolverSettings: MessageTypeDefinition<_synthflux_solver_v1_SolverSettings, _synthflux_solver_v1_SolverSettings__Output>
        SolverStats: MessageTypeDefinition<_synthflux_solver_v1_SolverStats, _synthflux_solver_v1_SolverStats__Output>
      }
    }
  }
}

