// The campaign spec's vocabulary: allowed values, bounds and defaults. The default ranges are the
// seed talk's ranges (DESIGN.md "Physics of the reference solver"); the allowed bounds are wider
// but still physical, so a typo (140 % depth, 3000 kA/m) fails validation instead of a solver run.
import type { NumberBounds } from './spec-fields';
import type { AsScanned, NumericParamName, ParamName, SensorGridSettings } from './types';

/** Samplers of the parameter space (a unit-cube point per simulation). */
export const POINT_SAMPLERS = ['grid', 'uniform', 'latin-hypercube', 'sobol'] as const;
export const SAMPLERS = [...POINT_SAMPLERS, 'scan'] as const;
/** Physics models a spec may name; the solver pool reports which of them it actually serves. */
// `instant` returns zero maps without physics: for orchestration benchmarks only.
export const KNOWN_MODELS = ['dipole', 'fem', 'instant'] as const;
/** Models whose steel is a B-H curve (solver.material / solver.bhCurve); the others ignore curves. */
export const B_H_CURVE_MODELS = ['fem'] as const;
export const MESH_RESOLUTIONS = ['coarse', 'standard', 'fine'] as const;
export const DEFECT_SIDES = ['near', 'far'] as const;
export const DEFECT_PROFILES = ['rectangular', 'rounded'] as const;

/** Samplers named by DESIGN.md but not built yet, with what to say to a spec that asks for one. */
export const PLANNED_SAMPLERS: Record<string, string> = {
  table:
    `'table' is not supported yet (planned: explicit rows from a file in object storage); ` +
    `use one of ${SAMPLERS.join(', ')}`,
};

/** Keeps a library defect's own wall thickness or side in a scan campaign. */
export const AS_SCANNED: AsScanned = 'as-scanned';

/** Allowed scale factors of a scan variation (the defaults are 1: the defect as scanned). */
export const SCAN_SCALE_BOUNDS: Record<'lengthScale' | 'widthScale' | 'depthScale', NumberBounds> = {
  lengthScale: { min: 0.1, max: 10 },
  widthScale: { min: 0.1, max: 10 },
  depthScale: { min: 0.05, max: 5 },
};

/**
 * Deepest metal loss a scan variation may produce, as a fraction of the wall: cells scaled deeper
 * are cut to it, and the transform counts them (depthClippedCells). A cut keeps every draw a valid
 * defect whatever the library, so draw i stays a pure function of (spec, seed, i, library).
 */
export const MAX_SCAN_LOSS_FRACTION = 0.95;

/** Upper bound on simulations per campaign; catches runaway grids and typos, far above the seed talk's 594k. */
export const MAX_SIMULATIONS = 10_000_000;

export interface NumericParamInfo {
  unit: string;
  allowed: NumberBounds;
  defaultRange: { min: number; max: number };
}

export const NUMERIC_PARAMS: Record<NumericParamName, NumericParamInfo> = {
  backgroundField: { unit: 'kA/m', allowed: { min: 1, max: 200 }, defaultRange: { min: 10, max: 35 } },
  wallThickness: { unit: 'mm', allowed: { min: 1, max: 100 }, defaultRange: { min: 4, max: 30 } },
  defectLength: { unit: 'mm', allowed: { min: 0.5, max: 1000 }, defaultRange: { min: 4, max: 100 } },
  defectWidth: { unit: 'mm', allowed: { min: 0.5, max: 1000 }, defaultRange: { min: 4, max: 100 } },
  defectDepth: { unit: '% of wall', allowed: { min: 0, max: 100, minExclusive: true }, defaultRange: { min: 10, max: 95 } },
};

/**
 * Parameter order: the order of the sampler's dimensions (varying parameters only) and of the
 * params vector. Appending is safe; reordering changes every existing campaign's expansion.
 */
export const PARAMETER_ORDER: readonly ParamName[] = [
  'backgroundField',
  'wallThickness',
  'defectLength',
  'defectWidth',
  'defectDepth',
  'defectSide',
  'defectProfile',
];

export const NUMERIC_PARAM_NAMES = PARAMETER_ORDER.filter((n): n is NumericParamName => n in NUMERIC_PARAMS);

export const DEFAULT_SENSOR_GRID: SensorGridSettings = {
  liftOff: 2,
  axialPitch: 2,
  circumferentialPitch: 4,
  axialCount: 64,
  circumferentialCount: 32,
};

export const SENSOR_GRID_BOUNDS: Record<keyof SensorGridSettings, NumberBounds> = {
  liftOff: { min: 0, max: 50 },
  axialPitch: { min: 0, max: 50, minExclusive: true },
  circumferentialPitch: { min: 0, max: 50, minExclusive: true },
  axialCount: { min: 1, max: 512, integer: true },
  circumferentialCount: { min: 1, max: 512, integer: true },
};

/** Verification samples: at most a tenth of a campaign goes to the (slow) reference solver. */
export const VERIFICATION_FRACTION_BOUNDS: NumberBounds = { min: 0, max: 0.1, minExclusive: true };
/** A verification pool's name: what VERIFICATION_SOLVER_POOLS may call a pool. */
export const VERIFICATION_POOL_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const DEFAULTS = {
  seed: 0,
  mesh: 'standard',
  batchSize: 100,
  shardSize: 20,
  limits: { maxShardsInFlight: 4, maxBatchesInFlight: 8 },
  priority: 0,
  after: { gapCheck: false, refinement: false },
  /** The reference solves verification samples at the finest preset unless the spec says otherwise. */
  verificationMesh: 'fine',
} as const;
