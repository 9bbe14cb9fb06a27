import { createHash } from 'node:crypto';
import type * as Minio from 'minio';
import { BYTES_CODEC, chunkKey, forgetArrays, loadZarrita, readRows, writeRows, type DatasetLocation } from './zarr-arrays';
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

/**
 * Creates (or re-creates identically) the group and the `signals` and `params` arrays.
 * Metadata only: chunks are written batch by batch.
 */
export async function createDataset(client: Minio.Client, loc: DatasetLocation, layout: DatasetLayout, attributes: Record<string, unknown>): Promise<void> {
  const zarr = await loadZarrita();
  const group = await zarr.create(new S3ZarrStore(client, loc.bucket, loc.prefix), { attributes });
  await createMapArray(client, loc, 'signals', layout, {});
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
}

/** Writes one batch's rows; a batch is exactly one chunk, so the write touches one object per array. */
export async function writeBatchArrays(client: Minio.Client, loc: DatasetLocation, layout: DatasetLayout, batch: BatchArrays): Promise<string[]> {
  await writeRows(client, loc, 'signals', batch.startIndex, batch.signals);
  await writeRows(client, loc, 'params', batch.startIndex, batch.params);
  return [chunkKey(loc, 'signals', batch.startIndex, layout.batchSize, 4), chunkKey(loc, 'params', batch.startIndex, layout.batchSize, 2)];
}

export async function readSignals(client: Minio.Client, loc: DatasetLocation, start: number, count: number): Promise<{ data: Float32Array; shape: number[] }> {
  return readRows<Float32Array>(client, loc, 'signals', start, count);
}

/** sha256 of a float array's little-endian bytes: the checksum of one map in the catalog. */
export function checksumOf(values: Float32Array | Float64Array): string {
  return createHash('sha256').update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)).digest('hex');
}

export async function writeManifest(client: Minio.Client, bucket: string, key: string, manifest: unknown): Promise<void> {
  const body = Buffer.from(JSON.stringify(manifest, null, 2));
  await client.putObject(bucket, key, body, body.length, { 'Content-Type': 'application/json' });
}
