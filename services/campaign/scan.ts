// The scan sampler: simulation i draws a defect of the campaign's scan library and a variation of
// it (scale, mirror, 180 degree turn, side, field, wall). Pure: draw i is a function of
// (spec, seed, i) and the library's content, computed directly for any i.
//
// - Which defect: stratified. The library's defects in id order; indices [k n, (k + 1) n) take every
//   one of the n defects once, in an order that is a keyed permutation of cycle k (stream
//   'scan-defect'). Any run of consecutive indices uses each defect within one time of the others.
// - The variation: a Latin hypercube over the campaign (one dimension per varying field, in
//   SCAN_AXIS_ORDER), so every range and every probability is met evenly over the whole campaign.
//   A probability p sets its flag where the coordinate is below p.
// - Depth: the scanned depths x depthScale x wall / scanned wall, i.e. depthScale multiplies the
//   metal-loss fraction of the wall; cells beyond MAX_SCAN_LOSS_FRACTION of the wall are cut to it
//   and counted in the transform.
import type { DefectSide, DepthMapDefectCase, DepthMapGrid, SensorGridSpec } from '../domain/defect';
import { depthMapDefect, mirrorDepthMap, rotateDepthMap180, scaleDepthMap } from '../domain/depth-map';
import { AS_SCANNED, MAX_SCAN_LOSS_FRACTION } from './constants';
import { latinHypercubeSampler } from './samplers/latin-hypercube';
import { bits32, bits64, counterOf, streamKey } from './samplers/mix';
import { FEISTEL_ROUNDS, indexPermutation } from './samplers/permutation';
import { axisOf, isVarying, valueAt, type Axis } from './space';
import type { ScanCampaignSpec, ScanLibrary, ScanLibraryDefect, ScanTransform } from './types';

/** The scan sampler's dimensions, in the order they take unit-cube coordinates (append only). */
export const SCAN_AXIS_ORDER = [
  'backgroundField',
  'wallThickness',
  'lengthScale',
  'widthScale',
  'depthScale',
  'mirrorAxial',
  'mirrorCircumferential',
  'rotate180',
  'defectSide',
] as const;
type ScanAxisName = (typeof SCAN_AXIS_ORDER)[number];

/** One scan simulation: the varied defect and what was done to the library defect. */
export interface ScanDraw {
  defect: DepthMapDefectCase;
  transform: ScanTransform;
}

export interface ScanPlan {
  spec: ScanCampaignSpec;
  library: ScanLibrary;
  /** The library's defects in id order (the loader's order is not part of a draw). */
  defects: ScanLibraryDefect[];
  axes: Axis<ScanAxisName>[];
  sample: (index: number) => number[];
  defectKey: bigint;
}

/** The axis of a probability: fixed where it is 0 or 1, else a coordinate compared with p. */
function probabilityAxis(name: ScanAxisName, p: number): Axis<ScanAxisName> {
  return p <= 0 || p >= 1 ? { name, kind: 'fixed', value: p >= 1 ? 1 : 0 } : { name, kind: 'continuous', min: 0, max: 1 };
}

function axesOf(spec: ScanCampaignSpec): Axis<ScanAxisName>[] {
  const { parameters: p, scan } = spec;
  const asScanned = (name: ScanAxisName): Axis<ScanAxisName> => ({ name, kind: 'fixed', value: AS_SCANNED });
  return [
    axisOf('backgroundField', p.backgroundField, 'scan'),
    p.wallThickness === AS_SCANNED ? asScanned('wallThickness') : axisOf('wallThickness', p.wallThickness, 'scan'),
    axisOf('lengthScale', scan.lengthScale, 'scan'),
    axisOf('widthScale', scan.widthScale, 'scan'),
    axisOf('depthScale', scan.depthScale, 'scan'),
    probabilityAxis('mirrorAxial', scan.mirror.axial),
    probabilityAxis('mirrorCircumferential', scan.mirror.circumferential),
    probabilityAxis('rotate180', scan.rotate180),
    p.defectSide === AS_SCANNED ? asScanned('defectSide') : axisOf('defectSide', p.defectSide, 'scan'),
  ];
}

