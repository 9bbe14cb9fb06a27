import { createHash } from 'node:crypto';
import type * as Minio from 'minio';
import type { CellGrid } from '../domain/raster';
import { BYTES_CODEC, chunkKey, forgetArrays, hasArray, loadZarrita, readRows, writeRows, type DatasetLocation } from './zarr-arrays';
import { S3ZarrStore } from './zarr-s3-store';

export type { DatasetLocation } from './zarr-arrays';

/** Shape of a campaign's dataset: one chunk of `batchSize` simulations per batch. */
export interface DatasetLayout {
  count: number;
  batchSize: number;
  channels: readonly string[];
  axialCount: number;
  circumferentialCount: number;
  paramNames: readonly string[];
}

export const datasetPrefix = (campaignId: string): string => `campaigns/${campaignId}/dataset.zarr`;
export const manifestKey = (campaignId: string): string => `campaigns/${campaignId}/manifest.json`;
export const datasetUrl = (loc: DatasetLocation): string => `s3://${loc.bucket}/${loc.prefix}`;

/** Creates (or re-creates identically) a [N, channels, axial, circumferential] float32 map array, chunked by batch. */
export async function createMapArray(client: Minio.Client, loc: DatasetLocation, name: string, layout: DatasetLayout, attributes: Record<string, unknown>): Promise<void> {
  const zarr = await loadZarrita();
  const mapShape = [layout.channels.length, layout.axialCount, layout.circumferentialCount];
  await zarr.create(zarr.root(new S3ZarrStore(client, loc.bucket, loc.prefix)).resolve(name), {
    shape: [layout.count, ...mapShape],
    chunkShape: [layout.batchSize, ...mapShape],
    dtype: 'float32',
    codecs: BYTES_CODEC,
    fillValue: NaN,
    dimensionNames: ['simulation', 'channel', 'axial', 'circumferential'],
    attributes: { channels: [...layout.channels], units: 'T', ...attributes },
  });
  forgetArrays(client, loc);
}

/** The simulated defects' depth maps, beside `signals`: [N, axial, circumferential] float32 mm. */
export const DEFECTS_ARRAY = 'defects';

/**
 * What the `defects` array holds, in its attributes and the manifest: units, the grid of cells
 * (the sensor grid's) and from which surface a depth is measured.
 */
export function defectsAttributes(cells: CellGrid): Record<string, unknown> {
  return {
    units: 'mm',
    quantity: 'metal-loss depth of the simulated defect, the mean over each cell (area average)',
    grid: {
      axialPitchMm: cells.axialPitchMm,
      circumferentialPitchMm: cells.circumferentialPitchMm,
      axialCount: cells.axialCount,
      circumferentialCount: cells.circumferentialCount,
      cells:
        "the sensor grid's: cell (i, j) is the pitch x pitch rectangle around sensor (i, j) of signals, " +
        'x in [(i - axialCount/2) axialPitchMm, (i + 1 - axialCount/2) axialPitchMm] and likewise y, centred on the defect',
    },
    depthFrom: 'the surface the defect is on: params column defectSide (0 near, the surface facing the sensors; 1 far)',
    missingValue: 'NaN (failed or not yet solved simulations, the rows whose signals are NaN)',
  };
}

/**
 * Creates (or re-creates identically) the group and the `signals`, `params` and `defects` arrays;
 * `cells` is the grid of the depth maps (the sensor grid's cells). Metadata only: chunks are
 * written batch by batch.
 */
