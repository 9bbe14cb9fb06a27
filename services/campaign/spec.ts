// The campaign spec schema (DESIGN.md "Contracts: Campaign spec"). Parsing fills every default,
// so the parsed spec is complete: what runs, what is hashed and what is shown are the same thing.
import { z } from 'zod';
import {
  B_H_CURVE_MODELS,
  DEFAULT_SENSOR_GRID,
  DEFAULTS,
  KNOWN_MODELS,
  MAX_SIMULATIONS,
  MESH_RESOLUTIONS,
  PLANNED_SAMPLERS,
  SAMPLERS,
  SENSOR_GRID_BOUNDS,
  VERIFICATION_FRACTION_BOUNDS,
  VERIFICATION_POOL_NAME,
} from './constants';
import { DEFECT_CLASSES, type DefectClass } from './defect-class';
import { boundedNumber, expected, flag, oneOf, strictObject } from './spec-fields';
import { ParametersSchema, resolveParameters, resolveScanParameters } from './spec-parameters';
import { ScanSchema } from './scan-spec';
import { gridSize, parameterAxes } from './space';
import { crossFieldIssues } from './spec-rules';
import { bhCurveSha256 } from '../solver/models/fem/material';
import { checkBHTable } from '../solver/models/fem/validate';
import type { BHCurveSpec, CampaignSpec, ParameterSpace } from './types';
import { REFINEMENT_METHODS, isPairedMethod } from '../../workflows/refinement-types';

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

const materialName = z
  .string({ error: (iss) => expected('a material name (text)', iss.input) })
  .regex(/^\S{1,64}$/, { error: (iss) => expected('1 to 64 characters without spaces', iss.input) });

const rowValues = (what: string) => z.array(z.number({ error: (iss) => expected(what, iss.input) }), { error: (iss) => expected(`a list of ${what}s`, iss.input) });

/** A curve given as rows: what materials.ts resolves a name or table file into, or written inline. */
const BHCurveSchema = strictObject({
  name: materialName,
  source: z.string({ error: (iss) => expected('the file the rows came from (text)', iss.input) }).optional(),
  sha256: z
    .string({ error: (iss) => expected('the sha256 hex of the rows', iss.input) })
    .regex(/^[0-9a-f]{64}$/, { error: (iss) => expected('64 lowercase hex digits', iss.input) })
    .optional(),
  hAPerM: rowValues('field strength H in A/m'),
  bT: rowValues('flux density B in T'),
}).transform((curve, ctx): BHCurveSpec => {
  const issues = checkBHTable(curve.hAPerM, curve.bT, (i) => `row ${i + 1} (hAPerM[${i}], bT[${i}])`, curve.source ?? 'the table');
  for (const message of issues) ctx.addIssue({ code: 'custom', message, input: curve });
  if (issues.length > 0) return z.NEVER;
  const sha256 = bhCurveSha256(curve.hAPerM, curve.bT);
  if (curve.sha256 !== undefined && curve.sha256 !== sha256) {
    ctx.addIssue({ code: 'custom', path: ['sha256'], message: `does not match the rows' content (${sha256}); remove it or fix the rows`, input: curve.sha256 });
    return z.NEVER;
  }
  return { ...curve, sha256 };
});

const SolverSchema = strictObject({
  model: oneOf(KNOWN_MODELS),
  mesh: oneOf(MESH_RESOLUTIONS).default(DEFAULTS.mesh),
  material: materialName.optional(),
  bhCurve: BHCurveSchema.optional(),
  sensorGrid: SensorGridSchema.default({ ...DEFAULT_SENSOR_GRID }),
}).superRefine((solver, ctx) => {
  if (!solver.bhCurve) return;
  if (!(B_H_CURVE_MODELS as readonly string[]).includes(solver.model)) ctx.addIssue({ code: 'custom', path: ['bhCurve'], message: `is used by the fem model only (model is '${solver.model}'); remove it`, input: solver.bhCurve });
  if (solver.material !== undefined && solver.material !== solver.bhCurve.name) {
    ctx.addIssue({ code: 'custom', path: ['material'], message: `must be the curve's name '${solver.bhCurve.name}' or omitted when bhCurve is given (got '${solver.material}')`, input: solver.material });
  }
});

const limit = boundedNumber({ min: 1, max: 1000, integer: true });
const LimitsSchema = strictObject({
  maxShardsInFlight: limit.default(DEFAULTS.limits.maxShardsInFlight),
  maxBatchesInFlight: limit.default(DEFAULTS.limits.maxBatchesInFlight),
});

