// `synthflux dataset export`: a self-contained copy of a campaign's dataset (the Zarr v3 store
// byte for byte, the manifest, a catalog extract, the split and a SHA256SUMS file). Every map is
// checked against its catalog checksum on the way, and every written file is read back and
// checked against the bytes that were meant to be written. Where the dataset has depth maps
// (`defects`), every succeeded simulation must have one.

import type * as Minio from 'minio';
import type { PrismaClient } from '../../catalog/client';
import { getCampaign } from '../../catalog/campaigns';
import { CampaignNotFoundError } from '../../control/status';
import { DEFECTS_ARRAY, datasetPrefix, manifestKey } from '../../store/dataset';
import { readObject } from '../../store/s3';
import { openDestination, sha256Hex } from './destination';
import { SPLIT_RULE, TEST_SPLIT_RULE, splitSimulations } from './split';

export interface ExportOptions {
  prisma: PrismaClient;
  s3: Minio.Client;
  bucket: string;
  region: string;
  campaignId: string;
  to: string;
  validationFraction: number;
}

export interface ExportResult {
  destination: string;
  files: number;
  bytes: number;
  mapsVerified: number;
  /** Succeeded simulations with a finite depth map; null when the dataset has no `defects` array. */
  depthMaps: number | null;
  train: number;
  validation: number;
}

export class ExportVerificationError extends Error {
  override readonly name = 'ExportVerificationError';
}

async function listKeys(s3: Minio.Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const item of s3.listObjectsV2(bucket, prefix, true) as AsyncIterable<{ name?: string }>) if (item.name) keys.push(item.name);
  return keys.sort();
}

const csvField = (value: string | number | null): string => (value === null ? '' : /[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));

export async function exportDataset(opts: ExportOptions): Promise<ExportResult> {
  const campaign = await getCampaign(opts.prisma, opts.campaignId);
  if (!campaign) throw new CampaignNotFoundError(`campaign '${opts.campaignId}' is not in the catalog`);
  if (campaign.state === 'RUNNING') throw new Error(`campaign '${opts.campaignId}' is still running; export it once it has finished`);
  const rows = await opts.prisma.simulation.findMany({
    where: { campaignId: opts.campaignId },
    select: { index: true, status: true, contentHash: true, checksum: true, error: true, defectClass: true },
    orderBy: { index: 'asc' },
  });
  const expected = new Map(rows.filter((r) => r.status === 'SUCCEEDED').map((r) => [r.index, r.checksum]));
  const dest = await openDestination(opts.to, opts.s3, opts.region);
  const written = new Map<string, string>(); // relative path -> sha256
  let bytes = 0;
  const put = async (relative: string, body: Buffer): Promise<void> => {
    await dest.write(relative, body);
    written.set(relative, sha256Hex(body));
    bytes += body.length;
  };

  const prefix = datasetPrefix(opts.campaignId);
  const signalsMeta = await readObject(opts.s3, opts.bucket, `${prefix}/signals/zarr.json`);
  if (!signalsMeta) throw new CampaignNotFoundError(`campaign '${opts.campaignId}' has no dataset in s3://${opts.bucket}/${prefix}`);
  const meta = JSON.parse(signalsMeta.toString('utf8')) as ArrayMeta;
  const chunkRows = meta.chunk_grid.configuration.chunk_shape[0]!;
  const mapValues = rowValues(meta);
  // Datasets written before depth maps were stored have no `defects` array: exported as they are.
  const defectsMetaBody = await readObject(opts.s3, opts.bucket, `${prefix}/${DEFECTS_ARRAY}/zarr.json`);
  const defectsMeta = defectsMetaBody && (JSON.parse(defectsMetaBody.toString('utf8')) as ArrayMeta);
  let mapsVerified = 0;
  let depthMaps = 0;
  for (const key of await listKeys(opts.s3, opts.bucket, `${prefix}/`)) {
    const body = await readObject(opts.s3, opts.bucket, key);
    if (!body) throw new ExportVerificationError(`s3://${opts.bucket}/${key} disappeared during the export`);
    const chunk = /\/signals\/c\/(\d+)\/0\/0\/0$/.exec(key);
    if (chunk) mapsVerified += verifySignalChunk(body, Number(chunk[1]) * chunkRows, mapValues, meta.shape[0]!, expected);
    const defects = defectsMeta && /\/defects\/c\/(\d+)\/0\/0$/.exec(key);
    if (defects) depthMaps += verifyDefectsChunk(body, Number(defects[1]) * defectsMeta.chunk_grid.configuration.chunk_shape[0]!, rowValues(defectsMeta), defectsMeta.shape[0]!, expected);
    await put(`dataset.zarr/${key.slice(prefix.length + 1)}`, body);
  }
  if (mapsVerified !== expected.size) throw new ExportVerificationError(`${expected.size} succeeded simulations in the catalog, but ${mapsVerified} maps in the store`);
  if (defectsMeta && depthMaps !== expected.size) throw new ExportVerificationError(`${expected.size} succeeded simulations in the catalog, but ${depthMaps} depth maps in the store`);

  const manifest = await readObject(opts.s3, opts.bucket, manifestKey(opts.campaignId));
  if (manifest) await put('manifest.json', manifest);
  const split = splitSimulations(rows, opts.validationFraction);
  await put('split.json', Buffer.from(JSON.stringify({ rule: SPLIT_RULE, validationFraction: opts.validationFraction, ...split, test: [], testRule: TEST_SPLIT_RULE })));
  const inSplit = new Map<number, string>([...split.train.map((i) => [i, 'train'] as const), ...split.validation.map((i) => [i, 'validation'] as const)]);
  // defect_class: the POF class (empty for rows cataloged before classes were recorded).
  const csv = [
    'index,split,status,content_hash,checksum,error,defect_class',
    ...rows.map((r) => [r.index, inSplit.get(r.index) ?? '', r.status, r.contentHash, r.checksum, r.error, r.defectClass].map(csvField).join(',')),
  ];
  await put('simulations.csv', Buffer.from(`${csv.join('\n')}\n`));
  const sums = [...written].map(([p, sum]) => `${sum}  ${p}`).join('\n');
  await dest.write('SHA256SUMS', Buffer.from(`${sums}\n`));

  // Read everything back: a copy is only done when the destination holds exactly these bytes.
  for (const [relative, sum] of written) {
    const back = await dest.read(relative);
    if (!back || sha256Hex(back) !== sum) throw new ExportVerificationError(`${dest.describe}/${relative} does not read back with the bytes written`);
  }
  return {
    destination: dest.describe,
    files: written.size + 1,
    bytes,
    mapsVerified,
    depthMaps: defectsMeta ? depthMaps : null,
    train: split.train.length,
    validation: split.validation.length,
  };
}

