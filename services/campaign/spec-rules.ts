// Rules that span fields (sampler vs parameters vs count). They read the raw input defensively,
// so they can run even when other fields are broken: a spec author sees every error at once.
import { AS_SCANNED, MAX_SIMULATIONS, NUMERIC_PARAMS, NUMERIC_PARAM_NAMES, PARAMETER_ORDER, POINT_SAMPLERS, SAMPLERS } from './constants';
import { DEFECT_CLASSES, DEFECT_CLASS_DEFINITIONS, GEOMETRIC_PARAMETER_MIN_MM, isEmptyChoice, wallChoice } from './defect-class';
import { classAxesOf } from './expand';
import { boundsText, isRecord } from './spec-fields';
import { PARAMETER_SCHEMAS, defaultNumericParam, resolveParameters } from './spec-parameters';
import { canonicalJson } from './identity';
import { gridSize, isVarying, parameterAxes } from './space';
import type { ParamName, ParameterSpace, PointSamplerKind, SamplerKind } from './types';

export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

const COUNT_TEXT = boundsText({ min: 1, max: MAX_SIMULATIONS, integer: true });

function samplerOf(raw: Record<string, unknown>): SamplerKind | undefined {
  const s = raw.sampler;
  return typeof s === 'string' && (SAMPLERS as readonly string[]).includes(s) ? (s as SamplerKind) : undefined;
}

function stepsIssues(params: Record<string, unknown>, sampler: SamplerKind): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const name of NUMERIC_PARAM_NAMES) {
    const p = params[name];
    if (!isRecord(p) || 'values' in p) continue;
    const path = ['parameters', name, 'steps'];
    if (sampler === 'grid' && p.steps === undefined) {
      issues.push({ path, message: 'is required by the grid sampler: an integer between 1 and 100000 (levels from min to max)' });
    } else if (sampler !== 'grid' && p.steps !== undefined) {
      issues.push({ path, message: `is only used by the grid sampler (sampler is '${sampler}'); remove it` });
    }
  }
  return issues;
}

/** The resolved parameter space, or undefined while any parameter is itself invalid. */
function parsedSpace(params: Record<string, unknown>, sampler: PointSamplerKind): ParameterSpace | undefined {
  const given: Record<string, unknown> = {};
  for (const name of PARAMETER_ORDER) {
    if (params[name] === undefined) continue;
    const r = PARAMETER_SCHEMAS[name].safeParse(params[name]);
    if (!r.success) return undefined;
    given[name] = r.data;
  }
  return resolveParameters(given, sampler);
}

function gridCountIssues(raw: Record<string, unknown>, params: Record<string, unknown>): RuleIssue[] {
  const space = parsedSpace(params, 'grid');
  if (!space || stepsIssues(params, 'grid').length > 0) return [];
  const axes = parameterAxes(space, 'grid');
  const size = gridSize(axes);
  const factors = axes.filter(isVarying).map((a) => `${a.name} ${a.kind === 'discrete' ? a.values.length : '?'}`);
  const breakdown = factors.length > 0 ? factors.join(' × ') : 'every parameter fixed';
  if (size > MAX_SIMULATIONS) {
    return [{ path: ['parameters'], message: `the grid has ${size} points (${breakdown}), more than the maximum ${MAX_SIMULATIONS}` }];
  }
  if (typeof raw.count === 'number' && raw.count !== size) {
    return [{ path: ['count'], message: `must equal the grid size ${size} (${breakdown}) or be omitted (got ${raw.count})` }];
  }
  return [];
}

/** How an axis reads in a message: `30 mm`, `[4, 100] mm` or `{values: 10, 20} mm`. */
function axisText(axis: ReturnType<typeof parameterAxes>[number], unit: string): string {
  if (axis.kind === 'fixed') return `${axis.value} ${unit}`;
  if (axis.kind === 'continuous') return `[${axis.min}, ${axis.max}] ${unit}`;
  return `{values: ${axis.values.join(', ')}} ${unit}`;
}

/**
 * Quotas: not with the grid sampler (the grid fixes every defect), and every class with a positive
 * share must be producible: some wall in range with a length and width in range of that class.
 */
