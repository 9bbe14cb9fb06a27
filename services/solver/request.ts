// Domain values -> the SolveBatch request of the solver contract. The one place this mapping lives.

import type { SolveBatchRequest } from '../../proto/generated/synthflux/solver/v1/SolveBatchRequest';
import type { SimulationSpec } from '../../proto/generated/synthflux/solver/v1/SimulationSpec';
import type { DefectCase, ModelSettings, SensorGridSpec } from '../domain/defect';

/** The contract's DefectProfile value of each defect type. */
export const PROFILE_VALUES = { rectangular: 'DEFECT_PROFILE_RECTANGULAR', rounded: 'DEFECT_PROFILE_ROUNDED', 'depth-map': 'DEFECT_PROFILE_DEPTH_MAP' } as const;

export function toSimulationSpec(index: number, defect: DefectCase): SimulationSpec {
  return {
    index: String(index),
    backgroundFieldKaPerM: defect.backgroundFieldKAPerM,
    wallThicknessMm: defect.wallThicknessMm,
    defectLengthMm: defect.defectLengthMm,
    defectWidthMm: defect.defectWidthMm,
    defectDepthPercent: defect.defectDepthPercent,
    defectSide: defect.side === 'near' ? 'DEFECT_SIDE_NEAR' : 'DEFECT_SIDE_FAR',
    defectProfile: PROFILE_VALUES[defect.profile],
    ...(defect.profile === 'depth-map'
      ? {
          depthMap: {
            axialPitchMm: defect.depthMap.axialPitchMm,
            circumferentialPitchMm: defect.depthMap.circumferentialPitchMm,
            axialCount: defect.depthMap.axialCount,
            circumferentialCount: defect.depthMap.circumferentialCount,
            depthsMm: Array.from(defect.depthMap.depthsMm),
          },
        }
      : {}),
  };
}

export function solveBatchRequest(
  model: string,
  settings: ModelSettings,
  grid: SensorGridSpec,
  simulations: { index: number; defect: DefectCase }[],
): SolveBatchRequest {
  return {
    settings: { model, mesh: settings.mesh, material: settings.material ?? '', ...(settings.bhCurve ? { bhCurve: settings.bhCurve } : {}) },
    grid: {
      liftOffMm: grid.liftOffMm,
      axialPitchMm: grid.axialPitchMm,
      circumferentialPitchMm: grid.circumferentialPitchMm,
      axialCount: grid.axialCount,
      circumferentialCount: grid.circumferentialCount,
    },
    simulations: simulations.map((s) => toSimulationSpec(s.index, s.defect)),
  };
}
