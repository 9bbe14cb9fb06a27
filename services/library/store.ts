// A library in object storage: a Zarr v3 group under `libraries/<name>/<hash>.zarr` holding
//   depths   [n, A, C] float32 mm, padded to the largest grid with NaN (chunks of one defect and at
//            most TILE x TILE cells, so padding costs no objects)
//   measured [n, 3, A', C'] float32 tesla, when any defect has a measured map (NaN rows without)
// and in its attributes each defect's metadata with its axialCount x circumferentialCount, which
// recover every grid exactly. The prefix is named by the content hash: a new content is written
// beside the old one and the catalog moves to it in one transaction.
import type * as Minio from 'minio';
import { SIGNAL_CHANNELS } from '../domain/defect';
import { BYTES_CODEC, loadZarrita } from '../store/zarr-arrays';
import { S3ZarrStore } from '../store/zarr-s3-store';
import type { LibraryContent, LibraryDefect, MeasuredMap } from './types';
import type { DefectMeta } from './metadata';

/** A Zarr store zarrita reads and writes: an S3 prefix, or a local directory in tests and tools. */
export interface ZarrStore {
  get(key: `/${string}`): Promise<Uint8Array | undefined>;
  set(key: `/${string}`, value: Uint8Array): Promise<void>;
}

export const LIBRARY_FORMAT = 'synthflux-defect-library/1';
const TILE = 128;
// Defects written (and read) at the same time; each is at most 16 chunk objects.
const PARALLEL_DEFECTS = 8;

export const libraryPrefix = (name: string, contentHash: string): string => `libraries/${name}/${contentHash.slice(0, 16)}.zarr`;

export const s3LibraryStore = (s3: Minio.Client, bucket: string, prefix: string): ZarrStore => new S3ZarrStore(s3, bucket, prefix);

/** Attributes entry of one defect: the import metadata format, so a stored library can be imported again. */
export function storedDefectMeta(d: LibraryDefect): DefectMeta {
  return {
    id: d.id,
    wallThicknessMm: d.wallThicknessMm,
    axialPitchMm: d.grid.axialPitchMm,
    circumferentialPitchMm: d.grid.circumferentialPitchMm,
    side: d.side,
    axialCount: d.grid.axialCount,
    circumferentialCount: d.grid.circumferentialCount,
    ...(d.measured
      ? { measured: { units: 'T', sensorGrid: { ...d.measured.sensorGrid }, ...(d.measured.backgroundFieldKAPerM !== undefined ? { backgroundFieldKAPerM: d.measured.backgroundFieldKAPerM } : {}) } }
      : {}),
  };
}

async function inGroups<T>(items: readonly T[], fn: (item: T, k: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += PARALLEL_DEFECTS) {
    await Promise.all(items.slice(start, start + PARALLEL_DEFECTS).map((item, j) => fn(item, start + j)));
  }
}

const maxOf = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0);

/** Writes the group, its arrays and every defect's chunks. */
export async function writeLibraryGroup(store: ZarrStore, content: LibraryContent, attributes: Record<string, unknown>): Promise<void> {
  const zarr = await loadZarrita();
  const n = content.defects.length;
  const A = maxOf(content.defects.map((d) => d.grid.axialCount));
  const C = maxOf(content.defects.map((d) => d.grid.circumferentialCount));
  const group = await zarr.create(store, { attributes: { format: LIBRARY_FORMAT, ...attributes, defects: content.defects.map(storedDefectMeta) } });
  const depths = await zarr.create(group.resolve('depths'), {
    shape: [n, A, C],
    chunkShape: [1, Math.min(A, TILE), Math.min(C, TILE)],
    dtype: 'float32',
    codecs: BYTES_CODEC,
    fillValue: NaN,
    dimensionNames: ['defect', 'axial', 'circumferential'],
    attributes: { units: 'mm' },
  });
  await inGroups(content.defects, async (d, k) => {
    const { axialCount: a, circumferentialCount: c } = d.grid;
    await zarr.set(depths, [k, zarr.slice(0, a), zarr.slice(0, c)], { data: d.grid.depthsMm, shape: [a, c], stride: [c, 1] });
  });
  const withMeasured = content.defects.map((d, k) => ({ m: d.measured, k })).filter((x): x is { m: MeasuredMap; k: number } => x.m !== undefined);
  if (withMeasured.length === 0) return;
  const mA = maxOf(withMeasured.map((x) => x.m.sensorGrid.axialCount));
  const mC = maxOf(withMeasured.map((x) => x.m.sensorGrid.circumferentialCount));
  const measured = await zarr.create(group.resolve('measured'), {
    shape: [n, 3, mA, mC],
    chunkShape: [1, 3, mA, mC],
    dtype: 'float32',
    codecs: BYTES_CODEC,
    fillValue: NaN,
    dimensionNames: ['defect', 'channel', 'axial', 'circumferential'],
    attributes: { units: 'T', channels: [...SIGNAL_CHANNELS] },
  });
  await inGroups(withMeasured, async ({ m, k }) => {
    const { axialCount: a, circumferentialCount: c } = m.sensorGrid;
    await zarr.set(measured, [k, null, zarr.slice(0, a), zarr.slice(0, c)], { data: m.tesla, shape: [3, a, c], stride: [a * c, c, 1] });
  });
}

export interface StoredGridRef {
  index: number;
  axialCount: number;
  circumferentialCount: number;
  measuredGrid?: { axialCount: number; circumferentialCount: number };
}

/** Reads the given defects' depths (and measured maps) from a stored library group. */
export async function readLibraryGroup(store: ZarrStore, refs: readonly StoredGridRef[]): Promise<Array<{ depthsMm: Float32Array; measured?: Float32Array }>> {
  const zarr = await loadZarrita();
  const root = zarr.root(store);
  const depths = await zarr.open.v3(root.resolve('depths'), { kind: 'array' });
  const measured = refs.some((r) => r.measuredGrid) ? await zarr.open.v3(root.resolve('measured'), { kind: 'array' }) : undefined;
  if (depths.dtype !== 'float32' || (measured && measured.dtype !== 'float32')) throw new Error('stored library arrays must be float32');
  const out = new Array<{ depthsMm: Float32Array; measured?: Float32Array }>(refs.length);
  await inGroups(refs, async (r, k) => {
    const grid = await zarr.get(depths, [r.index, zarr.slice(0, r.axialCount), zarr.slice(0, r.circumferentialCount)]);
    const m = r.measuredGrid && measured ? await zarr.get(measured, [r.index, null, zarr.slice(0, r.measuredGrid.axialCount), zarr.slice(0, r.measuredGrid.circumferentialCount)]) : undefined;
    out[k] = { depthsMm: grid.data as Float32Array, ...(m ? { measured: m.data as Float32Array } : {}) };
  });
  return out;
}

/** Deletes every object under a library's prefix (a replaced content, or a write that failed half way). */
export async function removeLibraryStore(s3: Minio.Client, bucket: string, prefix: string): Promise<number> {
  const keys: string[] = [];
  for await (const item of s3.listObjectsV2(bucket, `${prefix}/`, true) as AsyncIterable<{ name?: string }>) if (item.name) keys.push(item.name);
  for (let start = 0; start < keys.length; start += 1000) await s3.removeObjects(bucket, keys.slice(start, start + 1000));
  return keys.length;
}