export async function createDataset(client: Minio.Client, loc: DatasetLocation, layout: DatasetLayout, attributes: Record<string, unknown>, cells: CellGrid): Promise<void> {
  if (cells.axialCount !== layout.axialCount || cells.circumferentialCount !== layout.circumferentialCount) {
    throw new RangeError(`cells: the depth maps' grid must be the maps' ${layout.axialCount} x ${layout.circumferentialCount}, got ${cells.axialCount} x ${cells.circumferentialCount}`);
  }
  const zarr = await loadZarrita();
  const group = await zarr.create(new S3ZarrStore(client, loc.bucket, loc.prefix), { attributes });
  await createMapArray(client, loc, 'signals', layout, {});
  const defectShape = [layout.axialCount, layout.circumferentialCount];
  await zarr.create(group.resolve(DEFECTS_ARRAY), {
    shape: [layout.count, ...defectShape],
    chunkShape: [layout.batchSize, ...defectShape],
    dtype: 'float32',
    codecs: BYTES_CODEC,
    fillValue: NaN,
    dimensionNames: ['simulation', 'axial', 'circumferential'],
    attributes: defectsAttributes(cells),
  });
  await zarr.create(group.resolve('params'), {
    shape: [layout.count, layout.paramNames.length],
    chunkShape: [layout.batchSize, layout.paramNames.length],
    dtype: 'float64',
    codecs: BYTES_CODEC,
    fillValue: NaN,
    dimensionNames: ['simulation', 'parameter'],
    attributes: { names: [...layout.paramNames] },
  });
  forgetArrays(client, loc);
}

export interface BatchArrays {
  startIndex: number;
  count: number;
  /** [count, channels, axial, circumferential]; NaN rows for failed simulations. */
  signals: Float32Array;
  /** [count, params]. */
  params: Float64Array;
  /** [count, axial, circumferential] mm; NaN rows where signals has them. Absent: the store has no `defects` array. */
  defects?: Float32Array;
}

/**
 * Writes one batch's rows; a batch is exactly one chunk, so the write touches one object per array.
 * Returns the chunks' object keys.
 */
export async function writeBatchArrays(client: Minio.Client, loc: DatasetLocation, layout: DatasetLayout, batch: BatchArrays): Promise<string[]> {
  await writeRows(client, loc, 'signals', batch.startIndex, batch.signals);
  await writeRows(client, loc, 'params', batch.startIndex, batch.params);
  const keys = [chunkKey(loc, 'signals', batch.startIndex, layout.batchSize, 4), chunkKey(loc, 'params', batch.startIndex, layout.batchSize, 2)];
  if (!batch.defects) return keys;
  await writeRows(client, loc, DEFECTS_ARRAY, batch.startIndex, batch.defects);
  return [...keys, chunkKey(loc, DEFECTS_ARRAY, batch.startIndex, layout.batchSize, 3)];
}

export async function readSignals(client: Minio.Client, loc: DatasetLocation, start: number, count: number): Promise<{ data: Float32Array; shape: number[] }> {
  return readRows<Float32Array>(client, loc, 'signals', start, count);
}

/**
 * True when the store has the `defects` array. Stores created before depth maps were stored have
 * none; their campaigns go on without one rather than with a partly filled array.
 */
export function hasDefects(client: Minio.Client, loc: DatasetLocation): Promise<boolean> {
  return hasArray(client, loc, DEFECTS_ARRAY);
}

/** Depth-map rows [start, start + count): [count, axial, circumferential] mm; undefined when the store has no `defects` array. */
export async function readDefects(
  client: Minio.Client,
  loc: DatasetLocation,
  start: number,
  count: number,
): Promise<{ data: Float32Array; shape: number[]; attrs: Record<string, unknown> } | undefined> {
  if (!(await hasDefects(client, loc))) return undefined;
  return readRows<Float32Array>(client, loc, DEFECTS_ARRAY, start, count);
}

/** sha256 of a float array's little-endian bytes: the checksum of one map in the catalog. */
export function checksumOf(values: Float32Array | Float64Array): string {
  return createHash('sha256').update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)).digest('hex');
}

export async function writeManifest(client: Minio.Client, bucket: string, key: string, manifest: unknown): Promise<void> {
  const body = Buffer.from(JSON.stringify(manifest, null, 2));
  await client.putObject(bucket, key, body, body.length, { 'Content-Type': 'application/json' });
}