const AfterSchema = strictObject({
  gapCheck: flag().default(DEFAULTS.after.gapCheck),
  refinement: flag().default(DEFAULTS.after.refinement),
  method: oneOf(REFINEMENT_METHODS).optional(),
  fieldVerifications: z
    .string({ error: (iss) => expected('the id of a field verification campaign (text)', iss.input) })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, { error: (iss) => expected('a campaign id: letters, digits, dots, dashes and underscores', iss.input) })
    .optional(),
}).superRefine((after, ctx) => {
  if (after.method && isPairedMethod(after.method) && !after.fieldVerifications) {
    ctx.addIssue({ code: 'custom', path: ['fieldVerifications'], message: `is required by method ${after.method}, which learns from field verification pairs: the id of a field verification campaign (or use method simgan)`, input: undefined });
  }
});

const VerificationSchema = strictObject({
  fraction: boundedNumber(VERIFICATION_FRACTION_BOUNDS),
  pool: z
    .string({ error: (iss) => expected('the name of a verification solver pool (text)', iss.input) })
    .regex(VERIFICATION_POOL_NAME, { error: (iss) => expected('a pool name of lowercase letters, digits and dashes, at most 63 characters', iss.input) }),
  mesh: oneOf(MESH_RESOLUTIONS).default(DEFAULTS.verificationMesh),
});

/** Tolerance on the sum of the quotas (they are fractions written in decimal). */
export const QUOTA_SUM_TOLERANCE = 1e-9;

const share = boundedNumber({ min: 0, max: 1 });
/** `quotas: { general: 0.3, pitting: 0.7 }`: the share of the simulations of each POF defect class. */
const QuotasSchema = strictObject(Object.fromEntries(DEFECT_CLASSES.map((c) => [c, share.optional()])) as Record<DefectClass, z.ZodOptional<typeof share>>)
  .superRefine((quotas, ctx) => {
    const given = Object.entries(quotas).filter((e): e is [string, number] => typeof e[1] === 'number');
    const sum = given.reduce((s, [, q]) => s + q, 0);
    if (Math.abs(sum - 1) > QUOTA_SUM_TOLERANCE) {
      const terms = given.length > 0 ? given.map(([c, q]) => `${c} ${q}`).join(' + ') : 'no classes';
      ctx.addIssue({ code: 'custom', message: `the shares must sum to 1 (got ${sum}: ${terms})`, input: quotas });
    }
  })
  .transform((quotas) => Object.fromEntries(DEFECT_CLASSES.filter((c) => quotas[c] !== undefined).map((c) => [c, quotas[c]!])) as Partial<Record<DefectClass, number>>);

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
  verification: VerificationSchema.optional(),
  quotas: QuotasSchema.optional(),
  scan: ScanSchema.optional(),
}).superRefine((spec, ctx) => {
  // Runs only when every field parsed; parse.ts runs the same rules on the raw input otherwise.
  for (const issue of crossFieldIssues(spec)) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { crossField: true } });
  }
});

/** Validates a spec and fills every default: the output is a complete CampaignSpec. */
export const CampaignSpecSchema = CampaignSpecInputSchema.transform((input): CampaignSpec => {
  // Absent optional keys stay absent, so a spec without them hashes as it did before they existed.
  const { material, bhCurve, ...solver } = input.solver;
  const name = bhCurve?.name ?? material;
  const solverSettings = { ...solver, ...(name === undefined ? {} : { material: name }), ...(bhCurve === undefined ? {} : { bhCurve }) };
  const { scan, quotas, parameters: given, sampler, ...common } = input;
  // The cross-field rules guarantee: count unless grid, a finite grid, `scan` exactly with the
  // scan sampler, as-scanned only there, and no quotas or defect geometry parameters with it.
  if (sampler === 'scan') {
    const parameters = resolveScanParameters(given);
    return { ...common, count: input.count!, sampler, parameters, scan: scan!, solver: solverSettings };
  }
  const parameters: ParameterSpace = resolveParameters(given as Partial<ParameterSpace>, sampler);
  const count = sampler === 'grid' ? gridSize(parameterAxes(parameters, 'grid')) : input.count!;
  return { ...common, count, sampler, parameters, ...(quotas === undefined ? {} : { quotas }), solver: solverSettings };
});

export type CampaignSpecInput = z.input<typeof CampaignSpecSchema>;
