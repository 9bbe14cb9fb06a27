// Request validation for SolveBatch. Every issue names the field path (as in the .proto) and what
// is allowed, so a campaign author can fix the spec without reading solver code.

import type { SolveBatchRequest__Output } from '../../proto/generated/synthflux/solver/v1/SolveBatchRequest';
import type { SimulationSpec__Output } from '../../proto/generated/synthflux/solver/v1/SimulationSpec';
import type { SensorGrid__Output } from '../../proto/generated/synthflux/solver/v1/SensorGrid';
import type { SolverSettings__Output } from '../../proto/generated/synthflux/solver/v1/SolverSettings';
import type { BHCurve__Output } from '../../proto/generated/synthflux/solver/v1/BHCurve';
import type { DepthMap__Output } from '../../proto/generated/synthflux/solver/v1/DepthMap';
import { DEPTH_MAP_LIMITS, type BHCurveTable, type DefectCase, type DefectSide, type DefectType, type DepthMapGrid, type ModelSettings, type SensorGridSpec } from '../domain/defect';
import { depthMapDefect } from '../domain/depth-map';
import type { PhysicsModel } from './models/types';
import { bhCurveSha256 } from './models/fem/material';
import { modelNames } from './models/registry';
import type { ModelRegistry } from './models/registry';
import type { SolverLimitsConfig } from './config';
import { BYTES_PER_SENSOR_POINT } from './config';

export interface ValidSimulation {
  index: string;
  contentHash: string;
  defect: DefectCase;
}

export interface ValidBatch {
  model: PhysicsModel;
  settings: ModelSettings;
  grid: SensorGridSpec;
  simulations: ValidSimulation[];
}

export type BatchValidation = { ok: true; batch: ValidBatch } | { ok: false; issues: string[] };

/** Bounds of a numeric field; `minExclusive` means the value must be strictly above `min`. */
interface Range {
  min: number;
  max: number;
  minExclusive?: boolean;
  integer?: boolean;
}

const MESH_PRESETS: readonly ModelSettings['mesh'][] = ['coarse', 'standard', 'fine'];
const DEFAULT_MESH: ModelSettings['mesh'] = 'standard';
const SIDES: Record<string, DefectSide> = { DEFECT_SIDE_NEAR: 'near', DEFECT_SIDE_FAR: 'far' };
const PROFILES: Record<string, DefectType> = { DEFECT_PROFILE_RECTANGULAR: 'rectangular', DEFECT_PROFILE_ROUNDED: 'rounded', DEFECT_PROFILE_DEPTH_MAP: 'depth-map' };
const MAX_ISSUES_REPORTED = 20;

/** Allowed values of each simulation parameter; the campaign's seed ranges sit well inside them. */
export const SIMULATION_RANGES = {
  background_field_ka_per_m: { min: 0, minExclusive: true, max: 200 },
  wall_thickness_mm: { min: 0, minExclusive: true, max: 100 },
  defect_length_mm: { min: 0, minExclusive: true, max: 5000 },
  defect_width_mm: { min: 0, minExclusive: true, max: 5000 },
  defect_depth_percent: { min: 0, max: 100 },
} as const satisfies Record<string, Range>;

export const GRID_RANGES = {
  lift_off_mm: { min: 0, minExclusive: true, max: 100 },
  axial_pitch_mm: { min: 0, minExclusive: true, max: 1000 },
  circumferential_pitch_mm: { min: 0, minExclusive: true, max: 1000 },
  axial_count: { min: 1, max: 1_000_000, integer: true },
  circumferential_count: { min: 1, max: 1_000_000, integer: true },
} as const satisfies Record<string, Range>;

function describeRange(range: Range): string {
  const kind = range.integer ? 'an integer' : 'a number';
  if (range.minExclusive) return `must be ${kind} > ${range.min} and <= ${range.max}`;
  return range.integer ? `must be ${kind} within ${range.min}..${range.max}` : `must be within ${range.min}..${range.max}`;
}

