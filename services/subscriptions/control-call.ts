// How every Control handler runs: the token's scope first (no effect without it), then the
// handler's body, whose outcome or error becomes the answer. Nothing throws out of a handler.

import { status } from '@grpc/grpc-js';
import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { Client } from '@temporalio/client';
import type * as Minio from 'minio';
import type { PrismaClient } from '../catalog/client';
import { getCampaign } from '../catalog/campaigns';
import { steeringRefusal, type Principal } from '../control/ownership';
import { CampaignNotFoundError } from '../control/status';
import type { SolverLimitsSource } from '../control/solver-limits';
import { authorize, type Scope, type TokenEntry } from './auth';
import { checkCampaignId } from './validate';

export interface ControlServiceDeps {
  prisma: PrismaClient;
  /** Undefined when the service has no TEMPORAL_ADDRESS: every call that needs it is FAILED_PRECONDITION. */
  temporal: Client | undefined;
  /** Object storage, for VerifyDataset. */
  s3: Minio.Client;
  bucket: string;
  tokens: readonly TokenEntry[];
  log: (message: string) => void;
  /** The solver pool's limits; SubmitCampaign refuses a spec the pool would refuse. Unset: not checked. */
  solverLimits?: SolverLimitsSource;
}

type Failure = { code: status; details: string };
export type Outcome<Res> = { response: Res } | { error: Failure };

export const fail = (code: status, details: string): { error: Failure } => ({ error: { code, details } });

/** Errors from services/control and Temporal, mapped to what the caller can act on. */
function mapError(name: string, err: unknown, log: ControlServiceDeps['log'], who: string): Failure {
  const errorName = (err as { name?: string } | null)?.name;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof CampaignNotFoundError) return { code: status.NOT_FOUND, details: message };
  // Signals and cancellation need a running workflow; a finished campaign has none.
  if (errorName === 'WorkflowNotFoundError') return { code: status.FAILED_PRECONDITION, details: `${name}: the campaign's workflow is not running (${message})` };
  if (errorName === 'WorkflowExecutionAlreadyStartedError') return { code: status.ALREADY_EXISTS, details: `${name}: already running (${message})` };
  log(`${name} (${who}) failed: ${message}`);
  return { code: status.UNAVAILABLE, details: `${name}: the catalog, object storage or Temporal is unavailable; retry` };
}

export interface CallContext {
  principal: Principal;
}

/** A handler that needs the catalog (and object storage) only. */
export function unary<Req, Res>(
  deps: ControlServiceDeps,
  name: string,
  scope: Scope,
  body: (request: Req, ctx: CallContext) => Promise<Outcome<Res>>,
): (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void {
  return (call, callback) => {
    const auth = authorize(call.metadata, deps.tokens, scope);
    if (!auth.ok) return void callback({ code: auth.code, details: auth.details });
    let pending: Promise<Outcome<Res>>;
    try {
      pending = body(call.request, { principal: { name: auth.name, admin: auth.scopes.has('admin') } });
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      (result) => ('error' in result ? callback(result.error) : callback(null, result.response)),
      (err: unknown) => callback(mapError(name, err, deps.log, auth.name)),
    );
  };
}

/** A handler that also needs Temporal: FAILED_PRECONDITION (after the token check) when none is configured. */
export function temporalUnary<Req, Res>(
  deps: ControlServiceDeps,
  name: string,
  scope: Scope,
  body: (request: Req, ctx: CallContext & { temporal: Client }) => Promise<Outcome<Res>>,
): (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void {
  return unary<Req, Res>(deps, name, scope, async (request, ctx) => {
    const temporal = deps.temporal;
    if (!temporal) return fail(status.FAILED_PRECONDITION, `${name}: this API service has no Temporal server configured (TEMPORAL_ADDRESS)`);
    return body(request, { ...ctx, temporal });
  });
}

/** The request's campaign_id, checked; INVALID_ARGUMENT naming the field otherwise. */
export function campaignIdOf(campaignId: string): { id: string } | { error: Failure } {
  const id = checkCampaignId(campaignId, 'campaign_id');
  return id.ok ? { id: id.value } : fail(status.INVALID_ARGUMENT, `${id.field}: ${id.message}`);
}

/** The campaign, if the principal may steer it: NOT_FOUND, or PERMISSION_DENIED naming the owner rule. */
export async function steerableCampaign(deps: ControlServiceDeps, id: string, principal: Principal) {
  const campaign = await getCampaign(deps.prisma, id);
  if (!campaign) return fail(status.NOT_FOUND, `campaign '${id}' is not in the catalog`);
  const refusal = steeringRefusal(campaign, principal);
  return refusal ? fail(status.PERMISSION_DENIED, refusal) : { campaign };
}
