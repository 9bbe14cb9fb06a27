// One simulation's signal maps (raw, and refined when the campaign has a `refined` array) for the
// heatmaps. Values go out as plain numbers: one map is a few thousand points.

import type * as Minio from 'minio';
import type { PrismaClient } from '../catalog/client';
import { REFINED_ARRAY, readMapRows } from '../ml/zarr-arrays';
import { datasetPrefix } from '../store/dataset';

export interface SignalMaps {
  index: number;
  channels: string[];
  axial: number;
  circumferential: number;
  params: unknown;
  raw: number[][];
  refined: number[][] | null;
}

export async function signalMaps(deps: { prisma: PrismaClient; s3: Minio.Client; bucket: string }, campaignId: string, index: number): Promise<SignalMaps | undefined> {
  const sim = await deps.prisma.simulation.findFirst({ where: { campaignId, index }, select: { params: true } });
  if (!sim) return undefined;
  const loc = { bucket: deps.bucket, prefix: datasetPrefix(campaignId) };
  const raw = await readMapRows(deps.s3, loc, 'signals', index, 1);
  const [, channels = 3, axial = 0, circumferential = 0] = raw.shape;
  // A campaign without refinement has no refined array; that is not an error.
  const refined = await readMapRows(deps.s3, loc, REFINED_ARRAY, index, 1).catch(() => undefined);
  const split = (data: Float32Array): number[][] =>
    Array.from({ length: channels }, (_, c) => Array.from(data.subarray(c * axial * circumferential, (c + 1) * axial * circumferential)));
  return { index, channels: ['Bx', 'By', 'Bz'].slice(0, channels), axial, circumferential, params: sim.params, raw: split(raw.data), refined: refined ? split(refined.data) : null };
}
