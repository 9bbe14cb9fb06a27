// What a reader makes of an import's files before validation: per defect its metadata entry, its
// depth grid as read and the measured map as read. Readers collect every problem they find as
// issues and go on, so one import reports all of them.
import type { DefectMeta, LibraryMetadata } from './metadata';
import { LIBRARY_LIMITS, type LibraryIssue } from './types';

export interface RawGrid {
  axialCount: number;
  circumferentialCount: number;
  /** Row-major [axial][circumferential] depths (mm) as read: not yet checked. */
  values: ArrayLike<number>;
}

export interface RawMeasured {
  /** Where the map came from, for messages (a file, `measured[3]` of a Zarr store). */
  where: string;
  shape: readonly number[];
  values: ArrayLike<number>;
}

export interface SourceDefect {
  /** How messages name the defect: its id, or `#k` while it has no valid one. */
  label: string;
  meta?: DefectMeta;
  depths?: RawGrid;
  /** Pitches found from a CSV's coordinates (an axis with a single value has none). */
  inferredPitch?: { axialPitchMm?: number; circumferentialPitchMm?: number };
  measured?: RawMeasured;
}

export interface LibrarySource {
  /** What the library was made from, as the catalog shows it. */
  description: string;
  standIn: boolean;
  defects: SourceDefect[];
  issues: LibraryIssue[];
}

export interface StackedArray {
  shape: readonly number[];
  data: ArrayLike<number>;
}

/** The issue of a grid with no cells or more than LIBRARY_LIMITS allows; undefined when its size is fine. */
export function gridSizeIssue(label: string, axialCount: number, circumferentialCount: number): LibraryIssue | undefined {
  const size = `${axialCount} x ${circumferentialCount} cells (axial x circumferential)`;
  if (axialCount < 1 || circumferentialCount < 1) return { defect: label, field: 'depths', message: `the grid is empty: ${size}` };
  if (axialCount > LIBRARY_LIMITS.maxAxialCount || circumferentialCount > LIBRARY_LIMITS.maxCircumferentialCount) {
    return { defect: label, field: 'depths', message: `the grid is too large: ${size}; at most ${LIBRARY_LIMITS.maxAxialCount} x ${LIBRARY_LIMITS.maxCircumferentialCount} cells per defect` };
  }
  return undefined;
}

/** Rows [0, rows) x columns [0, cols) of slab k of a [n, A, C] array. */
export function cropSlab(array: StackedArray, k: number, rows: number, cols: number): Float64Array {
  const [A, C] = array.shape.slice(-2) as [number, number];
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = array.data[k * A * C + i * C + j]!;
  return out;
}

/**
 * Pairs the metadata's k-th defect with slab k of a depth array [n, axial, circumferential] (or
 * [axial, circumferential] for one defect), cropped to the defect's axialCount x
 * circumferentialCount when its metadata gives them (a padded stack of grids of different sizes).
 */
export function stackedDefects(array: StackedArray, metadata: LibraryMetadata, what: string): { defects: SourceDefect[]; issues: LibraryIssue[] } {
  const issues: LibraryIssue[] = [];
  const shape = array.shape.length === 2 ? [1, ...array.shape] : array.shape;
  if (shape.length !== 3) {
    issues.push({ field: 'depths', message: `${what} has shape [${array.shape.join(', ')}]; expected [n, axial, circumferential] depths in mm (or [axial, circumferential] for one defect)` });
    return { defects: [], issues };
  }
  const stacked = { shape, data: array.data };
  const [n, A, C] = shape as [number, number, number];
  if (n !== metadata.entries.length) {
    issues.push({ field: 'defects', message: `the metadata lists ${metadata.entries.length} defects but ${what} holds ${n} depth grids; give one metadata entry per grid, in the same order` });
  }
  const defects = metadata.entries.slice(0, n).map((entry, k): SourceDefect => {
    const meta = entry.meta;
    const rows = meta?.axialCount ?? A;
    const cols = meta?.circumferentialCount ?? C;
    if (rows > A || cols > C) {
      const field = rows > A ? 'axialCount' : 'circumferentialCount';
      issues.push({ defect: entry.label, field, message: `${field} ${rows > A ? rows : cols} is larger than the grid in ${what} (${A} x ${C})` });
      return { label: entry.label, meta };
    }
    const size = gridSizeIssue(entry.label, rows, cols);
    if (size) {
      issues.push(size);
      return { label: entry.label, meta };
    }
    return { label: entry.label, meta, depths: { axialCount: rows, circumferentialCount: cols, values: cropSlab(stacked, k, rows, cols) } };
  });
  return { defects, issues };
}
