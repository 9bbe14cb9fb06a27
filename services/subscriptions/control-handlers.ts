// The Control service's handlers: the API face of services/control (what the CLI calls). Each
// handler checks the token's scope first (no effect without it), then the request, then, for
// steering, that the token owns the campaign (or is admin), then calls the control function.

import { status } from '@grpc/grpc-js';
import type { ControlHandlers } from '../../proto/generated/synthflux/control/v1/Control';
import { formatSpecIssues, isCampaignSpecError, parseCampaignSpec, specHash } from '../campaign';
import type { PrismaClient } from '../catalog/client';
import { getCampaign } from '../catalog/campaigns';
import type { Client } from '@temporalio/client';
import { toFailuresMessage, toStatusMessage, toVerificationMessage } from '../control/api-messages';
import { pauseCampaign, resumeCampaign, retryFailed, setCampaignLimits } from '../control/control';
import { campaignFailures, MAX_FAILURES_LISTED } from '../control/failures';
import { steeringRefusal } from '../control/ownership';
import { campaignStatus, cancelCampaign } from '../control/status';
import { submitCampaign } from '../control/submit';
import { verifyDataset } from '../control/verify';
import { campaignIdOf, fail, steerableCampaign, temporalUnary, unary, type ControlServiceDeps } from './control-call';

export type { ControlServiceDeps } from './control-call';

export const MAX_SPEC_BYTES = 1 << 20;

/** Pause, resume and cancel: check the id and the owner, run the control function, answer with the workflow. */
function steer(deps: ControlServiceDeps, name: string, run: (d: { prisma: PrismaClient; temporal: Client }, id: string) => Promise<void>) {
  return temporalUnary<{ campaignId: string }, { campaignId: string; workflowId: string }>(deps, name, 'submit', async (req, { temporal, principal }) => {
    const id = campaignIdOf(req.campaignId);
    if ('error' in id) return id;
    const owned = await steerableCampaign(deps, id.id, principal);
    if ('error' in owned) return owned;
    await run({ prisma: deps.prisma, temporal }, id.id);
    return { response: { campaignId: id.id, workflowId: owned.campaign.workflowId } };
  });
}

