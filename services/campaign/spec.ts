// The campaign spec schema (DESIGN.md "Contracts: Campaign spec"). Parsing fills every default,
// so the parsed spec is complete: what runs, what is hashed and what is shown are the same thing.
import { z } from 'zod';
import {
  DEFAULT_SENSOR_GRID,
  DEFAULTS,
  KNOWN_MODELS,
  MAX_SIMULATIONS,
  MESH_RESOLUTIONS,
  PLANNED_SAMPLERS,
  SAMPLERS,
  SENSOR_GRID_BOUNDS,
} from './constants';
import { boundedNumber, expected, flag, oneOf, strictObject } from './spec-fields';
import { ParametersSchema, resolveParameters } from './spec-parameters';
import { gridSize, parameterAxes } from './space';
import { crossFieldIssues } from './spec-rules';
import type { CampaignSpec, ParameterSpace } from './types';

export type { CampaignSpec } from './types';

const NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const NAME_TEXT = 'lowercase letters, digits and dashes, starting with a letter or digit, at most 63 characters';

const grid = SENSOR_GRID_BOUNDS;
const SensorGridSchema = strictObject({
  liftOff: boundedNumber(grid.liftOff).default(DEFAULT_SENSOR_GRID.liftOff),
  axialPitch: boundedNumber(grid.axialPitch).default(DEFAULT_SENSOR_GRID.axialPitch),
  circumferentialPitch: boundedNumber(grid.circumferentialPitch).default(DEFAULT_SENSOR_GRID.circumferentialPitch),
  axialCount: boundedNumber(grid.axialCount).default(DEFAULT_SENSOR_GRID.axialCount),
  circumferentialCount: boundedNumber(grid.circumferentialCount).default(DEFAULT_SENSOR_GRID.circumferentialCount),
});

const SolverSchema = strictObject({
  model: oneOf(KNOWN_MODELS),
  mesh: oneOf(MESH_RESOLUTIONS).default(DEFAULTS.mesh),
  material: z
    .string({ error: (iss) => expected('a material name (text)', iss.input) })
    .regex(/^\S{1,64}$/, { error: (iss) => expected('1 to 64 characters without spaces', iss.input) })
    .optional(),
  sensorGrid: SensorGridSchema.default({ ...DEFAULT_SENSOR_GRID }),
});

const limit = boundedNumber({ min: 1, max: 1000, integer: true });
const LimitsSchema = strictObject({
  maxShardsInFlight: limit.default(DEFAULTS.limits.maxShardsInFlight),
  maxBatchesInFlight: limit.default(DEFAULTS.limits.maxBatchesInFlight),
});

const AfterSchema = strictObject({
  gapCheck: flag().default(DEFAULTS.after.gapCheck),
  refinement: flag().default(DEFAULTS.after.refinement),
});

/** The spec as written: fields checked one by one, plus the rules that span fields. */
export const CampaignSpecInputSchema = strictObject({
  name: z
    .string({ error: (iss) => expected(`a name of ${NAME_TEXT}`, iss.input) })
    .regex(NAME_PATTERN, { error: (iss) => expected(NAME_TEXT, iss.input) }),
  count: boundedNumber({ min: 1, max: MAX_SIMULATIONS, integer: true }).optional(),
  seed: boundedNumber({ min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }).default(DEFAULTS.seed),
  sampler: oneOf(SAMPLERS, PLANNED_SAMPLERS),
  parameters: ParametersSchema.default({}),
  solver: SolverSchema,
  batchSize: boundedNumber({ min: 1, max: 5000, integer: true }).default(DEFAULTS.batchSize),
  shardSize: boundedNumber({ min: 1, max: 1000, integer: true }).default(DEFAULTS.shardSize),
  limits: LimitsSchema.default({ ...DEFAULTS.limits }),
  priority: boundedNumber({ min: -10, max: 10, integer: true }).default(DEFAULTS.priority),
  after: AfterSchema.default({ ...DEFAULTS.after }),
}).superRefine((spec, ctx) => {
  // Runs only when every field parsed; parse.ts runs the same rules on the raw input otherwise.
  for (const issue of crossFieldIssues(spec)) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { crossField: true } });
  }
});

/** Validates a spec and fills every default: the output is a complete CampaignSpec. */
export const CampaignSpecSchema = CampaignSpecInputSchema.transform((input): CampaignSpec => {
  const parameters: ParameterSpace = resolveParameters(input.parameters, input.sampler);
  // The cross-field rules guarantee count for non-grid samplers and a finite grid for grid.
  const count = input.sampler === 'grid' ? gridSize(parameterAxes(parameters, 'grid')) : input.count!;
  const { material, ...solver } = input.solver;
  return {
    ...input,
    count,
    parameters,
    solver: material === undefined ? solver : { ...solver, material },
  };
});

export type CampaignSpecInput = z.input<typeof CampaignSpecSchema>;