/** The issue with `value` for `range`, or undefined when it is allowed. */
export function checkRange(field: string, value: number, range: Range): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${field}: must be a finite number (got ${String(value)})`;
  const belowMin = range.minExclusive ? value <= range.min : value < range.min;
  const notInteger = range.integer === true && !Number.isInteger(value);
  if (belowMin || value > range.max || notInteger) return `${field}: ${describeRange(range)} (got ${value})`;
  return undefined;
}

function checkSettings(settings: SolverSettings__Output | null, registry: ModelRegistry, issues: string[]): { model: PhysicsModel; settings: ModelSettings } | undefined {
  const known = modelNames(registry).join(', ');
  if (!settings) {
    issues.push(`settings: required; settings.model must be one of: ${known}`);
    return undefined;
  }
  const model = registry.get(settings.model);
  if (!model) {
    issues.push(`settings.model: unknown model "${settings.model}"; known models: ${known}`);
    return undefined;
  }
  const allowedMeshes = model.meshes.length > 0 ? model.meshes : MESH_PRESETS;
  const mesh = (settings.mesh === '' ? DEFAULT_MESH : settings.mesh) as ModelSettings['mesh'];
  if (!allowedMeshes.includes(mesh) || !MESH_PRESETS.includes(mesh)) {
    issues.push(`settings.mesh: model "${model.name}" accepts ${allowedMeshes.join(', ')} or empty for ${DEFAULT_MESH} (got "${settings.mesh}")`);
  }
  const material = settings.material === '' ? undefined : settings.material;
  const bhCurve = decodeBHCurve(settings.bhCurve);
  if (model.checkMaterial) {
    issues.push(...model.checkMaterial({ material, bhCurve }));
  } else {
    if (material !== undefined && !model.materials.includes(material)) {
      const allowed = model.materials.length > 0 ? model.materials.join(', ') : 'no named materials';
      issues.push(`settings.material: model "${model.name}" accepts ${allowed}, or empty for its default (got "${material}")`);
    }
    if (bhCurve) issues.push(`settings.bh_curve: model "${model.name}" takes no B-H curve; leave it unset`);
  }
  return { model, settings: { mesh, ...(material === undefined ? {} : { material }), ...(bhCurve ? { bhCurve } : {}) } };
}

/** The request's B-H table as the models see it; the sha256 is computed when the client left it empty. */
function decodeBHCurve(curve: BHCurve__Output | null): BHCurveTable | undefined {
  if (!curve) return undefined;
  const { name, hAPerM, bT } = curve;
  return { name: name === '' ? 'table' : name, sha256: curve.sha256 === '' ? bhCurveSha256(hAPerM, bT) : curve.sha256, hAPerM, bT };
}

function checkGrid(grid: SensorGrid__Output | null, maxSensorPoints: number, issues: string[]): SensorGridSpec | undefined {
  if (!grid) {
    issues.push('grid: required (lift_off_mm, axial/circumferential pitch and count)');
    return undefined;
  }
  const before = issues.length;
  const values: Record<keyof typeof GRID_RANGES, number> = {
    lift_off_mm: grid.liftOffMm,
    axial_pitch_mm: grid.axialPitchMm,
    circumferential_pitch_mm: grid.circumferentialPitchMm,
    axial_count: grid.axialCount,
    circumferential_count: grid.circumferentialCount,
  };
  for (const [field, range] of Object.entries(GRID_RANGES)) {
    const issue = checkRange(`grid.${field}`, values[field as keyof typeof GRID_RANGES], range);
    if (issue) issues.push(issue);
  }
  if (issues.length > before) return undefined;
  const points = grid.axialCount * grid.circumferentialCount;
  if (points > maxSensorPoints) {
    issues.push(`grid: axial_count x circumferential_count = ${points} sensor points; at most ${maxSensorPoints} allowed`);
    return undefined;
  }
  const { liftOffMm, axialPitchMm, circumferentialPitchMm, axialCount, circumferentialCount } = grid;
  return { liftOffMm, axialPitchMm, circumferentialPitchMm, axialCount, circumferentialCount };
}

function checkEnum<T>(field: string, value: string, allowed: Record<string, T>, issues: string[]): T | undefined {
  const mapped = allowed[value];
  if (mapped === undefined) issues.push(`${field}: must be ${Object.keys(allowed).join(' or ')} (got ${value})`);
  return mapped;
}

const DEPTH_MAP_RANGES = {
  axial_pitch_mm: { min: 0, minExclusive: true, max: 1000 },
  circumferential_pitch_mm: { min: 0, minExclusive: true, max: 1000 },
  axial_count: { min: 1, max: DEPTH_MAP_LIMITS.maxAxialCount, integer: true },
  circumferential_count: { min: 1, max: DEPTH_MAP_LIMITS.maxCircumferentialCount, integer: true },
} as const satisfies Record<string, Range>;

function checkDepthMap(map: DepthMap__Output | null, wallThicknessMm: number, prefix: string, issues: string[]): DepthMapGrid | undefined {
  if (!map) {
    issues.push(`${prefix}: required when defect_profile is DEFECT_PROFILE_DEPTH_MAP`);
    return undefined;
  }
  const before = issues.length;
  const values = { axial_pitch_mm: map.axialPitchMm, circumferential_pitch_mm: map.circumferentialPitchMm, axial_count: map.axialCount, circumferential_count: map.circumferentialCount };
  for (const [field, range] of Object.entries(DEPTH_MAP_RANGES)) {
    const issue = checkRange(`${prefix}.${field}`, values[field as keyof typeof values], range);
    if (issue) issues.push(issue);
  }
  if (issues.length > before) return undefined;
  const cells = map.axialCount * map.circumferentialCount;
  if (map.depthsMm.length !== cells) {
    issues.push(`${prefix}.depths_mm: must hold axial_count x circumferential_count = ${cells} values (got ${map.depthsMm.length})`);
    return undefined;
  }
  let bad = 0;
  let loss = false;
  map.depthsMm.forEach((depth, k) => {
    const ok = Number.isFinite(depth) && depth >= 0 && depth <= wallThicknessMm;
    // The first few are named; a scan with many bad cells would only bury the others.
    if (!ok && bad++ < 5) issues.push(`${prefix}.depths_mm[${k}]: must be a depth in mm from 0 to the wall thickness ${wallThicknessMm} (got ${depth})`);
    loss ||= ok && depth > 0;
  });
  if (bad > 5) issues.push(`${prefix}.depths_mm: ${bad - 5} more cells outside 0..${wallThicknessMm} mm`);
  if (!loss && bad === 0) issues.push(`${prefix}.depths_mm: at least one cell must have a depth above 0 (all are 0)`);
  if (issues.length > before) return undefined;
  return { axialPitchMm: map.axialPitchMm, circumferentialPitchMm: map.circumferentialPitchMm, axialCount: map.axialCount, circumferentialCount: map.circumferentialCount, depthsMm: Float64Array.from(map.depthsMm) };
}

function checkSimulation(spec: SimulationSpec__Output, at: number, issues: string[]): ValidSimulation | undefined {
  const prefix = `simulations[${at}]`;
  const before = issues.length;
  const profile = checkEnum(`${prefix}.defect_profile`, String(spec.defectProfile), PROFILES, issues);
  const isMap = profile === 'depth-map';
  const values: Record<keyof typeof SIMULATION_RANGES, number> = {
    background_field_ka_per_m: spec.backgroundFieldKaPerM,
    wall_thickness_mm: spec.wallThicknessMm,
    defect_length_mm: spec.defectLengthMm,
    defect_width_mm: spec.defectWidthMm,
    defect_depth_percent: spec.defectDepthPercent,
  };
  // A depth map's length, width and depth are derived from it; whatever was sent is not checked.
  const derived = new Set(['defect_length_mm', 'defect_width_mm', 'defect_depth_percent']);
  for (const [field, range] of Object.entries(SIMULATION_RANGES)) {
    if (isMap && derived.has(field)) continue;
    const issue = checkRange(`${prefix}.${field}`, values[field as keyof typeof SIMULATION_RANGES], range);
    if (issue) issues.push(issue);
  }
  const side = checkEnum(`${prefix}.defect_side`, String(spec.defectSide), SIDES, issues);
  if (!isMap && spec.depthMap) issues.push(`${prefix}.depth_map: only with defect_profile DEFECT_PROFILE_DEPTH_MAP (got ${String(spec.defectProfile)})`);
  if (issues.length > before || !side || !profile) return undefined;
  const base = { backgroundFieldKAPerM: spec.backgroundFieldKaPerM, wallThicknessMm: spec.wallThicknessMm, side };
  if (isMap) {
    const depthMap = checkDepthMap(spec.depthMap, spec.wallThicknessMm, `${prefix}.depth_map`, issues);
    return depthMap && { index: spec.index, contentHash: spec.contentHash, defect: depthMapDefect(base, depthMap) };
  }
  const defect: DefectCase = {
    ...base,
    defectLengthMm: spec.defectLengthMm,
    defectWidthMm: spec.defectWidthMm,
    defectDepthPercent: spec.defectDepthPercent,
    profile: profile,
  };
  return { index: spec.index, contentHash: spec.contentHash, defect };
}

/** Validates a whole SolveBatch request; on failure, every issue found (up to a cap) is listed. */
export function validateSolveBatch(request: SolveBatchRequest__Output, registry: ModelRegistry, limits: SolverLimitsConfig): BatchValidation {
  const issues: string[] = [];
  const chosen = checkSettings(request.settings, registry, issues);
  const grid = checkGrid(request.grid, limits.maxSensorPoints, issues);
  const count = request.simulations.length;
  if (count > limits.maxBatch) {
    // Checking each of a too-large batch would only bury this issue.
    issues.push(`simulations: at most ${limits.maxBatch} per batch (got ${count})`);
    return { ok: false, issues };
  }
  if (grid) {
    const bytes = count * grid.axialCount * grid.circumferentialCount * BYTES_PER_SENSOR_POINT;
    if (bytes > limits.maxResponseBytes) {
      const mib = (n: number): string => (n / 2 ** 20).toFixed(2);
      issues.push(`simulations: ${count} maps of this grid need ${mib(bytes)} MiB, over the ${mib(limits.maxResponseBytes)} MiB response limit; send smaller batches`);
    }
  }
  const simulations: ValidSimulation[] = [];
  request.simulations.forEach((spec, at) => {
    const valid = checkSimulation(spec, at, issues);
    if (valid) simulations.push(valid);
  });
  if (issues.length > 0 || !chosen || !grid) return { ok: false, issues };
  return { ok: true, batch: { model: chosen.model, settings: chosen.settings, grid, simulations } };
}

/** The INVALID_ARGUMENT details for a list of issues. */
// Issues quote what the client sent. Without a bound, a 100 KB model name came back in the
// grpc-message trailer, which is larger than HTTP/2 allows: the client never got the status, its
// call hung until the deadline and the broken connection took the next calls with it (fuzz test).
const MAX_ISSUE_CHARS = 300;
const bounded = (issue: string): string => (issue.length > MAX_ISSUE_CHARS ? `${issue.slice(0, MAX_ISSUE_CHARS)}… (${issue.length - MAX_ISSUE_CHARS} more characters)` : issue);

export function formatIssues(issues: readonly string[]): string {
  const shown = issues.slice(0, MAX_ISSUES_REPORTED).map(bounded);
  const more = issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}
