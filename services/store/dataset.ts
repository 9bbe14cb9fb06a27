import { createHash } from 'node:crypto';
import type * as Minio from 'minio';
import { S3ZarrStore } from './zarr-s3-store';

// zarrita ships ES modules only; a dynamic import keeps the rest of the project CommonJS.
type Zarrita = typeof import('zarrita');
let zarrita: Promise<Zarrita> | undefined;
const loadZarrita = (): Promise<Zarrita> => (zarrita ??= import('zarrita'));

/** Shape of a campaign's dataset: one chunk of `batchSize` simulations per batch. */
export interface DatasetLayout {
  count: number;
  batchSize: number;
  channels: readonly string[];
  axialCount: number;
  circumferentialCount: number;
  paramNames: readonly string[];
}

export interface DatasetLocation {
  bucket: string;
  /** Object-key prefix of the Zarr v3 group, e.g. `campaigns/<id>/dataset.zarr`. */
  prefix: string;
}

export const datasetPrefix = (campaignId: string): string => `campaigns/${campaignId}/dataset.zarr`;
export const manifestKey = (campaignId: string): string => `campaigns/${campaignId}/manifest.json`;
export const datasetUrl = (loc: DatasetLocation): string => `s3://${loc.bucket}/${loc.prefix}`;

// Plain little-endian bytes: the codec every Zarr v3 reader supports (zarrita cannot write gzip).
const BYTES_CODEC = [{ name: 'bytes', configuration: { endian: 'little' } }];

/**
 * Creates (or re-creates identically) the group and the `signals` and `params` arrays.
 * Metadata only: chunks are written batch by batch.
 */
export async function createDataset(
  client: Minio.Client,
  loc: DatasetLocation,
  layout: DatasetLayout,
  attributes: Record<string, unknown>,
): Promise<void> {
  const zarr = await loadZarrita();
  const store = new S3ZarrStore(client, loc.bucket, loc.prefix);
  const group = await zarr.create(store, { attributes });
  await zarr.create(group.resolve('signals'), {
    shape: [layout.count, layout.channels.length, layout.axialCount, layout.circumferentialCount],
    chunkShape: [layout.batchSize, layout.channels.length, layout.axialCount, layout.circumferentialCount],
    dtype: 'float32',
    codecs: BYTES_CODEC,
    fillValue: NaN,
    dimensionNames: ['simulation', 'channel', 'axial', 'circumferential'],
    attributes: { channels: [...layout.channels], units: 'T' },
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
  const zarr = await loadZarrita();
  const store = new S3ZarrStore(client, loc.bucket, loc.prefix);
  const root = zarr.root(store);
  const signals = await zarr.open.v3(root.resolve('signals'), { kind: 'array' });
  const params = await zarr.open.v3(root.resolve('params'), { kind: 'array' });
  const rows = zarr.slice(batch.startIndex, batch.startIndex + batch.count);
  const mapShape = [layout.channels.length, layout.axialCount, layout.circumferentialCount];
  await zarr.set(signals as never, [rows, null, null, null], {
    data: batch.signals,
    shape: [batch.count, ...mapShape],
    stride: strides([batch.count, ...mapShape]),
  } as never);
  await zarr.set(params as never, [rows, null], {
    data: batch.params,
    shape: [batch.count, layout.paramNames.length],
    stride: strides([batch.count, layout.paramNames.length]),
  } as never);
  const chunk = Math.floor(batch.startIndex / layout.batchSize);
  return [`${loc.prefix}/signals/c/${chunk}/0/0/0`, `${loc.prefix}/params/c/${chunk}/0`];
}

export async function readSignals(client: Minio.Client, loc: DatasetLocation, start: number, count: number): Promise<{ data: Float32Array; shape: number[] }> {
  const zarr = await loadZarrita();
  const root = zarr.root(new S3ZarrStore(client, loc.bucket, loc.prefix));
  const signals = await zarr.open.v3(root.resolve('signals'), { kind: 'array' });
  const chunk = await zarr.get(signals, [zarr.slice(start, start + count), null, null, null]);
  return { data: chunk.data as Float32Array, shape: chunk.shape };
}

function strides(shape: number[]): number[] {
  const out = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) out[i] = out[i + 1]! * shape[i + 1]!;
  return out;
}

/** sha256 of a float array's little-endian bytes: the checksum of one map in the catalog. */
export function checksumOf(values: Float32Array | Float64Array): string {
  return createHash('sha256').update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)).digest('hex');
}

export async function writeManifest(client: Minio.Client, bucket: string, key: string, manifest: unknown): Promise<void> {
  const body = Buffer.from(JSON.stringify(manifest, null, 2));
  await client.putObject(bucket, key, body, body.length, { 'Content-Type': 'application/json' });
}
