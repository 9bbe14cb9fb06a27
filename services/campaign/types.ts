// Plain types of the campaign contract. No runtime imports, so workflow code can `import type`
// from here (or from the barrel) without pulling zod or node:crypto into its bundle.
import type { BHCurveTable, DefectProfile, DefectSide, DepthMapGrid, SensorGridSpec } from '../domain/defect';
import type { DefectClass } from './defect-class';

export type { DefectClass } from './defect-class';

/** Share of the simulations per POF defect class (fractions summing to 1; absent classes get none). */
export type DefectClassQuotas = Partial<Record<DefectClass, number>>;

/** Samplers that draw a point of the unit cube per simulation and map it onto the parameter space. */
export type PointSamplerKind = 'grid' | 'uniform' | 'latin-hypercube' | 'sobol';
/** `scan` draws a defect from a scan library and a variation of it (scan.ts). */
export type SamplerKind = PointSamplerKind | 'scan';
export type MeshResolution = 'coarse' | 'standard' | 'fine';

/** A continuous interval. `steps` (levels from min to max inclusive) is used by the grid sampler only. */
export interface RangeParam {
  min: number;
  max: number;
  steps?: number;
}

/** An explicit list: enumerated by the grid sampler, picked uniformly by the others. */
export interface ListParam<T> {
  values: T[];
}

/** A numeric parameter: a fixed value, a range or a list. */
export type NumericParam = number | RangeParam | ListParam<number>;
/** A categorical parameter: a fixed value or a list. */
export type CategoricalParam<T extends string> = T | ListParam<T>;

/** The parameter space; after parsing every parameter is present (missing ones take their defaults). */
export interface ParameterSpace {
  /** Background magnetizing field H0, kA/m. */
  backgroundField: NumericParam;
  /** Pipe wall thickness t, mm. */
  wallThickness: NumericParam;
  /** Defect extent along the pipe axis, mm. */
  defectLength: NumericParam;
  /** Defect extent around the circumference, mm. */
  defectWidth: NumericParam;
  /** Defect depth, % of the wall thickness. */
  defectDepth: NumericParam;
  defectSide: CategoricalParam<DefectSide>;
  defectProfile: CategoricalParam<DefectProfile>;
}

export type NumericParamName = 'backgroundField' | 'wallThickness' | 'defectLength' | 'defectWidth' | 'defectDepth';
export type ParamName = keyof ParameterSpace;

/** Sensor grid of the spec, mm; counts are sensors along each direction. */
export interface SensorGridSettings {
  liftOff: number;
  axialPitch: number;
  circumferentialPitch: number;
  axialCount: number;
  circumferentialCount: number;
}

/** A B-H curve in a parsed spec: its rows, their content hash, and where they were read from. */
export interface BHCurveSpec extends BHCurveTable {
  /** The file the rows came from (materials/x52.csv, or a table path as the spec wrote it). */
  source?: string;
}

export interface SolverSettings {
  model: string;
  mesh: MeshResolution;
  /** Material name: a curve's name (then bhCurve holds its rows), linear-<mu_r>, or a model's own name. */
  material?: string;
  /** The steel's B-H curve, resolved from materials/ or a table file when the spec was parsed. */
  bhCurve?: BHCurveSpec;
  sensorGrid: SensorGridSettings;
}

export interface CampaignLimits {
  maxShardsInFlight: number;
  maxBatchesInFlight: number;
}

export interface AfterCampaign {
  gapCheck: boolean;
  refinement: boolean;
  /** Default: pix2pix with field verifications, else SimGAN. */
  method?: 'simgan' | 'pix2pix' | 'autoencoder';
  /** A field verification campaign: paired refiners train on its pairs; gap checks test on its held-out defects. */
  fieldVerifications?: string;
}

/**
 * A verification sample: the simulations whose content hash falls below `fraction` are solved again
 * by the worker's verification pool `pool` (VERIFICATION_SOLVER_POOLS) at mesh `mesh`, and the
 * agreement of the two maps is cataloged.
 */
export interface VerificationSettings {
  /** Share of the simulations sampled, 0 < fraction <= 0.1. */
  fraction: number;
  /** Name of a reference solver pool configured in the workers. */
  pool: string;
  /** The mesh preset the reference solves at. */
  mesh: MeshResolution;
}

interface CampaignSpecBase {
  name: string;
  /** Number of simulations; for the grid sampler, the product of the parameters' levels. */
  count: number;
  seed: number;
  solver: SolverSettings;
  batchSize: number;
  /** Batches per shard (one child workflow per shard). */
  shardSize: number;
  limits: CampaignLimits;
  priority: number;
  after: AfterCampaign;
  /** Absent: no verification sample. */
  verification?: VerificationSettings;
  /** Absent: the classes fall where the draws put them. Never set on a scan campaign. */
  quotas?: DefectClassQuotas;
}

