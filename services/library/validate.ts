// Every check of an import, collected: nothing is written unless all defects pass.
import { MAX_PLAUSIBLE_TESLA, TO_TESLA } from '../ml/real-data';
import { gridSizeIssue, type RawGrid, type RawMeasured, type SourceDefect, type LibrarySource } from './source';
import { LIBRARY_LIMITS, type LibraryContent, type LibraryDefect, type LibraryIssue, type MeasuredMap } from './types';
import type { DefectMeta } from './metadata';

// Pitches given in the metadata and inferred from a CSV's coordinates must agree to this fraction.
const PITCH_AGREEMENT = 0.02;
const SHOWN_CELLS = 3;

/** `1 cell is`, `3 cells are`. */
const cellsAre = (n: number) => (n === 1 ? '1 cell is' : `${n} cells are`);

/** `n cells ... (first [i,j] = v mm, ...)`: a count and the first few cells, so a bad scan is one line. */
function cellList(cells: Array<[number, number, number]>): string {
  const shown = cells.slice(0, SHOWN_CELLS).map(([i, j, v]) => `[${i},${j}] = ${v} mm`);
  return `${shown.join(', ')}${cells.length > SHOWN_CELLS ? ', ...' : ''}`;
}

function pitchOf(d: SourceDefect, meta: DefectMeta, key: 'axialPitchMm' | 'circumferentialPitchMm', issues: LibraryIssue[]): number | undefined {
  const given = meta[key];
  const inferred = d.inferredPitch?.[key];
  if (given !== undefined && inferred !== undefined && Math.abs(given - inferred) > PITCH_AGREEMENT * inferred) {
    issues.push({ defect: d.label, field: key, message: `is ${given} mm but the file's coordinates are ${inferred} mm apart` });
    return undefined;
  }
  const pitch = given ?? inferred;
  if (pitch === undefined) {
    const why = d.inferredPitch ? 'the file has a single coordinate along that axis, so the pitch cannot be inferred' : 'a .npy or Zarr grid has no coordinates';
    issues.push({ defect: d.label, field: key, message: `is required: the cell size in mm (${why})` });
  }
  return pitch;
}

/** Depths as float32 (what is stored), or undefined with the issues of every bad cell. */
function checkDepths(label: string, raw: RawGrid, wallThicknessMm: number, issues: LibraryIssue[]): Float32Array | undefined {
  const size = gridSizeIssue(label, raw.axialCount, raw.circumferentialCount);
  if (size) {
    issues.push(size);
    return undefined;
  }
  const depths = Float32Array.from(raw.values);
  const nonFinite: Array<[number, number, number]> = [];
  const negative: Array<[number, number, number]> = [];
  const beyond: Array<[number, number, number]> = [];
  let loss = false;
  for (let k = 0; k < depths.length; k++) {
    const v = depths[k]!;
    const cell: [number, number, number] = [Math.floor(k / raw.circumferentialCount), k % raw.circumferentialCount, v];
    if (!Number.isFinite(v)) nonFinite.push(cell);
    else if (v < 0) negative.push(cell);
    else if (v >= wallThicknessMm) beyond.push(cell);
    if (v > 0) loss = true;
  }
  const before = issues.length;
  if (nonFinite.length > 0) {
    issues.push({ defect: label, field: 'depths', message: `${cellsAre(nonFinite.length)} NaN or infinite (${cellList(nonFinite)}); every cell needs a depth in mm, 0 where there is no metal loss` });
  }
  if (negative.length > 0) {
    issues.push({ defect: label, field: 'depths', message: `${cellsAre(negative.length)} negative (${cellList(negative)}); depth is metal loss in mm, >= 0 (negate a scan that records loss as negative heights)` });
  }
  if (beyond.length > 0) {
    const worst = beyond.reduce((a, b) => (b[2] > a[2] ? b : a));
    issues.push({
      defect: label,
      field: 'depths',
      message: `${cellsAre(beyond.length)} at or beyond the wall thickness ${wallThicknessMm} mm (deepest ${cellList([worst])}); a depth map's loss must stay inside the wall`,
    });
  }
  if (!loss && nonFinite.length === 0) issues.push({ defect: label, field: 'depths', message: `no cell has metal loss (all ${depths.length} depths are 0): an empty grid` });
  return issues.length === before ? depths : undefined;
}

