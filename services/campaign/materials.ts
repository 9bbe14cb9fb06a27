// A spec's steel: a named curve from the repository's materials/ folder or a table file next to
// the spec, resolved into the spec itself (solver.bhCurve). The parsed spec then carries the
// curve's rows, so workers, the catalog and every solver in the pool see the same content without
// reading any file, and the content hash in each simulation's identity is the content solved.
import fs from 'node:fs';
import path from 'node:path';
import { linearMur } from '../solver/models/fem/material';
import { B_H_CURVE_MODELS } from './constants';
import { isRecord } from './spec-fields';
import { parseBHTableCsv } from './bh-table-csv';
import type { RuleIssue } from './spec-rules';

/** The repository's folder of named B-H curves (`<name>.csv`, format in materials/README.md). */
export const MATERIALS_DIR = path.resolve(__dirname, '../../materials');

export interface MaterialSources {
  /** Folder of the named curves; MATERIALS_DIR unless a test or deployment says otherwise. */
  materialsDir?: string;
  /** Folder that `{ table: file }` paths are relative to (the spec file's); without it tables cannot be read. */
  baseDir?: string;
}

/** A resolved curve as it goes into the spec (sha256 is added when the spec is parsed). */
export interface BHCurveInput {
  name: string;
  source: string;
  hAPerM: number[];
  bT: number[];
}

const CURVE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// Models that take a B-H curve; the others keep their material names as they are.
const CURVE_MODELS = new Set<string>(B_H_CURVE_MODELS);

/** Names of the curves in `dir`, sorted. */
export function namedCurves(dir = MATERIALS_DIR): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.csv') && CURVE_NAME.test(f.slice(0, -4)))
      .map((f) => f.slice(0, -4))
      .sort();
  } catch {
    return [];
  }
}

function allowedText(dir: string): string {
  const names = namedCurves(dir).map((n) => (n === 'team13' ? 'team13 (the default)' : n));
  return `a curve in materials/ (${names.join(', ') || 'none found'}), linear-<mu_r> (e.g. linear-1000), or { table: <file.csv> } with rows of H [A/m] and B [T]`;
}

function readCurve(file: string, name: string, source: string, path_: RuleIssue['path']): { curve: BHCurveInput } | { issues: RuleIssue[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err: unknown) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    return { issues: [{ path: path_, message: `cannot read the B-H table ${source} (${code})` }] };
  }
  const parsed = parseBHTableCsv(text, source);
  if (!parsed.ok) return { issues: parsed.issues.map((message) => ({ path: path_, message })) };
  return { curve: { name, source, ...parsed.rows } };
}

function tableCurve(table: unknown, sources: MaterialSources): { curve: BHCurveInput } | { issues: RuleIssue[] } {
  const at = ['solver', 'material', 'table'];
  if (typeof table !== 'string' || table.trim() === '') return { issues: [{ path: at, message: 'must be the path of a CSV file of H [A/m] and B [T] rows, relative to the spec file' }] };
  if (sources.baseDir === undefined) {
    return { issues: [{ path: at, message: `cannot read ${table}: this spec is not a file, so tables next to it cannot be read; name a curve from materials/ or give the rows inline as solver.bhCurve` }] };
  }
  const base = path.basename(table).replace(/\.csv$/i, '').replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64);
  const name = CURVE_NAME.test(base) ? base : 'table';
  return readCurve(path.resolve(sources.baseDir, table), name, table, at);
}

/**
 * Replaces `solver.material` (a curve name or `{ table: file }`) of a raw spec by the curve's rows
 * in `solver.bhCurve`. A spec that already carries solver.bhCurve (a parsed spec read back from the
 * catalog) is returned as it is. On failure the material is dropped from the returned value, so
 * the schema does not report it a second time.
 */
export function resolveMaterial(raw: unknown, sources: MaterialSources = {}): { value: unknown; issues: RuleIssue[] } {
  if (!isRecord(raw) || !isRecord(raw.solver) || raw.solver.bhCurve !== undefined) return { value: raw, issues: [] };
  const { material, model } = raw.solver;
  const isTable = isRecord(material);
  if (material === undefined || (typeof material !== 'string' && !isTable)) return { value: raw, issues: [] };
  const dir = sources.materialsDir ?? MATERIALS_DIR;
  let result: { curve: BHCurveInput } | { issues: RuleIssue[] };
  if (typeof model !== 'string' || !CURVE_MODELS.has(model)) {
    if (!isTable) return { value: raw, issues: [] };
    result = { issues: [{ path: ['solver', 'material'], message: `a B-H table is used by the fem model only (model is '${String(model)}')` }] };
  } else if (isTable) {
    const extra = Object.keys(material).filter((k) => k !== 'table');
    result = extra.length > 0 ? { issues: extra.map((k) => ({ path: ['solver', 'material', k], message: `unknown key '${k}' (allowed keys: table)` })) } : tableCurve(material.table, sources);
  } else if (material.startsWith('linear-')) {
    // A constant permeability: no curve.
    if (linearMur(material) !== undefined) return { value: raw, issues: [] };
    result = { issues: [{ path: ['solver', 'material'], message: `'${material}' is not linear-<mu_r> with a number mu_r >= 1 (e.g. linear-1000)` }] };
  } else if (!CURVE_NAME.test(material) || !fs.existsSync(path.join(dir, `${material}.csv`))) {
    result = { issues: [{ path: ['solver', 'material'], message: `unknown material '${material}'; allowed: ${allowedText(dir)}` }] };
  } else {
    result = readCurve(path.join(dir, `${material}.csv`), material, `materials/${material}.csv`, ['solver', 'material']);
  }
  if ('issues' in result) {
    const { material: _dropped, ...solver } = raw.solver;
    return { value: { ...raw, solver }, issues: result.issues };
  }
  return { value: { ...raw, solver: { ...raw.solver, material: result.curve.name, bhCurve: result.curve } }, issues: [] };
}
