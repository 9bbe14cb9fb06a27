import type * as Minio from 'minio';
import { S3ZarrStore } from './zarr-s3-store';

// The one place synthflux reads and writes Zarr arrays. zarrita ships ES modules only; a dynamic
// import keeps the rest of the project CommonJS.
type Zarrita = typeof import('zarrita');
let zarrita: Promise<Zarrita> | undefined;
export const loadZarrita = (): Promise<Zarrita> => (zarrita ??= import('zarrita'));

export interface DatasetLocation {
  bucket: string;
  /** Object-key prefix of the Zarr v3 group, e.g. `campaigns/<id>/dataset.zarr`. */
  prefix: string;
}

/** Plain little-endian bytes: the codec every Zarr v3 reader supports (zarrita cannot write gzip). */
export const BYTES_CODEC = [{ name: 'bytes', configuration: { endian: 'little' } }];

type OpenedArray = import('zarrita').Array<import('zarrita').DataType, S3ZarrStore>;
// Array metadata never changes once written, so each worker opens an array once, not per batch.
const opened = new WeakMap<Minio.Client, Map<string, Promise<OpenedArray>>>();
const OPEN_LIMIT = 512;

export function openArray(client: Minio.Client, loc: DatasetLocation, name: string): Promise<OpenedArray> {
  let byKey = opened.get(client);
  if (!byKey) opened.set(client, (byKey = new Map<string, Promise<OpenedArray>>()));
  const key = `${loc.bucket}/${loc.prefix}/${name}`;
  let arr = byKey.get(key);
  if (!arr) {
    if (byKey.size >= OPEN_LIMIT) byKey.delete(byKey.keys().next().value!);
    arr = loadZarrita().then((zarr) => zarr.open.v3(zarr.root(new S3ZarrStore(client, loc.bucket, loc.prefix)).resolve(name), { kind: 'array' }));
    // A failed open (not there yet) is not remembered.
    arr.catch(() => byKey.delete(key));
    byKey.set(key, arr);
  }
  return arr;
}

/** True when the group at `loc` has an array `name`; false when there is none. */
export async function hasArray(client: Minio.Client, loc: DatasetLocation, name: string): Promise<boolean> {
  const zarr = await loadZarrita();
  try {
    await openArray(client, loc, name);
    return true;
  } catch (err) {
    if (zarr.isZarritaError(err, 'NotFoundError')) return false;
    throw err;
  }
}

/** Forgets opened arrays under a location, after their metadata was (re)written. */
export function forgetArrays(client: Minio.Client, loc: DatasetLocation): void {
  const byKey = opened.get(client);
  for (const key of byKey?.keys() ?? []) if (key.startsWith(`${loc.bucket}/${loc.prefix}/`)) byKey!.delete(key);
}

export function strides(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) out[i] = out[i + 1]! * shape[i + 1]!;
  return out;
}

/** Rows [start, start + count) along the first axis, all of every other axis. */
export async function readRows<T extends Float32Array | Float64Array>(
  client: Minio.Client,
  loc: DatasetLocation,
  name: string,
  start: number,
  count: number,
): Promise<{ data: T; shape: number[]; attrs: Record<string, unknown> }> {
  const zarr = await loadZarrita();
  const arr = await openArray(client, loc, name);
  const rest = new Array<null>(arr.shape.length - 1).fill(null);
  const chunk = await zarr.get(arr, [zarr.slice(start, start + count), ...rest]);
  return { data: chunk.data as T, shape: chunk.shape, attrs: arr.attrs };
}

/** Writes rows [start, start + rows) of an array; `data` is row-major over [rows, ...the rest]. */
export async function writeRows(client: Minio.Client, loc: DatasetLocation, name: string, start: number, data: Float32Array | Float64Array): Promise<void> {
  const zarr = await loadZarrita();
  const arr = await openArray(client, loc, name);
  const rowSize = arr.shape.slice(1).reduce((a, b) => a * b, 1);
  const shape = [data.length / rowSize, ...arr.shape.slice(1)];
  const rest = new Array<null>(arr.shape.length - 1).fill(null);
  await zarr.set(arr, [zarr.slice(start, start + shape[0]!), ...rest], { data, shape, stride: strides(shape) });
}

/** Object key of the chunk holding `row` (chunks span whole rows of the other axes). */
export function chunkKey(loc: DatasetLocation, name: string, row: number, rowsPerChunk: number, ndim: number): string {
  return `${loc.prefix}/${name}/c/${[Math.floor(row / rowsPerChunk), ...new Array<number>(ndim - 1).fill(0)].join('/')}`;
}
