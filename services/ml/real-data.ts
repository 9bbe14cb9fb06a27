import { createHash } from 'node:crypto';
import type * as Minio from 'minio';
import { PARAM_NAMES } from '../campaign';
import type { PrismaClientOrTransaction } from '../catalog/client';
import { SIGNAL_CHANNELS, type SensorGridSpec } from '../domain/defect';
import { upsertRealDataset, type RealDatasetRow } from './ml-catalog';
import { encodeNpy, type NpyArray } from './npy';

/** Measured maps (or a labeled stand-in) that do not fit the campaign; the message says what to fix. */
export class RealDataError extends Error {
  override readonly name = 'RealDataError';
}

export function isRealDataError(err: unknown): err is RealDataError {
  return err instanceof RealDataError;
}

// Accepted units and their factor to tesla; maps are stored in tesla like the campaign's.
export const TO_TESLA: Record<string, number> = { T: 1, mT: 1e-3, uT: 1e-6, µT: 1e-6, nT: 1e-9, G: 1e-4 };
// Leakage fields are tens of mT at most; anything near 1 T in "tesla" is a unit mistake.
export const MAX_PLAUSIBLE_TESLA = 1;

export interface RealDataInput {
  name: string;
  source: 'MEASURED' | 'STAND_IN';
  maps: NpyArray;
  units: string;
  channels: readonly string[];
  labels?: NpyArray;
  labelNames?: readonly string[];
}

/** Checks maps and labels against the campaign's sensor grid and returns the maps in tesla (float32). */
export function validateRealData(input: RealDataInput, grid: SensorGridSpec): Float32Array {
  const { maps } = input;
  const expected = [SIGNAL_CHANNELS.length, grid.axialCount, grid.circumferentialCount];
  if (maps.shape.length !== 4) throw new RealDataError(`maps have shape [${maps.shape.join(',')}], expected [N, ${expected.join(', ')}] (N maps of channels x axial x circumferential)`);
  const [n, ...map] = maps.shape as [number, number, number, number];
  if (n === 0) throw new RealDataError('the maps file is empty (0 maps)');
  if (map.some((d, i) => d !== expected[i])) {
    throw new RealDataError(
      `shape mismatch: maps are [${map.join(', ')}] per map but the campaign's sensor grid is [${expected.join(', ')}] (channels ${SIGNAL_CHANNELS.join(', ')}, ${grid.axialCount} axial x ${grid.circumferentialCount} circumferential sensors)`,
    );
  }
  if (input.channels.join(',') !== SIGNAL_CHANNELS.join(',')) {
    throw new RealDataError(`channels must be ${SIGNAL_CHANNELS.join(', ')} in that order (got ${input.channels.join(', ')})`);
  }
  const factor = TO_TESLA[input.units];
  if (factor === undefined) throw new RealDataError(`units '${input.units}' are not supported; use one of ${Object.keys(TO_TESLA).join(', ')}`);
  const mapSize = map[0] * map[1] * map[2];
  const tesla = new Float32Array(maps.data.length);
  const badRows: number[] = [];
  let peak = 0;
  for (let k = 0; k < n; k++) {
    let finite = true;
    for (let i = k * mapSize; i < (k + 1) * mapSize; i++) {
      const v = maps.data[i]! * factor;
      if (!Number.isFinite(v)) finite = false;
      else peak = Math.max(peak, Math.abs(v));
      tesla[i] = v;
    }
    if (!finite) badRows.push(k);
  }
  if (badRows.length > 0) {
    throw new RealDataError(`${badRows.length} of ${n} maps contain NaN or infinite values (rows ${badRows.slice(0, 10).join(', ')}${badRows.length > 10 ? ', ...' : ''}); drop or repair them first`);
  }
  if (peak > MAX_PLAUSIBLE_TESLA) throw new RealDataError(`peak |B| is ${peak.toPrecision(3)} T, far above leakage fields; are the units really ${input.units}?`);
  if (input.labels) validateLabels(input.labels, n, input.labelNames ?? []);
  return tesla;
}

function validateLabels(labels: NpyArray, n: number, names: readonly string[]): void {
  if (labels.shape.length !== 2 || labels.shape[0] !== n) throw new RealDataError(`labels have shape [${labels.shape.join(',')}], expected [${n}, P] (one row per map)`);
  if (names.length !== labels.shape[1]) throw new RealDataError(`${names.length} label names for ${labels.shape[1]} label columns`);
  const unknown = names.filter((name) => !(PARAM_NAMES as readonly string[]).includes(name));
  if (unknown.length) throw new RealDataError(`unknown label names ${unknown.join(', ')}; use the campaign's parameter names: ${PARAM_NAMES.join(', ')}`);
}

export const realDataPrefix = (id: string): string => `real/${id}`;

/** Validates, then stores maps (and labels) as .npy plus a manifest in object storage and catalogs the set. */
export async function importRealData(
  deps: { s3: Minio.Client; bucket: string; db: PrismaClientOrTransaction },
  campaign: { id: string; grid: SensorGridSpec },
  input: RealDataInput,
): Promise<RealDatasetRow> {
  const tesla = validateRealData(input, campaign.grid);
  const mapsBytes = encodeNpy({ dtype: 'float32', data: tesla, shape: input.maps.shape });
  const checksum = createHash('sha256').update(mapsBytes).digest('hex');
  const id = `${input.source === 'STAND_IN' ? 'standin' : 'real'}-${checksum.slice(0, 16)}`;
  const prefix = realDataPrefix(id);
  const put = (key: string, body: Buffer, type: string) => deps.s3.putObject(deps.bucket, key, body, body.length, { 'Content-Type': type });
  await put(`${prefix}/maps.npy`, mapsBytes, 'application/octet-stream');
  let labelsKey: string | null = null;
  if (input.labels) {
    labelsKey = `${prefix}/labels.npy`;
    const labels = input.labels.dtype === 'float64' ? input.labels : { dtype: 'float64' as const, data: Float64Array.from(input.labels.data), shape: input.labels.shape };
    await put(labelsKey, encodeNpy(labels), 'application/octet-stream');
  }
  const row: RealDatasetRow = {
    id,
    name: input.name,
    source: input.source,
    campaignId: campaign.id,
    count: input.maps.shape[0]!,
    shape: input.maps.shape,
    channels: [...SIGNAL_CHANNELS],
    units: 'T',
    mapsKey: `${prefix}/maps.npy`,
    labelsKey,
    labelNames: [...(input.labelNames ?? [])],
    sensorGrid: { ...campaign.grid },
    checksum,
  };
  const manifest = { ...row, standIn: input.source === 'STAND_IN', note: input.source === 'STAND_IN' ? 'STAND-IN: generated, not field data' : 'measured' };
  await put(`${prefix}/manifest.json`, Buffer.from(JSON.stringify(manifest, null, 2)), 'application/json');
  await upsertRealDataset(deps.db, row);
  return row;
}
