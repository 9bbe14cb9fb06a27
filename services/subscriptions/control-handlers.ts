// The Control service's handlers: the API face of services/control (what the CLI calls). Each
// handler checks the token's scope first (no effect without it), then the request, then calls the
// control function; every failure becomes a status, nothing throws out of a handler.

import { status } from '@grpc/grpc-js';
import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { Client } from '@temporalio/client';
import type { ControlHandlers } from '../../proto/generated/synthflux/control/v1/Control';
import { formatSpecIssues, isCampaignSpecError, parseCampaignSpec, specHash } from '../campaign';
import type { PrismaClient } from '../catalog/client';
import { getCampaign } from '../catalog/campaigns';
import { cancelCampaign, CampaignNotFoundError } from '../control/status';
import { pauseCampaign, resumeCampaign, retryFailed, setCampaignLimits } from '../control/control';
import { submitCampaign } from '../control/submit';
import type { SolverLimitsSource } from '../control/solver-limits';
import { authorize, type Scope, type TokenEntry } from './auth';
import { checkCampaignId } from './validate';

export interface ControlServiceDeps {
  prisma: PrismaClient;
  /** Undefined when the service has no TEMPORAL_ADDRESS: every call is FAILED_PRECONDITION. */
  temporal: Client | undefined;
  bucket: string;
  tokens: readonly TokenEntry[];
  log: (message: string) => void;
  /** The solver pool's limits; SubmitCampaign refuses a spec the pool would refuse. Unset: not checked. */
  solverLimits?: SolverLimitsSource;
}

export const MAX_SPEC_BYTES = 1 << 20;

type Failure = { code: status; details: string };
type Outcome<Res> = { response: Res } | { error: Failure };

const fail = (code: status, details: string): { error: Failure } => ({ error: { code, details } });

/** Errors from services/control and Temporal, mapped to what the caller can act on. */
function mapError(name: string, err: unknown, log: ControlServiceDeps['log'], who: string): Failure {
  const errorName = (err as { name?: string } | null)?.name;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof CampaignNotFoundError) return { code: status.NOT_FOUND, details: message };
  // Signals and cancellation need a running workflow; a finished campaign has none.
  if (errorName === 'WorkflowNotFoundError') return { code: status.FAILED_PRECONDITION, details: `${name}: the campaign's workflow is not running (${message})` };
  if (errorName === 'WorkflowExecutionAlreadyStartedError') return { code: status.ALREADY_EXISTS, details: `${name}: already running (${message})` };
  log(`${name} (${who}) failed: ${message}`);
  return { code: status.UNAVAILABLE, details: `${name}: the catalog or Temporal is unavailable; retry` };
}

