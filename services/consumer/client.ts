// A typed client for the subscription service, and the bearer-token metadata every call carries.

import * as grpc from '@grpc/grpc-js';
import type { SubscriptionsClient } from '../../proto/generated/synthflux/subscriptions/v1/Subscriptions';
import type { Campaign__Output } from '../../proto/generated/synthflux/subscriptions/v1/Campaign';
import type { Dataset__Output } from '../../proto/generated/synthflux/subscriptions/v1/Dataset';
import type { ListCampaignsResponse__Output } from '../../proto/generated/synthflux/subscriptions/v1/ListCampaignsResponse';
import { loadSubscriptionsProto } from '../../proto/load';

export type { SubscriptionsClient };

export interface SubscriptionsClientOptions {
  /** TLS in production; insecure (loopback, inside the cluster) by default. */
  credentials?: grpc.ChannelCredentials;
  channelOptions?: grpc.ChannelOptions;
}

export function createSubscriptionsClient(address: string, options: SubscriptionsClientOptions = {}): SubscriptionsClient {
  const { Subscriptions } = loadSubscriptionsProto().synthflux.subscriptions.v1;
  return new Subscriptions(address, options.credentials ?? grpc.credentials.createInsecure(), {
    // A quiet stream (no batches for a while) must survive idle-connection reapers.
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
    ...options.channelOptions,
  });
}

/**
 * The token goes in per-call metadata rather than call credentials: grpc-js refuses call
 * credentials on insecure channels, and the embedded stack is plain loopback.
 */
export function authMetadata(token: string): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}

function unary<T>(run: (done: grpc.requestCallback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    run((err, response) => {
      if (err) reject(err);
      else if (!response) reject(new Error('empty response'));
      else resolve(response);
    });
  });
}

export const getCampaign = (client: SubscriptionsClient, token: string, campaignId: string): Promise<Campaign__Output> =>
  unary((done) => client.GetCampaign({ campaignId }, authMetadata(token), done));

export const listCampaigns = (client: SubscriptionsClient, token: string, pageSize = 50, pageToken = ''): Promise<ListCampaignsResponse__Output> =>
  unary((done) => client.ListCampaigns({ pageSize, pageToken }, authMetadata(token), done));

export const getDataset = (client: SubscriptionsClient, token: string, campaignId: string): Promise<Dataset__Output> =>
  unary((done) => client.GetDataset({ campaignId }, authMetadata(token), done));
