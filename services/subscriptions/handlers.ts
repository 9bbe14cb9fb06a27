// The Subscriptions service's handlers. Unary handlers check the token and the request, call
// back exactly once and return; catalog and storage errors become UNAVAILABLE, never raw errors.

import { status } from '@grpc/grpc-js';
import type { sendUnaryData, ServerUnaryCall, ServiceError } from '@grpc/grpc-js';
import type { SubscriptionsHandlers } from '../../proto/generated/synthflux/subscriptions/v1/Subscriptions';
import { authorize, type TokenEntry } from './auth';
import { readCampaign, readCampaignPage, readDataset, type CatalogReadDeps } from './catalog-read';
import { checkCampaignId, checkPage } from './validate';
import { createWatchService, type WatchDeps, type WatchService } from './watch';

export interface SubscriptionsDeps extends CatalogReadDeps, WatchDeps {
  tokens: readonly TokenEntry[];
}

type StatusOnly = Partial<ServiceError> & { code: status; details: string };

/** Runs a unary handler's body with auth in front and every failure mapped to a status. */
function unary<Req, Res>(
  deps: SubscriptionsDeps,
  name: string,
  body: (request: Req) => Promise<{ response: Res } | { error: StatusOnly }>,
): (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void {
  return (call, callback) => {
    const auth = authorize(call.metadata, deps.tokens, 'read');
    if (!auth.ok) {
      callback({ code: auth.code, details: auth.details });
      return;
    }
    body(call.request).then(
      (result) => {
        if ('error' in result) callback(result.error);
        else callback(null, result.response);
      },
      (err: unknown) => {
        deps.log(`${name} (${auth.name}) failed: ${err instanceof Error ? err.message : String(err)}`);
        callback({ code: status.UNAVAILABLE, details: `${name}: the catalog or object storage is unavailable; retry` });
      },
    );
  };
}

const invalid = (field: string, message: string): { error: StatusOnly } => ({ error: { code: status.INVALID_ARGUMENT, details: `${field}: ${message}` } });
const notFound = (details: string): { error: StatusOnly } => ({ error: { code: status.NOT_FOUND, details } });

export function createSubscriptionsService(deps: SubscriptionsDeps): { handlers: SubscriptionsHandlers; watch: WatchService } {
  const watch = createWatchService(deps);
  const handlers: SubscriptionsHandlers = {
    WatchBatches: watch.handler,
    GetCampaign: unary(deps, 'GetCampaign', async (req) => {
      const id = checkCampaignId(req.campaignId, 'campaign_id');
      if (!id.ok) return invalid(id.field, id.message);
      const campaign = await readCampaign(deps, id.value);
      return campaign ? { response: campaign } : notFound(`campaign '${id.value}' is not in the catalog`);
    }),
    ListCampaigns: unary(deps, 'ListCampaigns', async (req) => {
      const page = checkPage(req);
      if (!page.ok) return invalid(page.field, page.message);
      return { response: await readCampaignPage(deps, page.value.size, page.value.after) };
    }),
    GetDataset: unary(deps, 'GetDataset', async (req) => {
      const id = checkCampaignId(req.campaignId, 'campaign_id');
      if (!id.ok) return invalid(id.field, id.message);
      const lookup = await readDataset(deps, id.value);
      return lookup.found ? { response: lookup.dataset } : notFound(lookup.reason);
    }),
  };
  return { handlers, watch };
}
