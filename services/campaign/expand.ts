// Deterministic expansion (DESIGN.md "Contracts"): the parameters of simulation i are a pure
// function of (spec, seed, i). Shards carry index ranges; every worker expands its own range.
import type { DefectCase, DefectProfile, DefectSide, ModelSettings, SensorGridSpec } from '../domain/defect';
import { classAtIndex, drawOfClass, wallChoice, type Choice, type ClassAxes, type DefectClass } from './defect-class';
import { createPointSampler, type PointSampler } from './samplers';
import { bits32, bits64, streamKey } from './samplers/mix';
import { scanDrawAt, scanPlanOf, type ScanPlan } from './scan';
import { isVarying, parameterAxes, valueAt, type Axis, type ParamValue } from './space';
import type { CampaignSpec, DefectClassQuotas, ParamName, ParametricCampaignSpec, ScanLibrary, ScanTransform } from './types';

/** Columns of the params matrix ([N, P] float64), in this order. Categoricals are coded as integers. */
export const PARAM_NAMES = [
  'backgroundField_kA_per_m',
  'wallThickness_mm',
  'defectLength_mm',
  'defectWidth_mm',
  'defectDepth_percent',
  'defectSide', // 0 near, 1 far
  'defectProfile', // 0 rectangular, 1 rounded, 2 depth map (its extent and deepest cell in the columns before)
] as const;

export type ParamColumn = (typeof PARAM_NAMES)[number];

export function campaignTotal(spec: CampaignSpec): number {
  return spec.count;
}

/** Class quotas in force: simulation i gets classAtIndex(quotas, offset, i) and a defect of that class. */
interface QuotaPlan {
  quotas: DefectClassQuotas;
  offset: number;
  axes: ClassAxes;
  /** Walls that admit each class, computed on first use (they depend on the spec only). */
  walls: Map<DefectClass, Choice>;
}

interface ExpansionPlan {
  axes: Axis[];
  varying: Axis[];
  sample: PointSampler;
  quota?: QuotaPlan;
}

/** What expansion needs beside the spec: a scan campaign's loaded library (ignored by other samplers). */
export interface ExpansionInputs {
  library?: ScanLibrary;
}

/** Simulation `index`: its defect, and for a scan campaign what was done to the library defect. */
export interface SimulationDraw {
  index: number;
  defect: DefectCase;
  scan?: ScanTransform;
}

/** The wall, length and width axes of a parameter space (numeric, whatever their kind). */
export function classAxesOf(axes: readonly Axis[]): ClassAxes {
  const find = (name: ParamName) => axes.find((a) => a.name === name)! as ClassAxes['wall'];
  return { wall: find('wallThickness'), length: find('defectLength'), width: find('defectWidth') };
}

/** The Weyl offset of a seed's class sequence (its own stream, so the draws of parameters are untouched). */
export function classOffsetOf(seed: number): number {
  return bits32(bits64(streamKey(seed, 'defect-class'), 0n));
}

function planOf(spec: ParametricCampaignSpec): ExpansionPlan {
  const axes = parameterAxes(spec.parameters, spec.sampler);
  const varying = axes.filter(isVarying);
  const levels = varying.map((a) => (a.kind === 'discrete' ? a.values.length : 0));
  const sample = createPointSampler({ kind: spec.sampler, seed: spec.seed, count: spec.count, dims: varying.length, levels });
  const quota = spec.quotas && { quotas: spec.quotas, offset: classOffsetOf(spec.seed), axes: classAxesOf(axes), walls: new Map<DefectClass, Choice>() };
  return { axes, varying, sample, ...(quota ? { quota } : {}) };
}

function caseAt(plan: ExpansionPlan, index: number): DefectCase {
  const u = plan.sample(index);
  const values = {} as Record<ParamName, ParamValue>;
  const coordinate = {} as Partial<Record<ParamName, number>>;
  let d = 0;
  for (const axis of plan.axes) {
    if (axis.kind === 'fixed') {
      values[axis.name] = axis.value;
    } else {
      const x = u[d++]!;
      coordinate[axis.name] = x;
      values[axis.name] = valueAt(axis, x);
    }
  }
  if (plan.quota) {
    // The same coordinates, mapped into the part of the ranges that has the index's class.
    const q = plan.quota;
    const cls = classAtIndex(q.quotas, q.offset, index);
    let walls = q.walls.get(cls);
    if (!walls) q.walls.set(cls, (walls = wallChoice(q.axes.wall, q.axes.length, q.axes.width, cls)));
    const draw = drawOfClass(q.axes, cls, walls, { wall: coordinate.wallThickness ?? 0.5, length: coordinate.defectLength ?? 0.5, width: coordinate.defectWidth ?? 0.5 });
    values.wallThickness = draw.wallThicknessMm;
    values.defectLength = draw.defectLengthMm;
    values.defectWidth = draw.defectWidthMm;
  }
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

type Plan = { kind: 'parametric'; plan: ExpansionPlan } | { kind: 'scan'; plan: ScanPlan };

function anyPlanOf(spec: CampaignSpec, inputs: ExpansionInputs): Plan {
  if (spec.sampler !== 'scan') return { kind: 'parametric', plan: planOf(spec) };
  if (!inputs.library) throw new Error(`campaign '${spec.name}' uses the scan sampler: expanding it needs scan library '${spec.scan.library}' loaded`);
  return { kind: 'scan', plan: scanPlanOf(spec, inputs.library) };
}

function drawAt(plan: Plan, index: number): SimulationDraw {
  if (plan.kind === 'parametric') return { index, defect: caseAt(plan.plan, index) };
  const { defect, transform } = scanDrawAt(plan.plan, index);
  return { index, defect, scan: transform };
}

/** Simulation `index` (0-based) with its scan transform, if any. Throws RangeError outside [0, total). */
export function drawSimulation(spec: CampaignSpec, index: number, inputs: ExpansionInputs = {}): SimulationDraw {
  checkRange(spec, index, 1);
  return drawAt(anyPlanOf(spec, inputs), index);
}

/** Simulations start .. start+count-1 with their scan transforms, if any. */
export function drawRange(spec: CampaignSpec, start: number, count: number, inputs: ExpansionInputs = {}): SimulationDraw[] {
  checkRange(spec, start, count);
  const plan = anyPlanOf(spec, inputs);
  return Array.from({ length: count }, (_, k) => drawAt(plan, start + k));
}

/** The defect case of simulation `index` (0-based). Throws RangeError outside [0, total). */
export function expandSimulation(spec: CampaignSpec, index: number, inputs: ExpansionInputs = {}): DefectCase {
  return drawSimulation(spec, index, inputs).defect;
}

/** The defect cases of simulations start .. start+count-1. */
export function expandRange(spec: CampaignSpec, start: number, count: number, inputs: ExpansionInputs = {}): DefectCase[] {
  return drawRange(spec, start, count, inputs).map((d) => d.defect);
}

const PROFILE_CODES: Record<DefectCase['profile'], number> = { rectangular: 0, rounded: 1, 'depth-map': 2 };

/** One row of the params matrix, in PARAM_NAMES order. */
export function toParamVector(defect: DefectCase): number[] {
  return [
    defect.backgroundFieldKAPerM,
    defect.wallThicknessMm,
    defect.defectLengthMm,
    defect.defectWidthMm,
    defect.defectDepthPercent,
    defect.side === 'far' ? 1 : 0,
    PROFILE_CODES[defect.profile],
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
