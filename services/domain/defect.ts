// The campaign domain: what one simulation is (a defect in a wall, a background field) and where
// its signal map is read (the sensor grid). Campaigns, workers, ML jobs, the CLI and every physics
// model behind the solver contract share these types; nothing here depends on a service.
//
// Coordinates: x runs along the pipe axis (the magnetizing direction), y runs circumferentially, z
// is normal to the wall and points from the wall towards the sensors. The near surface of the wall
// (the one the sensors face) is z = 0; the wall fills -t <= z <= 0. The defect is centred at
// x = y = 0. Sensors sit at z = liftOff on a regular grid centred on x = y = 0. Channels are Bx, By,
// Bz in tesla.

export type DefectSide = 'near' | 'far';
/** Shapes given by length, width and depth; a campaign parameter draws among them. */
export type DefectProfile = 'rectangular' | 'rounded';
/** Every defect type a simulation may carry: the parametric profiles and measured depth maps. */
export type DefectType = DefectProfile | 'depth-map';
export const DEFECT_TYPES: readonly DefectType[] = ['rectangular', 'rounded', 'depth-map'];

/**
 * Metal loss as a grid of depths (mm, >= 0, below the wall thickness) on a regular axial x
 * circumferential pitch, centred on x = y = 0: cell (i, j) covers
 * x in [(i - n_a/2) p_a, (i + 1 - n_a/2) p_a], y in [(j - n_c/2) p_c, (j + 1 - n_c/2) p_c], and the
 * depth is constant over the cell (a laser scan's pixel). Row-major [axial][circumferential].
 */
export interface DepthMapGrid {
  axialPitchMm: number;
  circumferentialPitchMm: number;
  axialCount: number;
  circumferentialCount: number;
  depthsMm: ArrayLike<number>;
}

/**
 * The largest depth map anything in synthflux takes, per axis: 512 x 512 cells is a 0.5 m x 0.5 m
 * scan at 1 mm pitch (libraries, the solver contract and the FEM model check it).
 */
export const DEPTH_MAP_LIMITS = { maxAxialCount: 512, maxCircumferentialCount: 512 } as const;

interface DefectBase {
  backgroundFieldKAPerM: number;
  wallThicknessMm: number;
  /** Extent along the axis (mm); for a depth map, of the cells with metal loss. */
  defectLengthMm: number;
  /** Circumferential extent (mm); for a depth map, of the cells with metal loss. */
  defectWidthMm: number;
  /** Depth as a percentage of the wall thickness; for a depth map, its deepest cell. */
  defectDepthPercent: number;
  side: DefectSide;
}

export interface ParametricDefectCase extends DefectBase {
  profile: DefectProfile;
}

export interface DepthMapDefectCase extends DefectBase {
  profile: 'depth-map';
  depthMap: DepthMapGrid;
}

/** One simulation's physics and defect parameters, in the units of each name. */
export type DefectCase = ParametricDefectCase | DepthMapDefectCase;

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
