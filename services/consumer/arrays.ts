// Reads one batch's rows straight from the campaign's Zarr v3 store and checks them against the
// event's checksum, so a consumer never trains on a chunk that is not the one that was cataloged.

import type * as Minio from 'minio';
import { checksumOf, readDefects } from '../store/dataset';
import { readRows } from '../store/zarr-arrays';
import type { BatchEvent__Output } from '../../proto/generated/synthflux/subscriptions/v1/BatchEvent';

export interface BatchArrays {
  /** [count, channels, axial, circumferential] float32 tesla; NaN rows for failed simulations. */
  signals: Float32Array;
  signalsShape: number[];
  /** [count, parameters] float64, in the order of `paramNames`. */
  params: Float64Array;
  paramsShape: number[];
  paramNames: string[];
  /**
   * [count, axial, circumferential] float32, the simulated defects' depth maps in mm on the sensor
   * cells (NaN where signals are); null when the dataset has no `defects` array (written before
   * depth maps were stored).
   */
  defects: Float32Array | null;
  defectsShape: number[] | null;
}

export class ChecksumMismatchError extends Error {
  override readonly name = 'ChecksumMismatchError';
}
export const isChecksumMismatch = (err: unknown): err is ChecksumMismatchError => err instanceof ChecksumMismatchError;

export async function readBatchArrays(s3: Minio.Client, event: Pick<BatchEvent__Output, 'bucket' | 'datasetPrefix' | 'startIndex' | 'count' | 'checksum' | 'cursor'>): Promise<BatchArrays> {
  const loc = { bucket: event.bucket, prefix: event.datasetPrefix };
  const signals = await readRows<Float32Array>(s3, loc, 'signals', event.startIndex, event.count);
  const params = await readRows<Float64Array>(s3, loc, 'params', event.startIndex, event.count);
  const data = signals.data;
  if (checksumOf(data) !== event.checksum) {
    throw new ChecksumMismatchError(`batch at cursor ${event.cursor}: the signal rows in s3://${event.bucket}/${event.datasetPrefix} do not match the event's checksum`);
  }
  const names = params.attrs.names;
  const defects = await readDefects(s3, loc, event.startIndex, event.count);
  return {
    signals: data,
    signalsShape: signals.shape,
    params: params.data,
    paramsShape: params.shape,
    paramNames: Array.isArray(names) ? names.map(String) : [],
    defects: defects?.data ?? null,
    defectsShape: defects?.shape ?? null,
  };
}
