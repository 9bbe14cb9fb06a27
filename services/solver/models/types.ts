// What a physics model behind the solver contract is: the domain (defects, sensor grids, settings)
// lives in services/domain; this is the model's side of it.

import type { DefectCase, DefectType, ModelSettings, SensorGridSpec } from '../../domain/defect';

export interface ModelStats {
  dofs: number;
  iterations: number;
  residual: number;
}

export interface SignalMapResult {
  /** Row-major [channel(Bx, By, Bz), axial, circumferential], tesla. */
  data: Float32Array;
  stats: ModelStats;
}

/** A physics model. `solve` is synchronous CPU work; it throws SolveError when it cannot produce a map. */
export interface PhysicsModel {
  readonly name: string;
  readonly description: string;
  readonly meshes: readonly string[];
  readonly materials: readonly string[];
  /** Defect types the model solves; any other is refused per simulation as UNSUPPORTED. */
  readonly defectTypes: readonly DefectType[];
  /**
   * Issues with the material settings, each naming its field as the contract does
   * (settings.material, settings.bh_curve...). Models without it accept the names in `materials`
   * and no B-H table.
   */
  checkMaterial?(settings: Pick<ModelSettings, 'material' | 'bhCurve'>): string[];
  solve(defect: DefectCase, grid: SensorGridSpec, settings: ModelSettings): SignalMapResult;
}

export type SolveErrorReason = 'NOT_CONVERGED' | 'NON_FINITE' | 'UNSUPPORTED';

/** A simulation the model could not solve; reported per simulation, never as a map. */
export class SolveError extends Error {
  override readonly name = 'SolveError';
  constructor(
    readonly reason: SolveErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isSolveError(err: unknown): err is SolveError {
  return err instanceof SolveError;
}
