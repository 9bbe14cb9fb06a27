// Entry points that turn YAML text or a JSON object into a CampaignSpec, or into every issue found.
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { CampaignSpecError } from './errors';
import { resolveMaterial, type MaterialSources } from './materials';
import { unknownKeyMessage } from './spec-fields';
import { crossFieldIssues } from './spec-rules';
import { CampaignSpecSchema } from './spec';
import type { CampaignSpec, CampaignSpecResult, SpecIssue } from './types';

type PathSegment = PropertyKey;

/** `['parameters', 'defectDepth', 'values', 2]` -> `parameters.defectDepth.values[2]`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, seg) => {
    if (typeof seg === 'number') return `${out}[${seg}]`;
    return out === '' ? String(seg) : `${out}.${String(seg)}`;
  }, '');
}

function toSpecIssues(issues: readonly z.core.$ZodIssue[]): SpecIssue[] {
  return issues.flatMap((iss): SpecIssue[] =>
    iss.code === 'unrecognized_keys'
      ? iss.keys.map((key) => ({ path: formatPath([...iss.path, key]), message: unknownKeyMessage(key, iss.message) }))
      : [{ path: formatPath(iss.path), message: iss.message }],
  );
}

function dedupe(issues: SpecIssue[]): SpecIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * Validates a spec that is already a JS value (e.g. JSON from the API, or a parsed spec read back
 * from the catalog). A named material or table file is first resolved into solver.bhCurve.
 */
export function parseCampaignSpecObject(obj: unknown, sources: MaterialSources = {}): CampaignSpecResult {
  const material = resolveMaterial(obj, sources);
  const materialIssues = material.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  const r = CampaignSpecSchema.safeParse(material.value);
  if (r.success && materialIssues.length === 0) return { ok: true, spec: r.data };
  const issues = [...materialIssues, ...(r.success ? [] : toSpecIssues(r.error.issues))];
  // zod skips the cross-field rules when any field failed; run them on the raw input so the
  // author still sees them in the same report.
  const rulesRan = r.success || r.error.issues.some((i) => i.code === 'custom' && i.params?.crossField === true);
  if (!rulesRan) issues.push(...crossFieldIssues(obj).map((i) => ({ path: formatPath(i.path), message: i.message })));
  return { ok: false, errors: dedupe(issues) };
}

/** Points an issue at the deepest YAML node its path reaches, so editors and the CLI can show a line. */
function locate(doc: Document, lines: LineCounter, issue: SpecIssue, path: readonly PathSegment[]): SpecIssue {
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return { ...issue, line, column: col };
    }
  }
  return issue;
}

function parsePath(path: string): PathSegment[] {
  return path === '' ? [] : path.split(/\.|(?=\[)/).map((seg) => (seg.startsWith('[') ? Number(seg.slice(1, -1)) : seg));
}

/**
 * Parses and validates a YAML (or JSON) campaign spec. `source` (a file name) goes into messages;
 * `sources.baseDir` (the spec file's folder) lets `material: { table: file.csv }` be read.
 */
export function parseCampaignSpec(text: string, source?: string, sources: MaterialSources = {}): CampaignSpecResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  const where = source ? ` in ${source}` : '';
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        path: '',
        message: `YAML syntax error${where}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
        ...(e.linePos ? { line: e.linePos[0].line, column: e.linePos[0].col } : {}),
      })),
    };
  }
  let obj: unknown;
  try {
    obj = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { ok: false, errors: [{ path: '', message: `cannot read YAML${where}: ${(err as Error).message}` }] };
  }
  const result = parseCampaignSpecObject(obj, sources);
  if (result.ok) return result;
  return { ok: false, errors: result.errors.map((i) => locate(doc, lines, i, parsePath(i.path))) };
}

/** Like parseCampaignSpec, but throws a CampaignSpecError carrying every issue. */
export function loadCampaignSpec(text: string, source?: string, sources: MaterialSources = {}): CampaignSpec {
  const r = parseCampaignSpec(text, source, sources);
  if (!r.ok) throw new CampaignSpecError(r.errors, source === undefined ? undefined : { source });
  return r.spec;
}