export function createControlService(deps: ControlServiceDeps): ControlHandlers {
  return {
    SubmitCampaign: temporalUnary(deps, 'SubmitCampaign', 'submit', async (req, { temporal, principal }) => {
      if (Buffer.byteLength(req.specYaml, 'utf8') > MAX_SPEC_BYTES) return fail(status.INVALID_ARGUMENT, `spec_yaml: is larger than ${MAX_SPEC_BYTES} bytes`);
      if (req.specYaml.trim() === '') return fail(status.INVALID_ARGUMENT, 'spec_yaml: is required');
      let campaignId: string | undefined;
      if (req.campaignId !== '') {
        const id = campaignIdOf(req.campaignId);
        if ('error' in id) return id;
        campaignId = id.id;
      }
      const parsed = parseCampaignSpec(req.specYaml, 'spec_yaml');
      if (!parsed.ok) return fail(status.INVALID_ARGUMENT, `invalid campaign spec:\n${formatSpecIssues(parsed.errors)}`);
      if (campaignId !== undefined) {
        // The catalog keeps the first registration of an id (and its owner); a different spec under it is a conflict.
        const existing = await getCampaign(deps.prisma, campaignId);
        const refusal = existing && steeringRefusal(existing, principal);
        if (refusal) return fail(status.PERMISSION_DENIED, refusal);
        if (existing && existing.specHash !== specHash(parsed.spec)) return fail(status.ALREADY_EXISTS, `campaign_id: '${campaignId}' already exists with a different spec`);
      }
      let submitted;
      try {
        submitted = await submitCampaign({ prisma: deps.prisma, temporal, bucket: deps.bucket, solverLimits: deps.solverLimits }, parsed.spec, campaignId, principal.name);
      } catch (err) {
        // The spec is valid but over the solver pool's limits: nothing was started.
        if (isCampaignSpecError(err)) return fail(status.INVALID_ARGUMENT, err.message);
        throw err;
      }
      return {
        response: { campaignId: submitted.campaignId, workflowId: submitted.workflowId, total: submitted.total, batches: submitted.batches, datasetUrl: submitted.datasetUrl },
      };
    }),
    PauseCampaign: steer(deps, 'PauseCampaign', pauseCampaign),
    ResumeCampaign: steer(deps, 'ResumeCampaign', resumeCampaign),
    CancelCampaign: steer(deps, 'CancelCampaign', cancelCampaign),
    RetryFailed: temporalUnary(deps, 'RetryFailed', 'submit', async (req, { temporal, principal }) => {
      const id = campaignIdOf(req.campaignId);
      if ('error' in id) return id;
      const owned = await steerableCampaign(deps, id.id, principal);
      if ('error' in owned) return owned;
      try {
        const { workflowId } = await retryFailed({ prisma: deps.prisma, temporal }, id.id);
        return { response: { campaignId: id.id, workflowId } };
      } catch (err) {
        // retryFailed refuses a campaign that is still running with a RangeError.
        if (err instanceof RangeError) return fail(status.FAILED_PRECONDITION, err.message);
        throw err;
      }
    }),
    // Admin scope, so every caller may steer every campaign; the owner rule needs no check here.
    SetLimits: temporalUnary(deps, 'SetLimits', 'admin', async (req, { temporal }) => {
      const id = campaignIdOf(req.campaignId);
      if ('error' in id) return id;
      if (req.maxShardsInFlight === 0 && req.maxBatchesInFlight === 0) {
        return fail(status.INVALID_ARGUMENT, 'max_shards_in_flight, max_batches_in_flight: set at least one (0 leaves a limit as it is)');
      }
      const change = {
        ...(req.maxShardsInFlight !== 0 ? { maxShardsInFlight: req.maxShardsInFlight } : {}),
        ...(req.maxBatchesInFlight !== 0 ? { maxBatchesInFlight: req.maxBatchesInFlight } : {}),
      };
      try {
        await setCampaignLimits({ prisma: deps.prisma, temporal }, id.id, change);
      } catch (err) {
        // setCampaignLimits checks the range first, naming the field.
        if (err instanceof RangeError) return fail(status.INVALID_ARGUMENT, err.message.replace(/^maxShardsInFlight/, 'max_shards_in_flight').replace(/^maxBatchesInFlight/, 'max_batches_in_flight'));
        throw err;
      }
      const campaign = await getCampaign(deps.prisma, id.id);
      return { response: { campaignId: id.id, workflowId: campaign?.workflowId ?? '' } };
    }),

    // Reads: any token with the read scope, whoever submitted the campaign.
    GetCampaignStatus: temporalUnary(deps, 'GetCampaignStatus', 'read', async (req, { temporal }) => {
      const id = campaignIdOf(req.campaignId);
      if ('error' in id) return id;
      return { response: toStatusMessage(await campaignStatus({ prisma: deps.prisma, temporal }, id.id)) };
    }),
    VerifyDataset: unary(deps, 'VerifyDataset', 'read', async (req) => {
      const id = campaignIdOf(req.campaignId);
      if ('error' in id) return id;
      return { response: toVerificationMessage(await verifyDataset({ prisma: deps.prisma, s3: deps.s3, bucket: deps.bucket }, id.id)) };
    }),
    ListFailures: unary(deps, 'ListFailures', 'read', async (req) => {
      const id = campaignIdOf(req.campaignId);
      if ('error' in id) return id;
      if (req.listLimit > MAX_FAILURES_LISTED) return fail(status.INVALID_ARGUMENT, `list_limit: must be 0 (groups only) or 1..${MAX_FAILURES_LISTED} (got ${req.listLimit})`);
      return { response: toFailuresMessage(await campaignFailures(deps.prisma, id.id, req.listLimit === 0 ? undefined : req.listLimit)) };
    }),
  };
}