interface ArrayMeta {
  shape: number[];
  chunk_grid: { configuration: { chunk_shape: number[] } };
}

/** Values per row: the product of every axis but the first. */
const rowValues = (meta: ArrayMeta): number => meta.shape.slice(1).reduce((a, b) => a * b, 1);

/** A chunk's float32 values (copied, so the view is aligned). */
function float32Values(body: Buffer): Float32Array {
  const copy = new Uint8Array(body);
  return new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4));
}

/** Checks each finite map of a signals chunk against its catalog checksum; returns how many it checked. */
function verifySignalChunk(body: Buffer, startIndex: number, mapValues: number, total: number, expected: Map<number, string | null>): number {
  const values = float32Values(body);
  let checked = 0;
  for (let k = 0; (k + 1) * mapValues <= values.length && startIndex + k < total; k++) {
    const index = startIndex + k;
    const map = values.subarray(k * mapValues, (k + 1) * mapValues);
    if (!expected.has(index)) continue;
    const sum = sha256Hex(new Uint8Array(map.buffer, map.byteOffset, map.byteLength));
    if (sum !== expected.get(index)) throw new ExportVerificationError(`simulation ${index}: the map in the store does not match its catalog checksum`);
    checked++;
  }
  return checked;
}

/** Checks that each succeeded simulation of a defects chunk has a finite depth map; returns how many. */
function verifyDefectsChunk(body: Buffer, startIndex: number, rowSize: number, total: number, expected: Map<number, string | null>): number {
  const values = float32Values(body);
  let checked = 0;
  for (let k = 0; (k + 1) * rowSize <= values.length && startIndex + k < total; k++) {
    const index = startIndex + k;
    if (!expected.has(index)) continue;
    if (!values.subarray(k * rowSize, (k + 1) * rowSize).every(Number.isFinite)) {
      throw new ExportVerificationError(`simulation ${index}: succeeded in the catalog, but its depth map in the store (defects) is not finite`);
    }
    checked++;
  }
  return checked;
}