const positive = (v: number): boolean => Number.isFinite(v) && v > 0;
const positiveInteger = (v: number): boolean => Number.isInteger(v) && v > 0;

/** What is wrong with one library defect's shape, if anything (its depths were checked at import). */
function defectProblem(d: ScanLibraryDefect): string | undefined {
  const m = d.depthMap;
  if (!positive(d.wallThicknessMm)) return `wallThicknessMm must be a positive number of mm (got ${d.wallThicknessMm})`;
  if (d.side !== 'near' && d.side !== 'far') return `side must be near or far (got ${String(d.side)})`;
  if (!positive(m.axialPitchMm) || !positive(m.circumferentialPitchMm)) return `depthMap pitches must be positive mm (got ${m.axialPitchMm} x ${m.circumferentialPitchMm})`;
  if (!positiveInteger(m.axialCount) || !positiveInteger(m.circumferentialCount)) return `depthMap counts must be positive integers (got ${m.axialCount} x ${m.circumferentialCount})`;
  if (m.depthsMm.length !== m.axialCount * m.circumferentialCount) {
    return `depthMap.depthsMm has ${m.depthsMm.length} values, not axialCount x circumferentialCount = ${m.axialCount * m.circumferentialCount}`;
  }
  return undefined;
}

/**
 * Why `library` cannot serve the spec, or undefined: it must be the library the spec names (at the
 * content hash it pins, if it pins one), hold defects with distinct ids, and each defect's grid must
 * have its stated shape. The depths themselves were validated when the library was imported and are
 * verified against their content hashes when it is loaded.
 */
export function scanLibraryProblem(spec: ScanCampaignSpec, library: ScanLibrary): string | undefined {
  const { scan } = spec;
  if (library.name !== scan.library) return `campaign '${spec.name}' draws from scan library '${scan.library}', not '${library.name}'`;
  if (scan.libraryContentHash !== undefined && library.contentHash !== scan.libraryContentHash) {
    return `campaign '${spec.name}' pins scan library '${scan.library}' at content hash ${scan.libraryContentHash}, but the library has ${library.contentHash} (it was imported again)`;
  }
  if (library.defects.length === 0) return `scan library '${library.name}' has no defects`;
  const ids = new Set<string>();
  for (const [k, d] of library.defects.entries()) {
    if (ids.has(d.id)) return `scan library '${library.name}' has defect id '${d.id}' twice`;
    ids.add(d.id);
    const problem = defectProblem(d);
    if (problem) return `scan library '${library.name}', defect '${d.id}' (defects[${k}]): ${problem}`;
  }
  return scan.fieldVerifications ? fieldVerificationProblem(spec, library) : undefined;
}

/** The defects a field verification campaign simulates: those with a measured map, in id order. */
export function measuredDefects(library: ScanLibrary): ScanLibraryDefect[] {
  return byId(library.defects.filter((d) => d.measured !== undefined));
}

