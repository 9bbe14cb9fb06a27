// Per-defect metadata of an import: a JSON sidecar beside a .npy or CSV file, or the attributes of
// a Zarr store (the stored library's own attributes have the same shape, so a stored library can be
// imported again). Every problem is an issue naming the defect and the field.
import { z } from 'zod';
import { DEFECT_SIDES, NUMERIC_PARAMS, formatPath } from '../campaign';
import { SENSOR_GRID_BOUNDS } from '../campaign/constants';
import { boundedNumber, expected, flag, isRecord, oneOf, strictObject, unknownKeyMessage } from '../campaign/spec-fields';
import type { DefectSide, SensorGridSpec } from '../domain/defect';
import { TO_TESLA } from '../ml/real-data';
import { DEFECT_ID_PATTERN, DEFECT_ID_TEXT, LIBRARY_LIMITS, type LibraryIssue } from './types';

/** Units a measured map may be given in; it is stored in tesla. */
export const MEASURED_UNITS = Object.keys(TO_TESLA) as [string, ...string[]];

export interface MeasuredMeta {
  /** A .npy file [3, axial, circumferential], relative to the metadata file (not for Zarr stores). */
  file?: string;
  units: string;
  sensorGrid: SensorGridSpec;
  backgroundFieldKAPerM?: number;
}

export interface DefectMeta {
  id: string;
  wallThicknessMm: number;
  /** Required for .npy and Zarr grids; a CSV's pitch comes from its coordinates. */
  axialPitchMm?: number;
  circumferentialPitchMm?: number;
  side: DefectSide;
  /** The defect's part of a padded [n, A, C] array; the whole A x C when not given. */
  axialCount?: number;
  circumferentialCount?: number;
  measured?: MeasuredMeta;
}

/** One metadata entry: how errors name it, and its metadata when valid. */
export interface MetadataEntry {
  label: string;
  meta?: DefectMeta;
}

export interface LibraryMetadata {
  /** What the library was made from (free text). */
  source?: string;
  standIn: boolean;
  entries: MetadataEntry[];
  issues: LibraryIssue[];
}

const grid = SENSOR_GRID_BOUNDS;
const SensorGridSchema = strictObject({
  liftOffMm: boundedNumber(grid.liftOff),
  axialPitchMm: boundedNumber(grid.axialPitch),
  circumferentialPitchMm: boundedNumber(grid.circumferentialPitch),
  axialCount: boundedNumber(grid.axialCount),
  circumferentialCount: boundedNumber(grid.circumferentialCount),
});

const MeasuredSchema = strictObject({
  file: z.string({ error: (iss) => expected('a .npy file name (text)', iss.input) }).min(1, { error: () => 'must be a .npy file name (got an empty text)' }).optional(),
  units: oneOf(MEASURED_UNITS).default('T'),
  sensorGrid: SensorGridSchema,
  backgroundFieldKAPerM: boundedNumber(NUMERIC_PARAMS.backgroundField.allowed).optional(),
});

const count = (max: number) => boundedNumber({ min: 1, max, integer: true });
const fields = {
  wallThicknessMm: boundedNumber(NUMERIC_PARAMS.wallThickness.allowed),
  axialPitchMm: boundedNumber(grid.axialPitch).optional(),
  circumferentialPitchMm: boundedNumber(grid.circumferentialPitch).optional(),
  side: oneOf(DEFECT_SIDES),
  axialCount: count(LIBRARY_LIMITS.maxAxialCount).optional(),
  circumferentialCount: count(LIBRARY_LIMITS.maxCircumferentialCount).optional(),
  measured: MeasuredSchema.optional(),
};

const idSchema = z.string({ error: (iss) => expected(DEFECT_ID_TEXT, iss.input) }).regex(DEFECT_ID_PATTERN, { error: (iss) => expected(DEFECT_ID_TEXT, iss.input) });
const DefectMetaSchema = strictObject({ id: idSchema, ...fields });
// Shared values of every defect (a scan campaign's pitch, one pipe's wall); a defect's own value wins.
const DefaultsSchema = strictObject({
  wallThicknessMm: fields.wallThicknessMm.optional(),
  axialPitchMm: fields.axialPitchMm,
  circumferentialPitchMm: fields.circumferentialPitchMm,
  side: fields.side.optional(),
});

function toIssues(issues: readonly z.core.$ZodIssue[], defect: string | undefined, prefix: readonly PropertyKey[] = []): LibraryIssue[] {
  return issues.flatMap((iss): LibraryIssue[] =>
    iss.code === 'unrecognized_keys'
      ? iss.keys.map((key) => ({ defect, field: formatPath([...prefix, ...iss.path, key]), message: unknownKeyMessage(key, iss.message) }))
      : [{ defect, field: formatPath([...prefix, ...iss.path]) || '(metadata)', message: iss.message }],
  );
}

/** How errors name the k-th entry: its id when it has a valid one, else `#k`. */
export function entryLabel(raw: unknown, k: number): string {
  const id = isRecord(raw) ? raw.id : undefined;
  return typeof id === 'string' && DEFECT_ID_PATTERN.test(id) ? id : `#${k}`;
}

const TOP_TEXT = 'an object with a `defects` list (and optionally `source`, `standIn`, `defaults`)';

export function parseLibraryMetadata(json: unknown): LibraryMetadata {
  const issues: LibraryIssue[] = [];
  if (!isRecord(json)) return { standIn: false, entries: [], issues: [{ field: '(metadata)', message: expected(TOP_TEXT, json) }] };
  const source = z.string({ error: (iss) => expected('text', iss.input) }).max(500, { error: () => 'must be at most 500 characters' }).optional().safeParse(json.source);
  if (!source.success) issues.push(...toIssues(source.error.issues, undefined, ['source']));
  const standIn = flag().optional().safeParse(json.standIn);
  if (!standIn.success) issues.push(...toIssues(standIn.error.issues, undefined, ['standIn']));
  const defaults = DefaultsSchema.optional().safeParse(json.defaults);
  if (!defaults.success) issues.push(...toIssues(defaults.error.issues, undefined, ['defaults']));
  if (!Array.isArray(json.defects)) {
    issues.push({ field: 'defects', message: expected('a list of defects, each with id, wallThicknessMm, side and (for .npy and Zarr grids) axialPitchMm and circumferentialPitchMm', json.defects) });
    return { standIn: standIn.data ?? false, entries: [], issues };
  }
  const shared = defaults.success ? (defaults.data ?? {}) : {};
  const labels = json.defects.map((raw: unknown, k) => entryLabel(raw, k));
  const entries = json.defects.map((raw: unknown, k): MetadataEntry => {
    // An id given twice is named with its position, so each message points at one entry.
    const label = labels.indexOf(labels[k]!) !== labels.lastIndexOf(labels[k]!) ? `${labels[k]} (#${k})` : labels[k]!;
    const parsed = DefectMetaSchema.safeParse(isRecord(raw) ? { ...shared, ...raw } : raw);
    if (parsed.success) return { label, meta: parsed.data };
    issues.push(...toIssues(parsed.error.issues, label));
    return { label };
  });
  return { source: source.success ? source.data : undefined, standIn: standIn.data ?? false, entries, issues };
}