function quotaIssues(raw: Record<string, unknown>, params: Record<string, unknown>, sampler: SamplerKind): RuleIssue[] {
  const quotas = raw.quotas;
  if (!isRecord(quotas)) return [];
  const others = POINT_SAMPLERS.filter((s) => s !== 'grid').join(', ');
  if (sampler === 'grid') {
    return [{ path: ['quotas'], message: `cannot be used with the grid sampler (the grid fixes every defect); use ${others}` }];
  }
  if (sampler === 'scan') {
    return [{ path: ['quotas'], message: `cannot be used with the scan sampler (each simulation's class follows from its library defect and scaling); remove it, or use ${others}` }];
  }
  const space = parsedSpace(params, sampler);
  if (!space) return [];
  const axes = parameterAxes(space, sampler);
  const classAxes = classAxesOf(axes);
  const issues: RuleIssue[] = [];
  for (const cls of DEFECT_CLASSES) {
    const q = quotas[cls];
    if (typeof q !== 'number' || !(q > 0)) continue;
    if (!isEmptyChoice(wallChoice(classAxes.wall, classAxes.length, classAxes.width, cls))) continue;
    const unit = NUMERIC_PARAMS.wallThickness.unit;
    issues.push({
      path: ['quotas', cls],
      message:
        `class ${cls} cannot be produced by the parameter ranges: it needs ${DEFECT_CLASS_DEFINITIONS[cls]} ` +
        `(L defect length, W defect width, A = wall thickness but at least ${GEOMETRIC_PARAMETER_MIN_MM} mm), and no wallThickness in ` +
        `${axisText(classAxes.wall, unit)} has a defectLength in ${axisText(classAxes.length, unit)} and a defectWidth in ` +
        `${axisText(classAxes.width, unit)} that meet it; widen the ranges or set its quota to 0`,
    });
  }
  return issues;
}

/** What a scan campaign says instead of a parametric defect parameter. */
const SET_BY_SCAN: Partial<Record<ParamName, string>> = {
  defectLength: 'vary it with scan.lengthScale',
  defectWidth: 'vary it with scan.widthScale',
  defectDepth: 'vary it with scan.depthScale',
  defectProfile: 'a scanned defect is its depth map',
};

/** A field verification campaign simulates each measured defect as it was measured: nothing varies. */
function fieldVerificationIssues(scan: Record<string, unknown>, params: Record<string, unknown>): RuleIssue[] {
  const why = 'a field verification campaign (scan.fieldVerifications: true) simulates each measured defect as scanned';
  const issues: RuleIssue[] = [];
  // Values equal to the defaults (as scanned) are what the parsed spec holds when they were not written.
  const identity: Record<string, (v: unknown) => boolean> = {
    lengthScale: (v) => v === 1,
    widthScale: (v) => v === 1,
    depthScale: (v) => v === 1,
    mirror: (v) => isRecord(v) && (v.axial ?? 0) === 0 && (v.circumferential ?? 0) === 0,
    rotate180: (v) => v === 0,
  };
  for (const [name, isIdentity] of Object.entries(identity)) {
    if (scan[name] !== undefined && !isIdentity(scan[name])) issues.push({ path: ['scan', name], message: `cannot be used: ${why}; remove it` });
  }
  const defaultField = defaultNumericParam('backgroundField', 'scan');
  if (params.backgroundField !== undefined && canonicalJson(params.backgroundField) !== canonicalJson(defaultField)) issues.push({ path: ['parameters', 'backgroundField'], message: `cannot be used: ${why}, at the field recorded with its measured map; remove it` });
  for (const name of ['wallThickness', 'defectSide'] as const) {
    if (params[name] !== undefined && params[name] !== AS_SCANNED) issues.push({ path: ['parameters', name], message: `must be '${AS_SCANNED}' or absent: ${why}` });
  }
  return issues;
}

/** `scan` exactly with the scan sampler; as-scanned only there; no parametric geometry with it. */
function scanIssues(raw: Record<string, unknown>, params: Record<string, unknown>, sampler: SamplerKind): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (sampler === 'scan') {
    if (raw.scan === undefined) issues.push({ path: ['scan'], message: 'is required by the scan sampler: { library: NAME } plus optional lengthScale, widthScale, depthScale, mirror, rotate180' });
    for (const [name, hint] of Object.entries(SET_BY_SCAN)) {
      if (params[name] !== undefined) issues.push({ path: ['parameters', name], message: `is set by each library defect under the scan sampler (${hint}); remove it` });
    }
    if (isRecord(raw.scan) && raw.scan.fieldVerifications === true) issues.push(...fieldVerificationIssues(raw.scan, params));
    return issues;
  }
  if (raw.scan !== undefined) issues.push({ path: ['scan'], message: `is used by the scan sampler only (sampler is '${sampler}'); remove it or set sampler: scan` });
  for (const name of ['wallThickness', 'defectSide'] as const) {
    if (params[name] === AS_SCANNED) {
      issues.push({ path: ['parameters', name], message: `'${AS_SCANNED}' is for the scan sampler only (sampler is '${sampler}'); give a value, a range or a list` });
    }
  }
  return issues;
}

export function crossFieldIssues(raw: unknown): RuleIssue[] {
  if (!isRecord(raw)) return [];
  const sampler = samplerOf(raw);
  if (!sampler) return [];
  const params = raw.parameters === undefined ? {} : raw.parameters;
  if (!isRecord(params)) return [];
  const issues = stepsIssues(params, sampler);
  if (sampler === 'grid') issues.push(...gridCountIssues(raw, params));
  else if (raw.count === undefined) issues.push({ path: ['count'], message: `is required for the ${sampler} sampler: ${COUNT_TEXT}` });
  issues.push(...quotaIssues(raw, params, sampler));
  issues.push(...scanIssues(raw, params, sampler));
  return issues;
}
