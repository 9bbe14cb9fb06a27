// The campaign commands through the API service: the Control API for submit, steering and the
// reads, Subscriptions.ListCampaigns for the list, every call with the bearer token. A refusal
// becomes a CliExit that says what to change.

import { status, type CallOptions, type Metadata, type ServiceError } from '@grpc/grpc-js';
import { authMetadata, createSubscriptionsClient, listCampaigns } from '../consumer/client';
import { grpcCode } from '../consumer/backoff';
import { fromFailuresMessage, fromStatusMessage, fromVerificationMessage } from '../control/api-messages';
import { createControlClient, type ControlClient } from '../control/api-client';
import { readStackToken } from '../stack/stack-token';
import { defaultStackDir } from '../stack/paths';
import { channelCredentials } from '../tls/grpc-tls';
import type { CampaignOps } from './campaign-ops';
import { CliExit, EXIT } from './common';
import type { CliConfig } from './context';

// Steering and reads answer in well under a second; verify reads the whole dataset.
const CALL_DEADLINE_MS = 60_000;
const VERIFY_DEADLINE_MS = 30 * 60_000;

type Unary<Req, Res> = (request: Req, metadata: Metadata, options: CallOptions, callback: (err: ServiceError | null, response?: Res) => void) => unknown;

/** What to tell the user for a refused or failed call; `what` is the command's action. */
export function apiCallError(err: unknown, address: string, what: string): CliExit {
  const details = (err as { details?: string } | null)?.details || (err instanceof Error ? err.message : String(err));
  switch (grpcCode(err)) {
    case status.UNAUTHENTICATED:
      return new CliExit(EXIT.denied, `the API at ${address} refused the token (${details}): set SYNTHFLUX_TOKEN to a token it accepts`);
    case status.PERMISSION_DENIED:
      return new CliExit(EXIT.denied, `${what}: permission denied by the API at ${address}: ${details}`);
    case status.NOT_FOUND:
      return new CliExit(EXIT.notFound, details);
    case status.INVALID_ARGUMENT:
      return new CliExit(EXIT.invalidSpec, details);
    case status.UNAVAILABLE:
      return new CliExit(EXIT.failure, `cannot reach the API at ${address} (SYNTHFLUX_API_ADDRESS), or it cannot reach its servers: ${details}`);
    case status.DEADLINE_EXCEEDED:
      return new CliExit(EXIT.failure, `${what}: the API at ${address} did not answer in time`);
    default:
      return new CliExit(EXIT.failure, `${what}: ${details}`);
  }
}

export async function withApiOps<T>(config: CliConfig, address: string, fn: (ops: CampaignOps) => Promise<T>): Promise<T> {
  const token = readStackToken(defaultStackDir());
  if (!token) {
    throw new CliExit(
      EXIT.denied,
      `SYNTHFLUX_API_ADDRESS is set (${address}) but there is no token: set SYNTHFLUX_TOKEN to a token of that API (scope 'read' to read, 'submit' to submit and steer, 'admin' for set-limits)`,
    );
  }
  if (/\s/.test(token)) throw new CliExit(EXIT.denied, "SYNTHFLUX_TOKEN contains whitespace: set the token alone, without 'Bearer '");
  const credentials = channelCredentials({ ca: config.SYNTHFLUX_API_TLS_CA, cert: config.SYNTHFLUX_API_TLS_CERT, key: config.SYNTHFLUX_API_TLS_KEY });
  const control = createControlClient(address, { credentials });
  const subscriptions = createSubscriptionsClient(address, { credentials });

  const call = <Req, Res>(method: Unary<Req, Res>, client: object, request: Req, what: string, deadlineMs = CALL_DEADLINE_MS): Promise<Res> =>
    new Promise((resolve, reject) => {
      method.call(client, request, authMetadata(token), { deadline: Date.now() + deadlineMs }, (err, response) => {
        if (err) reject(apiCallError(err, address, what));
        else if (!response) reject(new CliExit(EXIT.failure, `${what}: the API at ${address} sent an empty answer`));
        else resolve(response);
      });
    });
  const controlCall = <Res>(name: keyof ControlClient, request: object, what: string, deadlineMs?: number): Promise<Res> =>
    // eslint-disable-next-line @typescript-eslint/unbound-method -- `call` invokes it as method.call(control, ...)
    call(control[name] as unknown as Unary<object, Res>, control, request, what, deadlineMs);

  const ops: CampaignOps = {
    submit: (spec, campaignId) =>
      // The spec as parsed here (B-H tables next to the spec file already read in): JSON is YAML.
      controlCall('SubmitCampaign', { specYaml: JSON.stringify(spec), campaignId: campaignId ?? '' }, 'submit'),
    pause: async (campaignId) => void (await controlCall('PauseCampaign', { campaignId }, 'pause')),
    resume: async (campaignId) => void (await controlCall('ResumeCampaign', { campaignId }, 'resume')),
    cancel: async (campaignId) => void (await controlCall('CancelCampaign', { campaignId }, 'cancel')),
    retryFailed: async (campaignId, opts) => {
      if (opts.wait) {
        throw new CliExit(EXIT.failure, `retry-failed --wait: not available through the API (${address}); run it without --wait and follow with 'synthflux campaign failures ${campaignId}'`);
      }
      return { workflowId: (await controlCall<{ workflowId: string }>('RetryFailed', { campaignId }, 'retry-failed')).workflowId };
    },
    setLimits: async (campaignId, change) =>
      void (await controlCall('SetLimits', { campaignId, maxShardsInFlight: change.maxShardsInFlight ?? 0, maxBatchesInFlight: change.maxBatchesInFlight ?? 0 }, 'set-limits')),
    status: async (campaignId) => fromStatusMessage(await controlCall('GetCampaignStatus', { campaignId }, 'status')),
    list: async () => {
      const page = await listCampaigns(subscriptions, token, 50).catch((err: unknown) => {
        throw apiCallError(err, address, 'list');
      });
      return page.campaigns.map((c) => ({ id: c.campaignId, state: c.state, total: c.total, createdAt: c.createdAt, owner: c.owner }));
    },
    verify: async (campaignId) => fromVerificationMessage(await controlCall('VerifyDataset', { campaignId }, 'verify', VERIFY_DEADLINE_MS)),
    failures: async (campaignId, list) => fromFailuresMessage(await controlCall('ListFailures', { campaignId, listLimit: list ?? 0 }, 'failures')),
  };
  try {
    return await fn(ops);
  } finally {
    control.close();
    subscriptions.close();
  }
}
