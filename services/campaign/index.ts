// Public API of the campaign module: spec parsing, deterministic expansion, simulation identity.
// Workflow code may import TYPES only from here (`import type`); the values use zod and node:crypto.
export type {
  AfterCampaign,
  BHCurveSpec,
  CampaignLimits,
  CampaignSpec,
  CampaignSpecResult,
  CategoricalParam,
  DefectClass,
  DefectClassQuotas,
  ListParam,
  MeshResolution,
  NumericParam,
  NumericParamName,
  ParamName,
  ParameterSpace,
  ParametricCampaignSpec,
  PointSamplerKind,
  RangeParam,
  SamplerKind,
  ScanCampaignSpec,
  ScanLibrary,
  ScanLibraryDefect,
  ScanParameterSpace,
  ScanTransform,
  ScanVariation,
  SensorGridSettings,
  SolverSettings,
  SpecIssue,
  VerificationSettings,
} from './types';
export {
  AS_SCANNED,
  DEFAULT_SENSOR_GRID,
  DEFECT_PROFILES,
  DEFECT_SIDES,
  KNOWN_MODELS,
  MAX_SCAN_LOSS_FRACTION,
  MAX_SIMULATIONS,
  MESH_RESOLUTIONS,
  NUMERIC_PARAMS,
  PARAMETER_ORDER,
  POINT_SAMPLERS,
  SAMPLERS,
  SCAN_SCALE_BOUNDS,
} from './constants';
export { CampaignSpecInputSchema, CampaignSpecSchema, type CampaignSpecInput } from './spec';
export { formatPath, loadCampaignSpec, parseCampaignSpec, parseCampaignSpecObject } from './parse';
export { CampaignSpecError, formatSpecIssues, isCampaignSpecError } from './errors';
export {
  PARAM_NAMES,
  campaignTotal,
  drawRange,
  drawSimulation,
  expandRange,
  expandSimulation,
  modelSettingsOf,
  sensorGridOf,
  toParamVector,
  type ExpansionInputs,
  type ParamColumn,
  type SimulationDraw,
} from './expand';
export { SCAN_AXIS_ORDER, scanDefectPosition, scanLibraryProblem, scanParams, type ScanDraw } from './scan';
export { MATERIALS_DIR, namedCurves, type MaterialSources } from './materials';
export { parseBHTableCsv, type BHRows, type BHRowsResult } from './bh-table-csv';
export { inVerificationSample, samplePosition } from './verification-sample';
export { DEFECT_CLASSES, DEFECT_CLASS_DEFINITIONS, classOfDimensions, defectClassOf, geometricParameterMm } from './defect-class';
export { canonicalJson, simulationContentHash, specHash, type SimulationIdentity } from './identity';
export { createPointSampler, samplePoint, type PointSampler, type SamplerConfig } from './samplers';