const byId = (defects: readonly ScanLibraryDefect[]) => [...defects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const sameGrid = (a: SensorGridSpec, b: SensorGridSpec) =>
  a.liftOffMm === b.liftOffMm && a.axialPitchMm === b.axialPitchMm && a.circumferentialPitchMm === b.circumferentialPitchMm && a.axialCount === b.axialCount && a.circumferentialCount === b.circumferentialCount;

function fieldVerificationProblem(spec: ScanCampaignSpec, library: ScanLibrary): string | undefined {
  const measured = measuredDefects(library);
  const where = `field verification campaign '${spec.name}' (scan library '${library.name}')`;
  if (measured.length === 0) return `${where}: the library has no defect with a measured map`;
  if (spec.count !== measured.length) return `${where}: count must be ${measured.length}, the number of measured defects, each simulated once (got ${spec.count})`;
  const noField = measured.filter((d) => d.measured!.backgroundFieldKAPerM === undefined).map((d) => d.id);
  if (noField.length) return `${where}: defects ${noField.slice(0, 5).join(', ')}${noField.length > 5 ? ', ...' : ''} have no measured.backgroundFieldKAPerM (the field they were measured at); import them with it`;
  const g = spec.solver.sensorGrid;
  const grid = { liftOffMm: g.liftOff, axialPitchMm: g.axialPitch, circumferentialPitchMm: g.circumferentialPitch, axialCount: g.axialCount, circumferentialCount: g.circumferentialCount };
  const other = measured.find((d) => !sameGrid(d.measured!.sensorGrid, grid));
  if (other) return `${where}: defect '${other.id}' was measured on sensor grid ${JSON.stringify(other.measured!.sensorGrid)}, the campaign's solver.sensorGrid is ${JSON.stringify(grid)}; they must be equal`;
  return undefined;
}

export function scanPlanOf(spec: ScanCampaignSpec, library: ScanLibrary): ScanPlan {
  const problem = scanLibraryProblem(spec, library);
  if (problem) throw new RangeError(problem);
  const axes = axesOf(spec);
  const varying = axes.filter(isVarying).length;
  const lhs = latinHypercubeSampler(spec.seed, spec.count, varying);
  const defects = spec.scan.fieldVerifications ? measuredDefects(library) : byId(library.defects);
  return { spec, library, defects, axes, sample: varying === 0 ? () => [] : lhs, defectKey: streamKey(spec.seed, 'scan-defect') };
}

/** Which library defect (position in id order) simulation `index` takes: each cycle of n uses all n once. */
export function scanDefectPosition(defectKey: bigint, defectCount: number, index: number): number {
  const cycle = Math.floor(index / defectCount);
  const roundKeys = Array.from({ length: FEISTEL_ROUNDS }, (_, r) => bits32(bits64(defectKey, counterOf(cycle, r))));
  return indexPermutation(defectCount, roundKeys)(index % defectCount);
}

/** Mirrors, turns and scales a scanned map; cells deeper than `capMm` are cut to it. */
function variedMap(
  map: DepthMapGrid,
  v: { mirrorAxial: boolean; mirrorCircumferential: boolean; rotated180: boolean; lengthScale: number; widthScale: number; depthFactor: number; capMm: number },
): { map: DepthMapGrid; clipped: number } {
  let m = map;
  if (v.mirrorAxial) m = mirrorDepthMap(m, 'axial');
  if (v.mirrorCircumferential) m = mirrorDepthMap(m, 'circumferential');
  if (v.rotated180) m = rotateDepthMap180(m);
  // scaleDepthMap always returns a fresh array, so cutting it never touches the library's.
  const scaled = scaleDepthMap(m, { length: v.lengthScale, width: v.widthScale, depth: v.depthFactor });
  const depths = scaled.depthsMm as Float64Array;
  let clipped = 0;
  for (let k = 0; k < depths.length; k++) {
    if (depths[k]! > v.capMm) {
      depths[k] = v.capMm;
      clipped++;
    }
  }
  return { map: scaled, clipped };
}

/** Draw `index` of a scan plan (the caller checks the index against the campaign's count). */
export function scanDrawAt(plan: ScanPlan, index: number): ScanDraw {
  if (plan.spec.scan.fieldVerifications) return asMeasured(plan, plan.defects[index]!);
  const u = plan.sample(index);
  const values = {} as Record<ScanAxisName, number | string>;
  let d = 0;
  for (const axis of plan.axes) {
    const x = axis.kind === 'fixed' ? 0 : u[d++]!;
    values[axis.name] = axis.kind === 'fixed' ? axis.value : valueAt(axis, x);
  }
  const flag = (name: 'mirrorAxial' | 'mirrorCircumferential' | 'rotate180', p: number): boolean => (p <= 0 || p >= 1 ? p >= 1 : (values[name] as number) < p);
  const { scan } = plan.spec;
  const source = plan.defects[scanDefectPosition(plan.defectKey, plan.defects.length, index)]!;
  const wallThicknessMm = values.wallThickness === AS_SCANNED ? source.wallThicknessMm : (values.wallThickness as number);
  const side = values.defectSide === AS_SCANNED ? source.side : (values.defectSide as DefectSide);
  const backgroundFieldKAPerM = values.backgroundField as number;
  const lengthScale = values.lengthScale as number;
  const widthScale = values.widthScale as number;
  const depthScale = values.depthScale as number;
  const depthFactor = (depthScale * wallThicknessMm) / source.wallThicknessMm;
  const mirrorAxial = flag('mirrorAxial', scan.mirror.axial);
  const mirrorCircumferential = flag('mirrorCircumferential', scan.mirror.circumferential);
  const rotated180 = flag('rotate180', scan.rotate180);
  const { map, clipped } = variedMap(source.depthMap, {
    mirrorAxial,
    mirrorCircumferential,
    rotated180,
    lengthScale,
    widthScale,
    depthFactor,
    capMm: MAX_SCAN_LOSS_FRACTION * wallThicknessMm,
  });
  return drawOf(plan, source, { backgroundFieldKAPerM, wallThicknessMm, side, map, clipped, lengthScale, widthScale, depthScale, depthFactor, mirrorAxial, mirrorCircumferential, rotated180 });
}

/** A measured defect as scanned, at the field of its measurement. */
function asMeasured(plan: ScanPlan, source: ScanLibraryDefect): ScanDraw {
  const one = { lengthScale: 1, widthScale: 1, depthScale: 1, depthFactor: 1, mirrorAxial: false, mirrorCircumferential: false, rotated180: false };
  const backgroundFieldKAPerM = source.measured!.backgroundFieldKAPerM!;
  return drawOf(plan, source, { ...one, backgroundFieldKAPerM, wallThicknessMm: source.wallThicknessMm, side: source.side, map: source.depthMap, clipped: 0 });
}

function drawOf(
  plan: ScanPlan,
  source: ScanLibraryDefect,
  v: Omit<ScanTransform, 'library' | 'libraryContentHash' | 'libraryStandIn' | 'defectId' | 'defectContentHash' | 'scannedSide' | 'scannedWallThicknessMm' | 'depthClippedCells'> & { map: DepthMapGrid; clipped: number },
): ScanDraw {
  const { map, clipped, backgroundFieldKAPerM, wallThicknessMm, side, lengthScale, widthScale, depthScale, depthFactor, mirrorAxial, mirrorCircumferential, rotated180 } = v;
  return {
    defect: depthMapDefect({ backgroundFieldKAPerM, wallThicknessMm, side }, map),
    transform: {
      library: plan.library.name,
      libraryContentHash: plan.library.contentHash,
      libraryStandIn: plan.library.standIn,
      defectId: source.id,
      defectContentHash: source.contentHash,
      lengthScale,
      widthScale,
      depthScale,
      depthFactor,
      mirrorAxial,
      mirrorCircumferential,
      rotated180,
      scannedSide: source.side,
      side,
      scannedWallThicknessMm: source.wallThicknessMm,
      wallThicknessMm,
      backgroundFieldKAPerM,
      depthClippedCells: clipped,
    },
  };
}

/**
 * A transform as catalog params (scan-prefixed, beside the defect's own): flags as 0/1, and the
 * STAND-IN flag of the library, so a row drawn from a generated library says so.
 */
export function scanParams(t: ScanTransform): Record<string, number | string> {
  return {
    scanLibrary: t.library,
    scanLibraryContentHash: t.libraryContentHash,
    scanLibraryStandIn: t.libraryStandIn ? 1 : 0,
    scanDefectId: t.defectId,
    scanDefectContentHash: t.defectContentHash,
    scanLengthScale: t.lengthScale,
    scanWidthScale: t.widthScale,
    scanDepthScale: t.depthScale,
    scanDepthFactor: t.depthFactor,
    scanMirrorAxial: t.mirrorAxial ? 1 : 0,
    scanMirrorCircumferential: t.mirrorCircumferential ? 1 : 0,
    scanRotated180: t.rotated180 ? 1 : 0,
    scanScannedSide: t.scannedSide,
    scanScannedWallThicknessMm: t.scannedWallThicknessMm,
    scanDepthClippedCells: t.depthClippedCells,
  };
}
