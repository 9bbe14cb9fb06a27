// Schemas of the parameter space, and how a missing parameter is filled in.
import { z } from 'zod';
import { AS_SCANNED, DEFECT_PROFILES, DEFECT_SIDES, NUMERIC_PARAMS, NUMERIC_PARAM_NAMES } from './constants';
import { categoricalParam, forwardIssues, numericParam, strictObject } from './spec-fields';
import type { AsScanned, NumericParam, NumericParamName, ParameterSpace, PointSamplerKind, SamplerKind, ScanParameterSpace } from './types';

export const PARAMETER_SCHEMAS = {
  backgroundField: numericParam(NUMERIC_PARAMS.backgroundField.allowed),
  wallThickness: numericParam(NUMERIC_PARAMS.wallThickness.allowed),
  defectLength: numericParam(NUMERIC_PARAMS.defectLength.allowed),
  defectWidth: numericParam(NUMERIC_PARAMS.defectWidth.allowed),
  defectDepth: numericParam(NUMERIC_PARAMS.defectDepth.allowed),
  defectSide: categoricalParam(DEFECT_SIDES),
  defectProfile: categoricalParam(DEFECT_PROFILES),
};

/**
 * `as-scanned`, else the parameter's own schema (and its messages). Whether as-scanned is allowed
 * (scan sampler only) is a rule across fields (spec-rules.ts).
 */
function orAsScanned<T>(schema: z.ZodType<T>) {
  return z.unknown().transform((input, ctx): T | AsScanned => {
    if (input === AS_SCANNED) return AS_SCANNED;
    const r = schema.safeParse(input);
    if (r.success) return r.data;
    forwardIssues(ctx, r.error.issues, input);
    return z.NEVER;
  });
}

export const ParametersSchema = strictObject({
  backgroundField: PARAMETER_SCHEMAS.backgroundField.optional(),
  wallThickness: orAsScanned(PARAMETER_SCHEMAS.wallThickness).optional(),
  defectLength: PARAMETER_SCHEMAS.defectLength.optional(),
  defectWidth: PARAMETER_SCHEMAS.defectWidth.optional(),
  defectDepth: PARAMETER_SCHEMAS.defectDepth.optional(),
  defectSide: orAsScanned(PARAMETER_SCHEMAS.defectSide).optional(),
  defectProfile: PARAMETER_SCHEMAS.defectProfile.optional(),
});

/**
 * The value a missing numeric parameter takes. Continuous samplers cover the seed range; the grid
 * sampler cannot enumerate a range without `steps`, so it holds the parameter at the range's middle
 * instead of silently multiplying the grid.
 */
export function defaultNumericParam(name: NumericParamName, sampler: SamplerKind): NumericParam {
  const { min, max } = NUMERIC_PARAMS[name].defaultRange;
  return sampler === 'grid' ? (min + max) / 2 : { min, max };
}

export function resolveParameters(given: Partial<ParameterSpace>, sampler: PointSamplerKind): ParameterSpace {
  const numeric = Object.fromEntries(
    NUMERIC_PARAM_NAMES.map((name) => [name, given[name] ?? defaultNumericParam(name, sampler)]),
  ) as Record<NumericParamName, NumericParam>;
  return {
    ...numeric,
    defectSide: given.defectSide ?? { values: [...DEFECT_SIDES] },
    defectProfile: given.defectProfile ?? 'rectangular',
  };
}

/** A scan campaign's physics: the field's seed range by default, the wall and side as scanned. */
export function resolveScanParameters(given: Partial<ScanParameterSpace>): ScanParameterSpace {
  return {
    backgroundField: given.backgroundField ?? defaultNumericParam('backgroundField', 'scan'),
    wallThickness: given.wallThickness ?? AS_SCANNED,
    defectSide: given.defectSide ?? AS_SCANNED,
  };
}
