// A valid SolveBatch request as the server receives it (proto-loader output with defaults).

import type { SolveBatchRequest__Output } from '../../../proto/generated/synthflux/solver/v1/SolveBatchRequest';
import type { SimulationSpec__Output } from '../../../proto/generated/synthflux/solver/v1/SimulationSpec';

export function simulationSpec(index: number, overrides: Partial<SimulationSpec__Output> = {}): SimulationSpec__Output {
  return {
    index: String(index),
    contentHash: `hash-${index}`,
    backgroundFieldKaPerM: 20,
    wallThicknessMm: 10,
    defectLengthMm: 30,
    defectWidthMm: 20,
    defectDepthPercent: 40,
    defectSide: 'DEFECT_SIDE_NEAR',
    defectProfile: 'DEFECT_PROFILE_RECTANGULAR',
    depthMap: null,
    ...overrides,
  };
}

export function validRequest(count = 4): SolveBatchRequest__Output {
  return {
    settings: { model: 'dipole', mesh: '', material: '', bhCurve: null },
    grid: { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 2, axialCount: 64, circumferentialCount: 32 },
    simulations: Array.from({ length: count }, (_, i) => simulationSpec(i)),
  };
}

export const limits = { maxBatch: 10, maxSensorPoints: 4096, maxResponseBytes: 64 * 1024 * 1024 };
