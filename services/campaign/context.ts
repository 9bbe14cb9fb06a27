// What the campaign and ML activities derive from a cataloged campaign. Not part of the module's
// index: it reads the catalog and throws activity failures.

import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from '../catalog/client';
import { getCampaign } from '../catalog/campaigns';
import { SIGNAL_CHANNELS, type SensorGridSpec } from '../domain/defect';
import { datasetPrefix, type DatasetLayout, type DatasetLocation } from '../store/dataset';
import { formatSpecIssues } from './errors';
import { PARAM_NAMES, campaignTotal, sensorGridOf } from './expand';
import { parseCampaignSpecObject } from './parse';
import type { CampaignSpec } from './types';

/** What the activities of one campaign need, derived from its cataloged spec. */
export interface CampaignContext {
  campaignId: string;
  spec: CampaignSpec;
  total: number;
  grid: SensorGridSpec;
  layout: DatasetLayout;
  location: DatasetLocation;
}

// Specs never change after submission, so each worker loads a campaign's spec once.
const cache = new Map<string, CampaignContext>();
const CACHE_LIMIT = 256;

export async function loadCampaignContext(deps: { prisma: PrismaClient; bucket: string }, campaignId: string): Promise<CampaignContext> {
  const hit = cache.get(campaignId);
  if (hit) return hit;
  const campaign = await getCampaign(deps.prisma, campaignId);
  if (!campaign) throw ApplicationFailure.nonRetryable(`campaign ${campaignId} is not in the catalog`, 'CampaignNotFound');
  const parsed = parseCampaignSpecObject(campaign.spec);
  if (!parsed.ok) {
    throw ApplicationFailure.nonRetryable(`campaign ${campaignId} has an invalid spec:\n${formatSpecIssues(parsed.errors)}`, 'InvalidSpec');
  }
  const spec = parsed.spec;
  const grid = sensorGridOf(spec);
  const total = campaignTotal(spec);
  const context: CampaignContext = {
    campaignId,
    spec,
    total,
    grid,
    layout: {
      count: total,
      batchSize: spec.batchSize,
      channels: SIGNAL_CHANNELS,
      axialCount: grid.axialCount,
      circumferentialCount: grid.circumferentialCount,
      paramNames: PARAM_NAMES,
    },
    location: { bucket: deps.bucket, prefix: datasetPrefix(campaignId) },
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(campaignId, context);
  return context;
}
