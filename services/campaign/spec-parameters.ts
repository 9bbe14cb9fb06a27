// Schemas of the parameter space, and how a missing parameter is filled in.
import { DEFECT_PROFILES, DEFECT_SIDES, NUMERIC_PARAMS, NUMERIC_PARAM_NAMES } from './constants';
import { categoricalParam, numericParam, strictObject } from './spec-fields';
import type { NumericParam, NumericParamName, ParameterSpace, SamplerKind } from './types';

export const PARAMETER_SCHEMAS = {
  backgroundField: numericParam(NUMERIC_PARAMS.backgroundField.allowed),
  wallThickness: numericParam(NUMERIC_PARAMS.wallThickness.allowed),
  defectLength: numericParam(NUMERIC_PARAMS.defectLength.allowed),
  defectWidth: numericParam(NUMERIC_PARAMS.defectWidth.allowed),
  defectDepth: numericParam(NUMERIC_PARAMS.defectDepth.allowed),
  defectSide: categoricalParam(DEFECT_SIDES),
  defectProfile: categoricalParam(DEFECT_PROFILES),
};

export const ParametersSchema = strictObject({
  backgroundField: PARAMETER_SCHEMAS.backgroundField.optional(),
  wallThickness: PARAMETER_SCHEMAS.wallThickness.optional(),
  defectLength: PARAMETER_SCHEMAS.defectLength.optional(),
  defectWidth: PARAMETER_SCHEMAS.defectWidth.optional(),
  defectDepth: PARAMETER_SCHEMAS.defectDepth.optional(),
  defectSide: PARAMETER_SCHEMAS.defectSide.optional(),
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

export function resolveParameters(given: Partial<ParameterSpace>, sampler: SamplerKind): ParameterSpace {
  const numeric = Object.fromEntries(
    NUMERIC_PARAM_NAMES.map((name) => [name, given[name] ?? defaultNumericParam(name, sampler)]),
  ) as Record<NumericParamName, NumericParam>;
  return {
    ...numeric,
    defectSide: given.defectSide ?? { values: [...DEFECT_SIDES] },
    defectProfile: given.defectProfile ?? 'rectangular',
  };
}
