// Simulation identity (DESIGN.md "Contracts"): a content hash of what determines the result, so an
// identical simulation is computed once and reused across campaigns.
import { createHash } from 'node:crypto';
import type { DefectCase, ModelSettings, SensorGridSpec } from '../domain/defect';
import { TEAM13_SHA256 } from '../solver/models/fem/material';
import { B_H_CURVE_MODELS } from './constants';
import type { CampaignSpec } from './types';

/** Significant digits kept when hashing: arithmetic noise (0.1 + 0.2) must not split an identity. */
const HASH_DIGITS = 12;

function canonicalNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`cannot hash a non-finite number (${n})`);
  const rounded = Number(n.toPrecision(HASH_DIGITS));
  return JSON.stringify(rounded === 0 ? 0 : rounded); // also folds -0 into 0
}

/**
 * JSON with sorted keys, no whitespace, undefined members dropped and numbers rounded to 12
 * significant digits, so equal content always gives equal text (1 and 1.0 are both `1`).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return canonicalNumber(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`cannot hash a value of type ${typeof value}`);
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface SimulationIdentity {
  solverName: string;
  solverVersion: string;
  model: string;
  settings: ModelSettings;
  grid: SensorGridSpec;
  defect: DefectCase;
}

/**
 * The material part of an identity: a B-H table by its content hash, never its name or file, so
 * the cache never mixes curves and never splits one. A curve model's default (no material) is TEAM
 * 13 steel, the same content as materials/team13.csv. Other names (linear-<mu_r>, a model's own
 * material) stay names; models without a curve hash as before curves existed.
 */
function materialIdentity(model: string, settings: ModelSettings): { material?: string; bhCurveSha256?: string } {
  if (settings.bhCurve) return { bhCurveSha256: settings.bhCurve.sha256 };
  if (settings.material === undefined && (B_H_CURVE_MODELS as readonly string[]).includes(model)) return { bhCurveSha256: TEAM13_SHA256 };
  return settings.material === undefined ? {} : { material: settings.material };
}

/**
 * A defect as its identity holds it. A depth map by its shape and the sha256 of its depths as the
 * contract carries them (float32, little-endian): the solver computes from exactly those. (The
 * platform is little-endian, as every target of the Dockerfiles is.)
 */
function defectIdentity(defect: DefectCase): object {
  if (defect.profile !== 'depth-map') return defect;
  // Length, width and depth are derived from the map, so they are not part of it.
  const { depthMap, defectLengthMm: _l, defectWidthMm: _w, defectDepthPercent: _d, ...rest } = defect;
  const bytes = Buffer.from(Float32Array.from(depthMap.depthsMm).buffer);
  const { depthsMm: _depths, ...shape } = depthMap;
  return { ...rest, depthMap: { ...shape, depthsFloat32Sha256: createHash('sha256').update(bytes).digest('hex') } };
}

/** sha256 hex of the simulation's identity; the version tag lets the scheme change without collisions. */
export function simulationContentHash(id: SimulationIdentity): string {
  const { solverName, solverVersion, model, settings, grid } = id;
  const defect = defectIdentity(id.defect);
  const identitySettings = { mesh: settings.mesh, ...materialIdentity(model, settings) };
  return sha256Hex(
    canonicalJson({ kind: 'synthflux.simulation/v1', solver: { name: solverName, version: solverVersion }, model, settings: identitySettings, grid, defect }),
  );
}

/** sha256 hex of a parsed (defaults filled) spec: specs that differ only in spelled-out defaults agree. */
export function specHash(spec: CampaignSpec): string {
  return sha256Hex(canonicalJson({ kind: 'synthflux.campaign-spec/v1', spec }));
}
