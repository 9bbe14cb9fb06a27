// The common laser-scan export: one row per grid point, `x, y, depth` in mm (x along the pipe axis,
// y around it), a header line optional, and a `defect_id` column when the file holds several
// defects. The grid is inferred from the unique x and y values and must be regular and complete.
import type { LibraryIssue } from '../types';
import { LIBRARY_LIMITS } from '../types';

export interface CsvGrid {
  /** The defect_id column's value; undefined in a file without that column. */
  id?: string;
  axialCount: number;
  circumferentialCount: number;
  values: Float64Array;
  /** Undefined along an axis with a single coordinate (a pitch cannot be inferred from one value). */
  axialPitchMm?: number;
  circumferentialPitchMm?: number;
}

export interface CsvParse {
  grids: CsvGrid[];
  /** True when the file has a defect_id column. */
  hasIds: boolean;
  issues: LibraryIssue[];
}

/** A coordinate may sit this far (as a fraction of the pitch) from its grid line: printed decimals, not a wobbling scanner. */
export const GRID_TOLERANCE = 0.02;
// Coordinates are compared after rounding to 0.1 um, far below any scanner's resolution.
const COORDINATE_DECIMALS = 4;
const MAX_ROW_ISSUES = 10;

const COLUMN_NAMES: Record<'x' | 'y' | 'depth' | 'defect_id', readonly string[]> = {
  x: ['x', 'axial'],
  y: ['y', 'circumferential', 'circ'],
  depth: ['depth', 'd'],
  defect_id: ['defect_id', 'defectid', 'defect', 'id'],
};

/** `X (mm)`, `x_mm`, `"Depth [mm]"` -> x, x, depth. */
function columnName(header: string): string {
  return header
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase()
    .replace(/\s*[[(][^\])]*[\])]\s*$/, '')
    .replace(/[\s-]+/g, '_')
    .replace(/_mm$/, '');
}

const isNumberText = (s: string): boolean => s !== '' && !Number.isNaN(Number(s));
// NaN and infinities are numbers the validation reports per defect and cell, not unreadable text.
const NON_FINITE_TEXT = /^[+-]?(nan|inf|infinity)$/i;

function readNumber(text: string): number | undefined {
  if (isNumberText(text)) return Number(text);
  if (NON_FINITE_TEXT.test(text)) return /nan/i.test(text) ? NaN : text.startsWith('-') ? -Infinity : Infinity;
  return undefined;
}

interface Axis {
  count: number;
  pitch?: number;
  origin: number;
}

/** A regular axis through the unique values, or the message saying why there is none. */
function inferAxis(values: readonly number[], name: 'x' | 'y', limit: number): Axis | string {
  const unique = [...new Set(values.map((v) => Number(v.toFixed(COORDINATE_DECIMALS))))].sort((a, b) => a - b);
  const origin = unique[0]!;
  if (unique.length === 1) return { count: 1, origin };
  let minDiff = Infinity;
  for (let k = 1; k < unique.length; k++) minDiff = Math.min(minDiff, unique[k]! - unique[k - 1]!);
  const span = unique[unique.length - 1]! - origin;
  const steps = Math.round(span / minDiff);
  const direction = name === 'x' ? 'axial' : 'circumferential';
  if (unique.length > limit) return `the grid is too large: ${unique.length} distinct ${name} values; at most ${limit} ${direction} cells per defect`;
  const uneven = (why: string) => `uneven ${direction} pitch: ${why}; rows must lie on a regular grid (each ${name} within ${GRID_TOLERANCE * 100} % of a pitch of its grid line)`;
  if (steps + 1 > limit) return uneven(`the smallest ${name} spacing ${minDiff} mm does not divide the span ${span} mm into at most ${limit} cells`);
  for (let k = 1; k < unique.length; k++) {
    const m = (unique[k]! - unique[k - 1]!) / minDiff;
    if (Math.abs(m - Math.round(m)) > GRID_TOLERANCE) {
      return uneven(`${name} steps from ${unique[k - 1]} to ${unique[k]} mm (${+(unique[k]! - unique[k - 1]!).toFixed(COORDINATE_DECIMALS)} mm), not a whole number of the smallest step ${+minDiff.toFixed(COORDINATE_DECIMALS)} mm`);
    }
  }
  const pitch = span / steps;
  for (const u of unique) {
    const t = (u - origin) / pitch;
    if (Math.abs(t - Math.round(t)) > GRID_TOLERANCE) return uneven(`${name} = ${u} mm is ${(Math.abs(t - Math.round(t)) * 100).toFixed(0)} % of a pitch (${+pitch.toPrecision(6)} mm) off the grid`);
  }
  return { count: steps + 1, pitch: Math.round(pitch * 1e6) / 1e6, origin };
}

