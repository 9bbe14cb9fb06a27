// Domain types shared by every physics model behind the solver contract.
//
// Coordinates (all models): x runs along the pipe axis (the magnetizing direction), y runs
// circumferentially, z is normal to the wall and points from the wall towards the sensors.
// The near surface of the wall (the one the sensors face) is z = 0; the wall fills
// -t <= z <= 0. The defect is centred at x = y = 0. Sensors sit at z = liftOff on a regular grid
// centred on x = y = 0. Channels are Bx, By, Bz in tesla.

export type DefectSide = 'near' | 'far';
export type DefectProfile = 'rectangular' | 'rounded';

/** One simulation's physics and defect parameters, in the units of each name. */
export interface DefectCase {
  backgroundFieldKAPerM: number;
  wallThicknessMm: number;
  defectLengthMm: number;
  defectWidthMm: number;
  /** Depth as a percentage of the wall thickness. */
  defectDepthPercent: number;
  side: DefectSide;
  profile: DefectProfile;
}

export interface SensorGridSpec {
  liftOffMm: number;
  axialPitchMm: number;
  circumferentialPitchMm: number;
  axialCount: number;
  circumferentialCount: number;
}

/** A steel's B-H curve as a table of rows (H A/m, B T); see models/fem/README.md for its meaning. */
export interface BHCurveTable {
  name: string;
  /** sha256 hex of the rows (bhCurveSha256); a simulation's identity holds it, never the name. */
  sha256: string;
  hAPerM: number[];
  bT: number[];
}

export interface ModelSettings {
  /** Mesh preset for mesh-based models; ignored by analytic ones. */
  mesh: 'coarse' | 'standard' | 'fine';
  /** B-H curve name for nonlinear models; undefined means the model's default. */
  material?: string;
  /** The B-H curve as a table; when set, `material` is undefined or this curve's name. */
  bhCurve?: BHCurveTable;
}

export const SIGNAL_CHANNELS = ['Bx', 'By', 'Bz'] as const;
export const SIGNAL_UNITS = 'T';

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