function unary<Req, Res>(
  deps: ControlServiceDeps,
  name: string,
  scope: Scope,
  body: (request: Req, temporal: Client, who: string) => Promise<Outcome<Res>>,
): (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void {
  return (call, callback) => {
    const auth = authorize(call.metadata, deps.tokens, scope);
    if (!auth.ok) return void callback({ code: auth.code, details: auth.details });
    const temporal = deps.temporal;
    if (!temporal) return void callback({ code: status.FAILED_PRECONDITION, details: `${name}: this API service has no Temporal server configured (TEMPORAL_ADDRESS)` });
    let pending: Promise<Outcome<Res>>;
    try {
      pending = body(call.request, temporal, auth.name);
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      (result) => ('error' in result ? callback(result.error) : callback(null, result.response)),
      (err: unknown) => callback(mapError(name, err, deps.log, auth.name)),
    );
  };
}

/** Pause, resume and cancel: check the id, run the control function, answer with the workflow. */
function steer(deps: ControlServiceDeps, name: string, run: (d: { prisma: PrismaClient; temporal: Client }, id: string) => Promise<void>) {
  return unary<{ campaignId: string }, { campaignId: string; workflowId: string }>(deps, name, 'submit', async (req, temporal) => {
    const id = checkCampaignId(req.campaignId, 'campaign_id');
    if (!id.ok) return fail(status.INVALID_ARGUMENT, `${id.field}: ${id.message}`);
    await run({ prisma: deps.prisma, temporal }, id.value);
    const campaign = await getCampaign(deps.prisma, id.value);
    return { response: { campaignId: id.value, workflowId: campaign?.workflowId ?? '' } };
  });
}

export function createControlService(deps: ControlServiceDeps): ControlHandlers {
  return {
    SubmitCampaign: unary(deps, 'SubmitCampaign', 'submit', async (req, temporal) => {
      if (Buffer.byteLength(req.specYaml, 'utf8') > MAX_SPEC_BYTES) return fail(status.INVALID_ARGUMENT, `spec_yaml: is larger than ${MAX_SPEC_BYTES} bytes`);
      if (req.specYaml.trim() === '') return fail(status.INVALID_ARGUMENT, 'spec_yaml: is required');
      let campaignId: string | undefined;
      if (req.campaignId !== '') {
        const id = checkCampaignId(req.campaignId, 'campaign_id');
        if (!id.ok) return fail(status.INVALID_ARGUMENT, `${id.field}: ${id.message}`);
        campaignId = id.value;
      }
      const parsed = parseCampaignSpec(req.specYaml, 'spec_yaml');
      if (!parsed.ok) return fail(status.INVALID_ARGUMENT, `invalid campaign spec:\n${formatSpecIssues(parsed.errors)}`);
      if (campaignId !== undefined) {
        // The catalog keeps the first registration of an id; a different spec under it is a conflict.
        const existing = await getCampaign(deps.prisma, campaignId);
        if (existing && existing.specHash !== specHash(parsed.spec)) return fail(status.ALREADY_EXISTS, `campaign_id: '${campaignId}' already exists with a different spec`);
      }
      let submitted;
      try {
        submitted = await submitCampaign({ prisma: deps.prisma, temporal, bucket: deps.bucket, solverLimits: deps.solverLimits }, parsed.spec, campaignId);
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
    RetryFailed: unary(deps, 'RetryFailed', 'submit', async (req, temporal) => {
      const id = checkCampaignId(req.campaignId, 'campaign_id');
      if (!id.ok) return fail(status.INVALID_ARGUMENT, `${id.field}: ${id.message}`);
      try {
        const { workflowId } = await retryFailed({ prisma: deps.prisma, temporal }, id.value);
        return { response: { campaignId: id.value, workflowId } };
      } catch (err) {
        // retryFailed refuses a campaign that is still running with a RangeError.
        if (err instanceof RangeError) return fail(status.FAILED_PRECONDITION, err.message);
        throw err;
      }
    }),
    SetLimits: unary(deps, 'SetLimits', 'admin', async (req, temporal) => {
      const id = checkCampaignId(req.campaignId, 'campaign_id');
      if (!id.ok) return fail(status.INVALID_ARGUMENT, `${id.field}: ${id.message}`);
      if (req.maxShardsInFlight === 0 && req.maxBatchesInFlight === 0) {
        return fail(status.INVALID_ARGUMENT, 'max_shards_in_flight, max_batches_in_flight: set at least one (0 leaves a limit as it is)');
      }
      const change = {
        ...(req.maxShardsInFlight !== 0 ? { maxShardsInFlight: req.maxShardsInFlight } : {}),
        ...(req.maxBatchesInFlight !== 0 ? { maxBatchesInFlight: req.maxBatchesInFlight } : {}),
      };
      try {
        await setCampaignLimits({ prisma: deps.prisma, temporal }, id.value, change);
      } catch (err) {
        // setCampaignLimits checks the range first, naming the field.
        if (err instanceof RangeError) return fail(status.INVALID_ARGUMENT, err.message.replace(/^maxShardsInFlight/, 'max_shards_in_flight').replace(/^maxBatchesInFlight/, 'max_batches_in_flight'));
        throw err;
      }
      const campaign = await getCampaign(deps.prisma, id.value);
      return { response: { campaignId: id.value, workflowId: campaign?.workflowId ?? '' } };
    }),
  };
}
