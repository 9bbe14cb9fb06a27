// What the campaign commands do, behind one interface with two doors: the catalog and Temporal
// directly (no SYNTHFLUX_API_ADDRESS: the embedded stack, an operator's shell), or the API
// service's Control API with a token, under its scopes and the owner rule.

import type { BatchTally } from '../../workflows/types';
import type { LimitsChange } from '../../workflows/control';
import type { CampaignSpec } from '../campaign';
import { listCampaigns } from '../catalog/campaigns';
import type { CampaignStatusView } from '../control/api-messages';
import { pauseCampaign, resumeCampaign, retryFailed, setCampaignLimits } from '../control/control';
import { campaignFailures, type CampaignFailures } from '../control/failures';
import { campaignStatus, cancelCampaign } from '../control/status';
import { submitCampaign, type SubmittedCampaign } from '../control/submit';
import { verifyDataset, type DatasetVerification } from '../control/verify';
import { createS3Client, s3ConfigSchema } from '../store/s3';
import { withControl, type CliConfig } from './context';

export interface CampaignListRow {
  id: string;
  state: string;
  total: number;
  createdAt: string;
  owner: string;
}

export interface CampaignOps {
  submit(spec: CampaignSpec, campaignId?: string): Promise<SubmittedCampaign>;
  pause(campaignId: string): Promise<void>;
  resume(campaignId: string): Promise<void>;
  cancel(campaignId: string): Promise<void>;
  retryFailed(campaignId: string, opts: { wait?: boolean }): Promise<{ workflowId: string; result?: BatchTally }>;
  setLimits(campaignId: string, change: LimitsChange): Promise<void>;
  status(campaignId: string): Promise<CampaignStatusView>;
  /** Newest first, at most 50. */
  list(): Promise<CampaignListRow[]>;
  verify(campaignId: string): Promise<DatasetVerification>;
  /** `list` lists up to that many failed simulations besides the groups. */
  failures(campaignId: string, list?: number): Promise<CampaignFailures>;
}

/** Runs `fn` with the door the config names, and closes its connections afterwards. */
export async function withCampaigns<T>(config: CliConfig, fn: (ops: CampaignOps) => Promise<T>): Promise<T> {
  if (config.SYNTHFLUX_API_ADDRESS) return (await import('./api-ops')).withApiOps(config, config.SYNTHFLUX_API_ADDRESS, fn);
  return withControl(config, (deps) =>
    fn({
      submit: (spec, campaignId) => submitCampaign(deps, spec, campaignId),
      pause: (id) => pauseCampaign(deps, id),
      resume: (id) => resumeCampaign(deps, id),
      cancel: (id) => cancelCampaign(deps, id),
      retryFailed: (id, opts) => retryFailed(deps, id, opts),
      setLimits: (id, change) => setCampaignLimits(deps, id, change),
      status: (id) => campaignStatus(deps, id),
      list: async () => (await listCampaigns(deps.prisma)).map((c) => ({ id: c.id, state: c.state, total: c.total, createdAt: c.createdAt.toISOString(), owner: c.owner })),
      // Object storage only for verify: the other commands work without S3 credentials.
      verify: (id) => verifyDataset({ prisma: deps.prisma, s3: createS3Client(s3ConfigSchema.parse(process.env)), bucket: deps.bucket }, id),
      failures: (id, list) => campaignFailures(deps.prisma, id, list),
    }),
  );
}
