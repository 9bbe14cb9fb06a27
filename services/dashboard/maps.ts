// One simulation's signal maps (raw, and refined when the campaign has a `refined` array) and its
// defect's depth map (the `defects` array, on the same sensor cells) for the heatmaps. Values go
// out as plain numbers: one map is a few thousand points. Beside them, what the page labels them
// with: the parameters as a table, the sensor positions in mm and a colour bar per heatmap, so the
// browser only draws.

import type * as Minio from 'minio';
import { parseCampaignSpecObject, sensorGridOf } from '../campaign';
import { getCampaign } from '../catalog/campaigns';
import type { PrismaClient } from '../catalog/client';
import { REFINED_ARRAY, readMapRows } from '../ml/zarr-arrays';
import { datasetPrefix, readDefects } from '../store/dataset';
import { colourBar, depthColourBar, type ColourBar } from './colour-scale';
import { channelInfo, mapAxes, type ChannelInfo, type MapAxes } from './map-axes';
import { paramTable, type ParamRow } from './param-table';

export interface SignalMaps {
  index: number;
  channels: string[];
  channelInfo: ChannelInfo[];
  axial: number;
  circumferential: number;
  /** As stored in the catalog; `table` is what the page shows. */
  params: unknown;
  table: ParamRow[];
  /** Null when the campaign's spec no longer parses: the page then numbers the sensors instead. */
  axes: MapAxes | null;
  /** [channel][axial * circumferential], tesla. */
  raw: number[][];
  refined: number[][] | null;
  colourBars: { raw: ColourBar[]; refined: ColourBar[] | null };
  /**
   * The simulated defect's metal-loss depth (mm), the mean over each sensor cell: [axial *
   * circumferential] on the signal maps' axes. Null when the dataset has no `defects` array
   * (written before depth maps were stored).
   */
  depth: { values: number[]; colourBar: ColourBar } | null;
}

/** The campaign's sensor grid, with the counts of the stored map (what the heatmap draws). */
async function axesOf(prisma: PrismaClient, campaignId: string, axial: number, circumferential: number): Promise<MapAxes | null> {
  const campaign = await getCampaign(prisma, campaignId);
  const parsed = campaign ? parseCampaignSpecObject(campaign.spec) : undefined;
  if (!parsed?.ok) return null;
  return mapAxes({ ...sensorGridOf(parsed.spec), axialCount: axial, circumferentialCount: circumferential });
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
  const rawMaps = split(raw.data);
  const defects = await readDefects(deps.s3, loc, index, 1);
  const depth = defects ? Array.from(defects.data) : null;
  const refinedMaps = refined ? split(refined.data) : null;
  const info = channelInfo(channels);
  return {
    index,
    channels: info.map((c) => c.name),
    channelInfo: info,
    axial,
    circumferential,
    params: sim.params,
    table: paramTable(sim.params),
    axes: await axesOf(deps.prisma, campaignId, axial, circumferential),
    raw: rawMaps,
    refined: refinedMaps,
    colourBars: { raw: rawMaps.map((m) => colourBar(m)), refined: refinedMaps?.map((m) => colourBar(m)) ?? null },
    depth: depth ? { values: depth, colourBar: depthColourBar(depth) } : null,
  };
}
