// What the campaign and ML activities derive from a cataloged campaign. Not part of the module's
// index: it reads the catalog and throws activity failures.

import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from '../catalog/client';
import { getCampaign } from '../catalog/campaigns';
import { SIGNAL_CHANNELS, type SensorGridSpec } from '../domain/defect';
import { datasetPrefix, type DatasetLayout, type DatasetLocation } from '../store/dataset';
import { formatSpecIssues } from './errors';
import { PARAM_NAMES, campaignTotal, sensorGridOf, type ExpansionInputs } from './expand';
import { parseCampaignSpecObject } from './parse';
import { scanLibraryProblem } from './scan';
import type { CampaignSpec, ScanCampaignSpec, ScanLibrary } from './types';

/**
 * Reads scan library `name` with every defect's depth map, verified against the library's content
 * hashes; undefined when no library has that name. A transient failure throws (and is retried); a
 * library that is there but unreadable should throw a non-retryable ApplicationFailure.
 */
export type ScanLibraryLoader = (name: string) => Promise<ScanLibrary | undefined>;

/** What the activities of one campaign need, derived from its cataloged spec. */
export interface CampaignContext {
  campaignId: string;
  spec: CampaignSpec;
  total: number;
  grid: SensorGridSpec;
  layout: DatasetLayout;
  location: DatasetLocation;
  /** A scan campaign's library, when the caller gave a loader (the campaign activities do). */
  library?: ScanLibrary;
}

export interface CampaignContextDeps {
  prisma: PrismaClient;
  bucket: string;
  /** Needed to expand a scan campaign; activities that never expand simulations leave it out. */
  loadScanLibrary?: ScanLibraryLoader;
}

// Specs never change after submission, so each worker loads a campaign's spec once, and a scan
// campaign's library once: every batch this worker expands draws from the same library content.
const cache = new Map<string, CampaignContext>();
const libraries = new Map<string, ScanLibrary>();
const CACHE_LIMIT = 256;

function remember<T>(map: Map<string, T>, key: string, value: T): void {
  if (map.size >= CACHE_LIMIT) map.delete(map.keys().next().value!);
  map.set(key, value);
}

export async function loadCampaignContext(deps: CampaignContextDeps, campaignId: string): Promise<CampaignContext> {
  const context = await specContext(deps, campaignId);
  if (context.spec.sampler !== 'scan' || !deps.loadScanLibrary) return context;
  return { ...context, library: await scanLibraryOf(deps.loadScanLibrary, campaignId, context.spec) };
}

/**
 * What expansion needs for this campaign: a scan campaign's library, which must have been loaded
 * (a worker without a library loader cannot solve a scan campaign, and retrying will not help).
 */
export function expansionOf(ctx: CampaignContext): ExpansionInputs {
  if (ctx.spec.sampler !== 'scan') return {};
  if (!ctx.library) {
    throw ApplicationFailure.nonRetryable(
      `campaign ${ctx.campaignId} draws from scan library '${ctx.spec.scan.library}', and this worker has no scan library loader (ActivityDeps.loadScanLibrary)`,
      'ScanLibraryUnavailable',
    );
  }
  return { library: ctx.library };
}

async function scanLibraryOf(load: ScanLibraryLoader, campaignId: string, spec: ScanCampaignSpec): Promise<ScanLibrary> {
  const hit = libraries.get(campaignId);
  if (hit) return hit;
  const name = spec.scan.library;
  const library = await load(name);
  if (!library) {
    throw ApplicationFailure.nonRetryable(`campaign ${campaignId} draws from scan library '${name}', which is not in the catalog (synthflux defects list shows the libraries)`, 'ScanLibraryNotFound');
  }
  const problem = scanLibraryProblem(spec, library);
  if (problem) throw ApplicationFailure.nonRetryable(`campaign ${campaignId}: ${problem}`, 'InvalidScanLibrary');
  remember(libraries, campaignId, library);
  return library;
}

async function specContext(deps: CampaignContextDeps, campaignId: string): Promise<CampaignContext> {
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
  remember(cache, campaignId, context);
  return context;
}
