import type * as Minio from 'minio';
import type { DatasetLayout, DatasetLocation } from '../store/dataset';
import { readMapRows, readParamRows, type MapArrayName } from './zarr-arrays';

export interface MapSample {
  maps: Float32Array;
  params: Float64Array;
  shape: [number, number, number, number];
  paramCount: number;
  /** Campaign indexes of the sampled maps. */
  indexes: number[];
  skippedNonFinite: number;
}

/**
 * A deterministic sample of up to `size` finite maps, read whole batch by whole batch (one chunk
 * object each) from batches spread evenly over the campaign. Failed (NaN) rows are skipped.
 */
export async function sampleMaps(
  s3: Minio.Client,
  loc: DatasetLocation,
  layout: DatasetLayout,
  array: MapArrayName,
  size: number,
  onBatch: (read: number) => void,
): Promise<MapSample> {
  const batches = Math.ceil(layout.count / layout.batchSize);
  const wanted = Math.min(batches, Math.ceil(size / layout.batchSize) + 1);
  const picks = Array.from(new Set(Array.from({ length: wanted }, (_, k) => Math.floor((k * batches) / wanted))));
  const mapSize = layout.channels.length * layout.axialCount * layout.circumferentialCount;
  const P = layout.paramNames.length;
  const maps: Float32Array[] = [];
  const params: Float64Array[] = [];
  const indexes: number[] = [];
  let skipped = 0;
  for (const batch of picks) {
    if (indexes.length >= size) break;
    const start = batch * layout.batchSize;
    const count = Math.min(layout.batchSize, layout.count - start);
    const rows = await readMapRows(s3, loc, array, start, count);
    const prm = await readParamRows(s3, loc, start, count);
    for (let k = 0; k < count && indexes.length < size; k++) {
      const map = rows.data.subarray(k * mapSize, (k + 1) * mapSize);
      if (!map.every(Number.isFinite)) {
        skipped++;
        continue;
      }
      maps.push(map);
      params.push(prm.data.subarray(k * P, (k + 1) * P));
      indexes.push(start + k);
    }
    onBatch(indexes.length);
  }
  const n = indexes.length;
  const out = new Float32Array(n * mapSize);
  const outParams = new Float64Array(n * P);
  maps.forEach((m, k) => out.set(m, k * mapSize));
  params.forEach((p, k) => outParams.set(p, k * P));
  return { maps: out, params: outParams, shape: [n, layout.channels.length, layout.axialCount, layout.circumferentialCount], paramCount: P, indexes, skippedNonFinite: skipped };
}