/** A campaign of parametric defects: a point sampler over the parameter space. */
export interface ParametricCampaignSpec extends CampaignSpecBase {
  sampler: PointSamplerKind;
  parameters: ParameterSpace;
}

/** A campaign of scanned defects from a library, each varied (scan.ts). */
export interface ScanCampaignSpec extends CampaignSpecBase {
  sampler: 'scan';
  parameters: ScanParameterSpace;
  scan: ScanVariation;
}

/** A validated campaign spec with every default filled in (what parseCampaignSpec returns). */
export type CampaignSpec = ParametricCampaignSpec | ScanCampaignSpec;

/** A scan campaign keeps a library defect's own wall or side with this value. */
export type AsScanned = 'as-scanned';

/** The physics of a scan campaign; the geometry comes from the library defect and `scan`. */
export interface ScanParameterSpace {
  /** Background magnetizing field H0, kA/m. */
  backgroundField: NumericParam;
  /** Wall thickness t, mm, or each defect's scanned wall. Depths scale by t / t_scanned. */
  wallThickness: NumericParam | AsScanned;
  defectSide: CategoricalParam<DefectSide> | AsScanned;
}

/**
 * How each library defect is varied. Scales multiply the scanned map's pitches (length: axial,
 * width: circumferential) and its depths; probabilities are 0 (never) to 1 (always).
 */
export interface ScanVariation {
  /** The scan library's name, as imported. */
  library: string;
  /** When set, expansion refuses a library whose content hash differs (the campaign pins its library). */
  libraryContentHash?: string;
  lengthScale: NumericParam;
  widthScale: NumericParam;
  /** Multiplies the metal-loss fraction of the wall (so depth scales by depthScale x t / t_scanned). */
  depthScale: NumericParam;
  /** Probability of mirroring across x = 0 (axial: the axis direction reversed) and y = 0 (circumferential). */
  mirror: { axial: number; circumferential: number };
  /** Probability of a 180 degree turn about the defect's centre. */
  rotate180: number;
  /**
   * Field verifications: simulation k is the k-th defect (id order) that has a measured map,
   * as scanned and at the field it was measured at; no variation. Present only when true.
   */
  fieldVerifications?: true;
}

/** One defect of a scan library: a measured depth map and the wall it was measured in. */
export interface ScanLibraryDefect {
  id: string;
  /** Content hash of the defect (its depths, pitch, wall and side), as the library catalogs it. */
  contentHash: string;
  depthMap: DepthMapGrid;
  wallThicknessMm: number;
  side: DefectSide;
  /** The defect's measured map's conditions, when it has one (field verification campaigns need them). */
  measured?: { sensorGrid: SensorGridSpec; backgroundFieldKAPerM?: number };
}

/** A loaded scan library: what a scan campaign's expansion draws from. */
export interface ScanLibrary {
  name: string;
  contentHash: string;
  /** Generated by synthflux (a STAND-IN), not laser scans; every row drawn from it says so. */
  standIn: boolean;
  defects: ScanLibraryDefect[];
}

/** What was done to the library defect to make one scan simulation (recorded in its catalog row). */
export interface ScanTransform {
  library: string;
  libraryContentHash: string;
  libraryStandIn: boolean;
  defectId: string;
  defectContentHash: string;
  lengthScale: number;
  widthScale: number;
  depthScale: number;
  /** The factor the scanned depths were multiplied by: depthScale x wall / scanned wall. */
  depthFactor: number;
  mirrorAxial: boolean;
  mirrorCircumferential: boolean;
  rotated180: boolean;
  scannedSide: DefectSide;
  side: DefectSide;
  scannedWallThicknessMm: number;
  wallThicknessMm: number;
  backgroundFieldKAPerM: number;
  /** Cells whose scaled depth exceeded MAX_SCAN_LOSS_FRACTION of the wall and were cut to it (0 normally). */
  depthClippedCells: number;
}

/** One problem found in a spec: `path` is dotted (`parameters.defectDepth.max`); '' is the whole document. */
export interface SpecIssue {
  path: string;
  message: string;
  /** 1-based position in the YAML source, when the spec came from text and the path can be located. */
  line?: number;
  column?: number;
}

export type CampaignSpecResult = { ok: true; spec: CampaignSpec } | { ok: false; errors: SpecIssue[] };
