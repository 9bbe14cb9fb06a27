// Deterministic expansion (DESIGN.md "Contracts"): the parameters of simulation i are a pure
// function of (spec, seed, i). Shards carry index ranges; every worker expands its own range.
import type { DefectCase, DefectProfile, DefectSide, ModelSettings, SensorGridSpec } from '../solver/models/types';
import { createPointSampler, type PointSampler } from './samplers';
import { isVarying, parameterAxes, valueAt, type Axis, type ParamValue } from './space';
import type { CampaignSpec, ParamName } from './types';

/** Columns of the params matrix ([N, P] float64), in this order. Categoricals are coded as integers. */
export const PARAM_NAMES = [
  'backgroundField_kA_per_m',
  'wallThickness_mm',
  'defectLength_mm',
  'defectWidth_mm',
  'defectDepth_percent',
  'defectSide', // 0 near, 1 far
  'defectProfile', // 0 rectangular, 1 rounded
] as const;

export type ParamColumn = (typeof PARAM_NAMES)[number];

export function campaignTotal(spec: CampaignSpec): number {
  return spec.count;
}

interface ExpansionPlan {
  axes: Axis[];
  varying: Axis[];
  sample: PointSampler;
}

function planOf(spec: CampaignSpec): ExpansionPlan {
  const axes = parameterAxes(spec.parameters, spec.sampler);
  const varying = axes.filter(isVarying);
  const levels = varying.map((a) => (a.kind === 'discrete' ? a.values.length : 0));
  const sample = createPointSampler({ kind: spec.sampler, seed: spec.seed, count: spec.count, dims: varying.length, levels });
  return { axes, varying, sample };
}

function caseAt(plan: ExpansionPlan, index: number): DefectCase {
  const u = plan.sample(index);
  const values = {} as Record<ParamName, ParamValue>;
  let d = 0;
  for (const axis of plan.axes) values[axis.name] = axis.kind === 'fixed' ? axis.value : valueAt(axis, u[d++]!);
  return {
    backgroundFieldKAPerM: values.backgroundField as number,
    wallThicknessMm: values.wallThickness as number,
    defectLengthMm: values.defectLength as number,
    defectWidthMm: values.defectWidth as number,
    defectDepthPercent: values.defectDepth as number,
    side: values.defectSide as DefectSide,
    profile: values.defectProfile as DefectProfile,
  };
}

function checkRange(spec: CampaignSpec, start: number, count: number): void {
  const total = campaignTotal(spec);
  const ok = Number.isInteger(start) && Number.isInteger(count) && start >= 0 && count >= 0 && start + count <= total;
  if (!ok) {
    const what = count === 1 ? `simulation index ${start}` : `simulation range [${start}, ${start + count})`;
    throw new RangeError(`${what} is out of range: campaign '${spec.name}' has ${total} simulations (indices 0..${total - 1})`);
  }
}

/** The defect case of simulation `index` (0-based). Throws RangeError outside [0, total). */
export function expandSimulation(spec: CampaignSpec, index: number): DefectCase {
  checkRange(spec, index, 1);
  return caseAt(planOf(spec), index);
}

/** The defect cases of simulations start .. start+count-1. */
export function expandRange(spec: CampaignSpec, start: number, count: number): DefectCase[] {
  checkRange(spec, start, count);
  const plan = planOf(spec);
  return Array.from({ length: count }, (_, k) => caseAt(plan, start + k));
}

/** One row of the params matrix, in PARAM_NAMES order. */
export function toParamVector(defect: DefectCase): number[] {
  return [
    defect.backgroundFieldKAPerM,
    defect.wallThicknessMm,
    defect.defectLengthMm,
    defect.defectWidthMm,
    defect.defectDepthPercent,
    defect.side === 'far' ? 1 : 0,
    defect.profile === 'rounded' ? 1 : 0,
  ];
}

export function sensorGridOf(spec: CampaignSpec): SensorGridSpec {
  const g = spec.solver.sensorGrid;
  return {
    liftOffMm: g.liftOff,
    axialPitchMm: g.axialPitch,
    circumferentialPitchMm: g.circumferentialPitch,
    axialCount: g.axialCount,
    circumferentialCount: g.circumferentialCount,
  };
}

export function modelSettingsOf(spec: CampaignSpec): ModelSettings {
  const { mesh, material, bhCurve } = spec.solver;
  const settings: ModelSettings = material === undefined ? { mesh } : { mesh, material };
  // The rows and their hash only: where they were read from does not change a result.
  if (bhCurve) settings.bhCurve = { name: bhCurve.name, sha256: bhCurve.sha256, hAPerM: bhCurve.hAPerM, bT: bhCurve.bT };
  return settings;
}