interface Rows {
  label: string;
  xs: number[];
  ys: number[];
  depths: number[];
  lines: number[];
}

function gridOf(rows: Rows, issues: LibraryIssue[]): CsvGrid | undefined {
  const defect = rows.label;
  const ax = inferAxis(rows.xs, 'x', LIBRARY_LIMITS.maxAxialCount);
  const ci = inferAxis(rows.ys, 'y', LIBRARY_LIMITS.maxCircumferentialCount);
  if (typeof ax === 'string') issues.push({ defect, field: 'x', message: ax });
  if (typeof ci === 'string') issues.push({ defect, field: 'y', message: ci });
  if (typeof ax === 'string' || typeof ci === 'string') return undefined;
  const values = new Float64Array(ax.count * ci.count).fill(NaN);
  const lineOf = new Int32Array(ax.count * ci.count);
  const duplicates: string[] = [];
  let duplicateCount = 0;
  const at = (origin: number, pitch: number | undefined, v: number) => (pitch === undefined ? 0 : Math.round((v - origin) / pitch));
  rows.xs.forEach((x, r) => {
    const y = rows.ys[r]!;
    const cell = at(ax.origin, ax.pitch, x) * ci.count + at(ci.origin, ci.pitch, y);
    if (lineOf[cell]) {
      duplicateCount++;
      if (duplicates.length < 3) duplicates.push(`x = ${x}, y = ${y} (lines ${lineOf[cell]} and ${rows.lines[r]})`);
      return;
    }
    lineOf[cell] = rows.lines[r]!;
    values[cell] = rows.depths[r]!;
  });
  if (duplicateCount > 0) issues.push({ defect, field: 'x, y', message: `${duplicateCount} grid point${duplicateCount === 1 ? ' appears' : 's appear'} more than once: ${duplicates.join('; ')}` });
  const missing: string[] = [];
  let missingCount = 0;
  for (let cell = 0; cell < lineOf.length; cell++) {
    if (lineOf[cell]) continue;
    missingCount++;
    const i = Math.floor(cell / ci.count);
    const j = cell % ci.count;
    if (missing.length < 3) missing.push(`x = ${+(ax.origin + i * (ax.pitch ?? 0)).toFixed(COORDINATE_DECIMALS)}, y = ${+(ci.origin + j * (ci.pitch ?? 0)).toFixed(COORDINATE_DECIMALS)}`);
  }
  if (missingCount > 0) {
    issues.push({
      defect,
      field: 'x, y',
      message: `${missingCount} of ${lineOf.length} grid points ${missingCount === 1 ? 'has' : 'have'} no row (${missing.join('; ')}${missingCount > 3 ? '; ...' : ''}); a scan must cover its whole ${ax.count} x ${ci.count} grid (0 where there is no metal loss)`,
    });
  }
  if (duplicateCount > 0 || missingCount > 0) return undefined;
  return { axialCount: ax.count, circumferentialCount: ci.count, values, axialPitchMm: ax.pitch, circumferentialPitchMm: ci.pitch };
}

function delimiterOf(line: string): string {
  if (line.includes(',')) return ',';
  if (line.includes(';')) return ';';
  return line.includes('\t') ? '\t' : ',';
}

/**
 * Parses a laser-scan CSV into grids: one per defect_id, in order of first appearance. Problems of a
 * file without defect_id name its one defect `soleLabel` (the id its metadata gives it).
 */