function checkMeasured(label: string, meta: NonNullable<DefectMeta['measured']>, raw: RawMeasured | undefined, issues: LibraryIssue[]): MeasuredMap | undefined {
  if (!raw) return undefined; // the reader said why
  const grid = meta.sensorGrid;
  const expected = [3, grid.axialCount, grid.circumferentialCount];
  if (raw.shape.length !== 3 || raw.shape.some((n, k) => n !== expected[k])) {
    issues.push({
      defect: label,
      field: 'measured',
      message: `${raw.where} has shape [${raw.shape.join(', ')}] but its sensor grid is [${expected.join(', ')}] (Bx, By, Bz x ${grid.axialCount} axial x ${grid.circumferentialCount} circumferential sensors)`,
    });
    return undefined;
  }
  const factor = TO_TESLA[meta.units]!;
  const tesla = Float32Array.from(raw.values, (v) => v * factor);
  let bad = 0;
  let peak = 0;
  for (const v of tesla) {
    if (!Number.isFinite(v)) bad++;
    else peak = Math.max(peak, Math.abs(v));
  }
  if (bad > 0) {
    issues.push({ defect: label, field: 'measured', message: `${bad} of ${tesla.length} values of ${raw.where} ${bad === 1 ? 'is' : 'are'} NaN or infinite` });
    return undefined;
  }
  if (peak > MAX_PLAUSIBLE_TESLA) {
    issues.push({ defect: label, field: 'measured.units', message: `peak |B| of ${raw.where} is ${peak.toPrecision(3)} T, far above leakage fields; are the units really ${meta.units}?` });
    return undefined;
  }
  return { sensorGrid: { ...grid }, tesla, ...(meta.backgroundFieldKAPerM !== undefined ? { backgroundFieldKAPerM: meta.backgroundFieldKAPerM } : {}) };
}

function checkDefect(d: SourceDefect, issues: LibraryIssue[]): LibraryDefect | undefined {
  const meta = d.meta;
  if (!meta || !d.depths) return undefined; // the metadata or the reader said why
  const axialPitchMm = pitchOf(d, meta, 'axialPitchMm', issues);
  const circumferentialPitchMm = pitchOf(d, meta, 'circumferentialPitchMm', issues);
  const depthsMm = checkDepths(d.label, d.depths, meta.wallThicknessMm, issues);
  const measured = meta.measured ? checkMeasured(d.label, meta.measured, d.measured, issues) : undefined;
  if (axialPitchMm === undefined || circumferentialPitchMm === undefined || !depthsMm || (meta.measured && !measured)) return undefined;
  return {
    id: meta.id,
    wallThicknessMm: meta.wallThicknessMm,
    side: meta.side,
    grid: { axialPitchMm, circumferentialPitchMm, axialCount: d.depths.axialCount, circumferentialCount: d.depths.circumferentialCount, depthsMm },
    ...(measured ? { measured } : {}),
  };
}

/** Checks a whole source; `content` is usable only when `issues` is empty. */
export function validateLibrary(source: LibrarySource): { content: LibraryContent; issues: LibraryIssue[] } {
  const issues = [...source.issues];
  const n = source.defects.length;
  if (n === 0 && issues.length === 0) issues.push({ field: 'defects', message: 'the library has no defects' });
  if (n > LIBRARY_LIMITS.maxDefects) issues.push({ field: 'defects', message: `the library has ${n} defects; at most ${LIBRARY_LIMITS.maxDefects} per library` });
  const seen = new Map<string, number>();
  source.defects.forEach((d, k) => {
    const id = d.meta?.id;
    if (id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined) issues.push({ defect: d.label, field: 'id', message: `duplicate id: defects #${first} and #${k} are both ${id}` });
    else seen.set(id, k);
  });
  const defects = source.defects.map((d) => checkDefect(d, issues)).filter((d): d is LibraryDefect => d !== undefined);
  return { content: { standIn: source.standIn, defects }, issues };
}
