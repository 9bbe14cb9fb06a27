import type * as Minio from 'minio';
import { createMapArray, type DatasetLayout, type DatasetLocation } from '../store/dataset';
import { chunkKey, readRows, writeRows } from '../store/zarr-arrays';

/** The refiner's output, beside `signals` in the campaign's group, with the same shape and chunks. */
export const REFINED_ARRAY = 'refined';
export type MapArrayName = 'signals' | typeof REFINED_ARRAY;

/** Creates (or re-creates identically) the `refined` array's metadata; chunks are written batch by batch. */
export function createRefinedArray(client: Minio.Client, loc: DatasetLocation, layout: DatasetLayout, attributes: Record<string, unknown>): Promise<void> {
  return createMapArray(client, loc, REFINED_ARRAY, layout, attributes);
}

/** Rows [start, start+count) of a map array: [count, channels, axial, circumferential]. */
export function readMapRows(client: Minio.Client, loc: DatasetLocation, array: MapArrayName, start: number, count: number): Promise<{ data: Float32Array; shape: number[] }> {
  return readRows<Float32Array>(client, loc, array, start, count);
}

export function readParamRows(client: Minio.Client, loc: DatasetLocation, start: number, count: number): Promise<{ data: Float64Array; shape: number[] }> {
  return readRows<Float64Array>(client, loc, 'params', start, count);
}

/** Writes one batch's refined rows; a batch is exactly one chunk, so a retry overwrites the same object. */
export async function writeRefinedRows(client: Minio.Client, loc: DatasetLocation, layout: DatasetLayout, start: number, _count: number, data: Float32Array): Promise<string> {
  await writeRows(client, loc, REFINED_ARRAY, start, data);
  return chunkKey(loc, REFINED_ARRAY, start, layout.batchSize, 4);
}