export function parseDepthCsv(text: string, what: string, soleLabel = '#0'): CsvParse {
  const issues: LibraryIssue[] = [];
  const lines = text.split(/\r?\n/).map((l, k) => ({ text: l.trim(), line: k + 1 })).filter((l) => l.text !== '' && !l.text.startsWith('#'));
  if (lines.length === 0) return { grids: [], hasIds: false, issues: [{ field: 'file', message: `${what} has no rows (expected x, y, depth rows in mm)` }] };
  const delimiter = delimiterOf(lines[0]!.text);
  const split = (t: string) => t.split(delimiter).map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
  const first = split(lines[0]!.text);
  let columns: Record<keyof typeof COLUMN_NAMES, number>;
  let body = lines;
  if (first.every((f) => readNumber(f) !== undefined)) {
    if (first.length !== 3) {
      const message = `without a header line the rows must be x, y, depth (3 columns); line ${lines[0]!.line} has ${first.length}. Name the columns in a header (x, y, depth and defect_id)`;
      return { grids: [], hasIds: false, issues: [{ field: 'header', message }] };
    }
    columns = { x: 0, y: 1, depth: 2, defect_id: -1 };
  } else {
    const names = first.map(columnName);
    const find = (key: keyof typeof COLUMN_NAMES) => names.findIndex((n) => COLUMN_NAMES[key].includes(n));
    columns = { x: find('x'), y: find('y'), depth: find('depth'), defect_id: find('defect_id') };
    const absent = (['x', 'y', 'depth'] as const).filter((k) => columns[k] < 0);
    if (absent.length > 0) {
      const message = `line ${lines[0]!.line} has no ${absent.join(', ')} column (found ${first.join(', ')}); the columns are x, y, depth in mm and, for several defects, defect_id`;
      return { grids: [], hasIds: false, issues: [{ field: 'header', message }] };
    }
    body = lines.slice(1);
  }
  const hasIds = columns.defect_id >= 0;
  const width = Math.max(columns.x, columns.y, columns.depth, columns.defect_id) + 1;
  const groups = new Map<string, Rows>();
  const rowIssues: string[] = [];
  let rowIssueCount = 0;
  const rowIssue = (message: string) => {
    rowIssueCount++;
    if (rowIssues.length < MAX_ROW_ISSUES) rowIssues.push(message);
  };
  for (const { text: t, line } of body) {
    const f = split(t);
    if (f.length < width) {
      rowIssue(`line ${line} has ${f.length} columns, expected ${width}`);
      continue;
    }
    const x = isNumberText(f[columns.x]!) ? Number(f[columns.x]) : undefined;
    const y = isNumberText(f[columns.y]!) ? Number(f[columns.y]) : undefined;
    const depth = readNumber(f[columns.depth]!);
    const id = hasIds ? f[columns.defect_id]! : '';
    if (x === undefined || !Number.isFinite(x)) rowIssue(`line ${line}: x '${f[columns.x]}' is not a number`);
    if (y === undefined || !Number.isFinite(y)) rowIssue(`line ${line}: y '${f[columns.y]}' is not a number`);
    if (depth === undefined) rowIssue(`line ${line}: depth '${f[columns.depth]}' is not a number`);
    if (hasIds && id === '') rowIssue(`line ${line}: defect_id is empty`);
    if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y) || depth === undefined || (hasIds && id === '')) continue;
    let rows = groups.get(id);
    if (!rows) groups.set(id, (rows = { label: hasIds ? id : soleLabel, xs: [], ys: [], depths: [], lines: [] }));
    rows.xs.push(x);
    rows.ys.push(y);
    rows.depths.push(depth);
    rows.lines.push(line);
  }
  if (rowIssueCount > 0) {
    issues.push({ field: 'rows', message: `${rowIssueCount} unreadable row${rowIssueCount === 1 ? '' : 's'} in ${what}: ${rowIssues.join('; ')}${rowIssueCount > rowIssues.length ? '; ...' : ''}` });
  }
  if (groups.size === 0 && rowIssueCount === 0) issues.push({ field: 'file', message: `${what} has a header but no rows` });
  const grids: CsvGrid[] = [];
  for (const [id, rows] of groups) {
    const grid = gridOf(rows, issues);
    if (grid) grids.push(hasIds ? { ...grid, id } : grid);
  }
  return { grids, hasIds, issues };
}
