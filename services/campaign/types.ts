// Plain types of the campaign contract. No runtime imports, so workflow code can `import type`
// from here (or from the barrel) without pulling zod or node:crypto into its bundle.
import type { BHCurveTable, DefectProfile, DefectSide } from '../domain/defect';
import type { DefectClass } from './defect-class';

export type { DefectClass } from './defect-class';

/** Share of the simulations per POF defect class (fractions summing to 1; absent classes get none). */
export type DefectClassQuotas = Partial<Record<DefectClass, number>>;

export type SamplerKind = 'grid' | 'uniform' | 'latin-hypercube' | 'sobol';
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

/** A validated campaign spec with every default filled in (what parseCampaignSpec returns). */
export interface CampaignSpec {
  name: string;
  /** Number of simulations; for the grid sampler, the product of the parameters' levels. */
  count: number;
  seed: number;
  sampler: SamplerKind;
  parameters: ParameterSpace;
  solver: SolverSettings;
  batchSize: number;
  /** Batches per shard (one child workflow per shard). */
  shardSize: number;
  limits: CampaignLimits;
  priority: number;
  after: AfterCampaign;
  /** Absent: no verification sample. */
  verification?: VerificationSettings;
  /** Absent: the classes fall where the parameter draws put them. */
  quotas?: DefectClassQuotas;
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
