// A simulation's parameters as the campaign page shows them: a label, a rounded value and its unit
// per row, in the spec's parameter order. The catalog stores the solver's defect case
// (backgroundFieldKAPerM, defectSide...), so each of its keys is mapped back to the spec's name,
// whose unit the campaign module already defines.

import { DEFECT_CLASSES, NUMERIC_PARAMS, PARAMETER_ORDER, type ParamName } from '../campaign';
import type { DefectCase } from '../domain/defect';

export interface ParamRow {
  /** The key as stored in the catalog. */
  key: string;
  label: string;
  value: string;
  /** Null for words (side, profile) and for keys this table does not know. */
  unit: string | null;
}

interface KnownParam {
  name: ParamName;
  label: string;
  /** Values as words; a value not listed shows as stored. */
  words?: Record<string, string>;
}

const KNOWN: Record<keyof DefectCase, KnownParam> = {
  backgroundFieldKAPerM: { name: 'backgroundField', label: 'Background field' },
  wallThicknessMm: { name: 'wallThickness', label: 'Wall thickness' },
  defectLengthMm: { name: 'defectLength', label: 'Defect length' },
  defectWidthMm: { name: 'defectWidth', label: 'Defect width' },
  defectDepthPercent: { name: 'defectDepth', label: 'Depth' },
  side: { name: 'defectSide', label: 'Side', words: { near: 'near side (facing the sensors)', far: 'far side' } },
  profile: { name: 'defectProfile', label: 'Profile', words: { rectangular: 'rectangular', rounded: 'rounded', 'depth-map': 'depth map' } },
};

// One decimal: sampled values carry 15 digits that mean nothing at the scale of a defect (0.1 mm,
// 0.1 kA/m, 0.1 % of the wall).
const DECIMALS = 1;

function isKnown(key: string): key is keyof DefectCase {
  return Object.hasOwn(KNOWN, key);
}

/** A value of a key this table does not know, as stored (strings without quotes). */
function rawValue(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

function knownRow(key: keyof DefectCase, value: unknown): ParamRow {
  const p = KNOWN[key];
  if (p.words) return { key, label: p.label, value: typeof value === 'string' ? (p.words[value] ?? value) : rawValue(value), unit: null };
  const numeric = p.name in NUMERIC_PARAMS ? NUMERIC_PARAMS[p.name as keyof typeof NUMERIC_PARAMS] : undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return { key, label: p.label, value: rawValue(value), unit: numeric?.unit ?? null };
  return { key, label: p.label, value: value.toFixed(DECIMALS), unit: numeric?.unit ?? null };
}

/**
 * The rows of a stored parameter object: known keys in the spec's parameter order, then every
 * other key as stored, in its own order, so a parameter added later still shows.
 */
export function paramTable(params: unknown): ParamRow[] {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return [{ key: 'params', label: 'params', value: rawValue(params), unit: null }];
  const entries = Object.entries(params as Record<string, unknown>);
  const order = (key: string): number => (isKnown(key) ? PARAMETER_ORDER.indexOf(KNOWN[key].name) : PARAMETER_ORDER.length);
  const known = entries.filter(([k]) => isKnown(k)).sort(([a], [b]) => order(a) - order(b));
  const unknown = entries.filter(([k]) => !isKnown(k));
  return [
    ...known.map(([k, v]) => knownRow(k as keyof DefectCase, v)),
    ...unknown.map(([k, v]) => (k === CLASS_KEY ? classRow(v) : { key: k, label: k, value: rawValue(v), unit: null })),
  ];
}

/** The POF 100 anomaly class the catalog records beside the defect (derived from it, not a spec parameter). */
const CLASS_KEY = 'defectClass';

function classRow(value: unknown): ParamRow {
  const known = typeof value === 'string' && (DEFECT_CLASSES as readonly string[]).includes(value);
  return { key: CLASS_KEY, label: 'POF class', value: known ? value.replace(/-/g, ' ') : rawValue(value), unit: null };
}
